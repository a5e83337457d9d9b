"""The demo city: Pemko Subulussalam's units and a few thousand employees.

Deterministic (one ``random.Random`` with a fixed seed, used in a fixed order) and idempotent:
units are ensured by code and employees skipped by NIP, so a second run creates nothing. Built
through ``penilaian.services`` like any other data. Called by ``manage.py seed_demo``.

The rater rules follow BRIEF: teachers are rated by their school head, school heads by the head
of the education division (kabid), puskesmas staff by the head of the puskesmas, division heads
by the head of the unit (kepala dinas/badan), unit heads by the Sekretaris Daerah, and the
Sekretaris Daerah by the Wali Kota (not an ASN, so no supervisor in the register).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import demo_names as names
from .models import FunctionalLevel as FL
from .models import PositionKind as PK
from .models import Unit, UnitKind
from .services import EmployeeRow, employees_bulk_create, unit_ensure

SEED = 2026
EMAIL_DOMAIN = "asn.subulussalam.test"
KECAMATAN = ["Simpang Kiri", "Penanggalan", "Rundeng", "Sultan Daulat", "Longkib"]
SD_PER_KECAMATAN = {"Simpang Kiri": 10, "Penanggalan": 7, "Rundeng": 8, "Sultan Daulat": 8, "Longkib": 5}
SMP_PER_KECAMATAN = {"Simpang Kiri": 4, "Penanggalan": 2, "Rundeng": 2, "Sultan Daulat": 3, "Longkib": 1}
PUSKESMAS = ["Simpang Kiri", "Jontor", "Penanggalan", "Rundeng", "Sultan Daulat", "Longkib"]

# (code, name, short name, bidang/bagian names, head position, staff weight)
SKPK = [
    ("setdako", "Sekretariat Daerah Kota", "Setdako",
     ["Bagian Pemerintahan", "Bagian Hukum", "Bagian Organisasi", "Bagian Umum", "Bagian Perekonomian", "Bagian Pengadaan Barang/Jasa"],
     "Sekretaris Daerah", 4),
    ("setdprk", "Sekretariat DPRK", "Setwan", ["Bagian Persidangan", "Bagian Keuangan", "Bagian Umum"], "Sekretaris DPRK", 2),
    ("bappeda", "Badan Perencanaan Pembangunan Daerah", "Bappeda",
     ["Bidang Perencanaan Ekonomi", "Bidang Perencanaan Sosial Budaya", "Bidang Infrastruktur dan Kewilayahan"], "Kepala Badan", 2),
    ("bpkd", "Badan Pengelolaan Keuangan Daerah", "BPKD", ["Bidang Anggaran", "Bidang Perbendaharaan", "Bidang Akuntansi", "Bidang Aset"], "Kepala Badan", 3),
    ("inspektorat", "Inspektorat", "Inspektorat", ["Inspektur Pembantu Wilayah I", "Inspektur Pembantu Wilayah II"], "Inspektur", 2),
    ("bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM",
     ["Bidang Mutasi dan Promosi", "Bidang Pengembangan Kompetensi Aparatur", "Bidang Penilaian Kinerja dan Penghargaan"], "Kepala Badan", 2),
    ("disdikbud", "Dinas Pendidikan dan Kebudayaan", "Disdikbud", ["Bidang PAUD", "Bidang Pembinaan SD", "Bidang Pembinaan SMP", "Bidang Kebudayaan"], "Kepala Dinas", 2),
    ("dinkes", "Dinas Kesehatan", "Dinkes", ["Bidang Kesehatan Masyarakat", "Bidang Pencegahan dan Pengendalian Penyakit", "Bidang Pelayanan Kesehatan"], "Kepala Dinas", 2),
    ("rsud", "Rumah Sakit Umum Daerah Kota Subulussalam", "RSUD", ["Bidang Pelayanan Medik", "Bidang Keperawatan", "Bagian Umum dan Keuangan"], "Direktur", 6),
    ("dishub", "Dinas Perhubungan", "Dishub", ["Bidang Lalu Lintas", "Bidang Sarana dan Prasarana"], "Kepala Dinas", 2),
    ("distanbunkan", "Dinas Pertanian, Perkebunan dan Perikanan", "Distanbunkan", ["Bidang Tanaman Pangan", "Bidang Perkebunan", "Bidang Perikanan"], "Kepala Dinas", 3),
    ("disperindagkop", "Dinas Perindustrian, Perdagangan, Koperasi dan UKM", "Disperindagkop", ["Bidang Perdagangan", "Bidang Koperasi dan UKM"], "Kepala Dinas", 2),
    ("diskominfo", "Dinas Komunikasi dan Informatika", "Diskominfo", ["Bidang Aplikasi Informatika", "Bidang Informasi dan Komunikasi Publik"], "Kepala Dinas", 2),
    ("satpolpp", "Satuan Polisi Pamong Praja dan Wilayatul Hisbah", "Satpol PP & WH", ["Bidang Penegakan Perda", "Bidang Wilayatul Hisbah"], "Kepala Satuan", 4),
    ("dpupr", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR", ["Bidang Bina Marga", "Bidang Sumber Daya Air", "Bidang Cipta Karya"], "Kepala Dinas", 3),
    ("dinsos", "Dinas Sosial", "Dinsos", ["Bidang Rehabilitasi Sosial", "Bidang Perlindungan dan Jaminan Sosial"], "Kepala Dinas", 2),
    ("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", ["Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pencatatan Sipil"], "Kepala Dinas", 2),
    ("dlh", "Dinas Lingkungan Hidup", "DLH", ["Bidang Kebersihan", "Bidang Pengendalian Pencemaran"], "Kepala Dinas", 3),
    ("bpbd", "Badan Penanggulangan Bencana Daerah", "BPBD", ["Bidang Kedaruratan dan Logistik", "Bidang Rehabilitasi dan Rekonstruksi"], "Kepala Pelaksana", 2),
    ("dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", ["Bidang Pelayanan Perizinan", "Bidang Penanaman Modal"], "Kepala Dinas", 2),
    ("maa", "Sekretariat Majelis Adat Aceh", "Sekretariat MAA", [], "Kepala Sekretariat", 1),
    ("mpu", "Sekretariat Majelis Permusyawaratan Ulama", "Sekretariat MPU", [], "Kepala Sekretariat", 1),
    ("baitulmal", "Sekretariat Baitul Mal", "Sekretariat Baitul Mal", [], "Kepala Sekretariat", 1),
    ("mpd", "Sekretariat Majelis Pendidikan Daerah", "Sekretariat MPD", [], "Kepala Sekretariat", 1),
] + [
    (f"kec-{k.lower().replace(' ', '-')}", f"Kecamatan {k}", f"Kec. {k}", ["Seksi Pemerintahan", "Seksi Pelayanan Umum"], "Camat", 2)
    for k in KECAMATAN
]

# Headship kind per SKPK head position: dinas and badan heads are JPT Pratama; the heads of the
# small secretariats and the camat are administrators.
HEAD_KIND = {"Kepala Sekretariat": PK.ADMINISTRATOR, "Camat": PK.ADMINISTRATOR}

GENERAL_STAFF = [
    # (position name, kind, level, title group, weight)
    ("Analis Kebijakan", PK.FUNGSIONAL, FL.AHLI_PERTAMA, "admin", 2),
    ("Analis Kebijakan", PK.FUNGSIONAL, FL.AHLI_MUDA, "admin", 1),
    ("Perencana", PK.FUNGSIONAL, FL.AHLI_MUDA, "admin", 1),
    ("Analis Keuangan Pusat dan Daerah", PK.FUNGSIONAL, FL.AHLI_PERTAMA, "admin", 1),
    ("Pranata Komputer", PK.FUNGSIONAL, FL.TERAMPIL, "staff", 1),
    ("Arsiparis", PK.FUNGSIONAL, FL.TERAMPIL, "staff", 1),
    ("Pengadministrasi Perkantoran", PK.PELAKSANA, "", "staff", 5),
    ("Penata Layanan Operasional", PK.PELAKSANA, "", "staff", 4),
    ("Pengolah Data dan Informasi", PK.PELAKSANA, "", "staff", 3),
    ("Operator Layanan Operasional", PK.PELAKSANA, "", "staff", 3),
    ("Pengelola Keuangan", PK.PELAKSANA, "", "admin", 2),
]
HR_STAFF = [("Analis Sumber Daya Manusia Aparatur", PK.FUNGSIONAL, FL.AHLI_MUDA, "admin", 3),
            ("Analis Sumber Daya Manusia Aparatur", PK.FUNGSIONAL, FL.AHLI_PERTAMA, "admin", 3)]
TEACHERS = [
    ("Guru Kelas", PK.FUNGSIONAL, FL.AHLI_PERTAMA, "teacher", 5),
    ("Guru Kelas", PK.FUNGSIONAL, FL.AHLI_MUDA, "teacher", 4),
    ("Guru Kelas", PK.FUNGSIONAL, FL.AHLI_MADYA, "teacher", 2),
    ("Guru Pendidikan Agama Islam", PK.FUNGSIONAL, FL.AHLI_PERTAMA, "teacher", 2),
    ("Guru Pendidikan Jasmani", PK.FUNGSIONAL, FL.AHLI_PERTAMA, "teacher", 1),
]
SMP_TEACHERS = [
    (f"Guru {subject}", PK.FUNGSIONAL, level, "teacher", w)
    for subject in ["Matematika", "Bahasa Indonesia", "Bahasa Inggris", "IPA", "IPS", "PPKn", "Pendidikan Agama Islam"]
    for level, w in [(FL.AHLI_PERTAMA, 2), (FL.AHLI_MUDA, 2), (FL.AHLI_MADYA, 1)]
]
PAUD_TEACHERS = [("Guru TK", PK.FUNGSIONAL, FL.AHLI_PERTAMA, "early_teacher", 3), ("Guru TK", PK.FUNGSIONAL, FL.AHLI_MUDA, "early_teacher", 1)]
SCHOOL_STAFF = [("Pengelola Layanan Operasional Sekolah", PK.PELAKSANA, "", "staff", 1)]
HEALTH_STAFF = [
    ("Perawat", PK.FUNGSIONAL, FL.TERAMPIL, "nurse", 4),
    ("Perawat", PK.FUNGSIONAL, FL.AHLI_PERTAMA, "nurse", 2),
    ("Bidan", PK.FUNGSIONAL, FL.TERAMPIL, "midwife", 4),
    ("Bidan", PK.FUNGSIONAL, FL.AHLI_PERTAMA, "midwife", 1),
    ("Dokter", PK.FUNGSIONAL, FL.AHLI_PERTAMA, "doctor", 1),
    ("Nutrisionis", PK.FUNGSIONAL, FL.TERAMPIL, "health", 1),
    ("Apoteker", PK.FUNGSIONAL, FL.AHLI_PERTAMA, "health", 1),
    ("Penyuluh Kesehatan Masyarakat", PK.FUNGSIONAL, FL.AHLI_PERTAMA, "health", 1),
    ("Pengadministrasi Perkantoran", PK.PELAKSANA, "", "staff", 1),
]

# Shares of the staff below the fixed structure (heads, division heads, school heads).
SHARE_TEACHERS = 0.46
SHARE_HEALTH = 0.17  # puskesmas and RSUD
PPPK_SHARE = {"teacher": 0.38, "early_teacher": 0.5, "nurse": 0.3, "midwife": 0.3, "health": 0.25, "staff": 0.3, "admin": 0.1}

# The demo logins (password in settings.PORTAL_DEMO_PASSWORD), attached to fixed people below.
DEMO_EMPLOYEE_EMAIL = "pegawai@portal.test"
DEMO_SUPERVISOR_EMAIL = "atasan@portal.test"
DEMO_TRAINER_EMAIL = "fasilitator@portal.test"
DEMO_HR_EMAIL = "bkpsdm@portal.test"
DEMO_SCHOOL = "sdn-1-simpang-kiri"


@dataclass
class Plan:
    rows: list[EmployeeRow]
    demo: dict[str, str]  # demo e-mail → NIP


class CityPlanner:
    def __init__(self, *, employees: int, units: dict[str, Unit]):
        self.target = employees
        self.units = units
        self.rng = random.Random(SEED)
        self.used_nips: set[str] = set()
        self.used_emails: set[str] = set()
        self.rows: list[EmployeeRow] = []
        self.demo: dict[str, str] = {}

    # --- people ------------------------------------------------------------------------------
    def _nip(self, *, pppk: bool, birth_years: tuple[int, int], gender: int) -> str:
        rng = self.rng
        year = rng.randint(*birth_years)
        birth = f"{year:04d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        if pppk:
            middle = f"{rng.randint(max(2021, year + 20), 2025):04d}21"  # digits 13–14: not a month
        else:
            app_year = min(2025, year + rng.randint(22, 30))
            middle = f"{app_year:04d}{rng.randint(1, 12):02d}"
        seq = 1
        while True:
            nip = f"{birth}{middle}{gender}{seq:03d}"
            if nip not in self.used_nips:
                self.used_nips.add(nip)
                return nip
            seq += 1

    def _email(self, name: str, nip: str) -> str:
        local = "".join(ch for ch in name.lower().replace(" ", ".") if ch.isalnum() or ch == ".")
        email = f"{local}.{nip[-6:]}@{EMAIL_DOMAIN}"
        while email in self.used_emails:
            email = "x" + email
        self.used_emails.add(email)
        return email

    def _rank(self, *, pppk: bool, kind: str, level: str) -> str:
        rng = self.rng
        if pppk:
            return {FL.AHLI_PERTAMA: "IX", FL.AHLI_MUDA: "X", FL.TERAMPIL: "VII", FL.MAHIR: "VIII"}.get(level, "V")
        if kind == PK.JPT_PRATAMA:
            return rng.choice(["IV/c", "IV/c", "IV/d"])
        if kind == PK.ADMINISTRATOR:
            return rng.choice(["IV/a", "IV/b", "IV/b"])
        if kind == PK.PENGAWAS:
            return rng.choice(["III/c", "III/d", "III/d"])
        if level in (FL.AHLI_MADYA,):
            return rng.choice(["IV/a", "IV/b"])
        if level in (FL.AHLI_MUDA,):
            return rng.choice(["III/c", "III/d"])
        if level in (FL.AHLI_PERTAMA,):
            return rng.choice(["III/a", "III/b"])
        if level in (FL.TERAMPIL, FL.MAHIR, FL.PEMULA, FL.PENYELIA):
            return rng.choice(["II/c", "II/d", "III/a", "III/b"])
        return rng.choice(["II/a", "II/b", "II/c", "II/d", "III/a", "III/b"])

    def person(
        self, *, unit: str, position: str, kind: str, level: str = "", titles: str = "staff",
        supervisor: str | None = None, pppk: bool | None = None, senior: bool = False, email: str | None = None,
    ) -> str:
        rng = self.rng
        if pppk is None:
            pppk = kind in (PK.FUNGSIONAL, PK.PELAKSANA) and rng.random() < PPPK_SHARE.get(titles, 0.2)
        gender = 2 if rng.random() < (0.7 if titles in ("teacher", "early_teacher", "nurse", "midwife") else 0.4) else 1
        if titles == "midwife":
            gender = 2
        first = rng.choice(names.FEMALE_NAMES if gender == 2 else names.MALE_NAMES)
        last = rng.choice(names.FAMILY_NAMES if rng.random() < 0.55 else names.SECOND_NAMES)
        name = f"{first} {last}"
        birth_years = (1966, 1978) if senior else (1968, 2000)
        nip = self._nip(pppk=pppk, birth_years=birth_years, gender=gender)
        front = "dr." if titles == "doctor" else ""
        back = rng.choice(names.TITLES[titles])
        row = EmployeeRow(
            key=nip, nip=nip, employee_type="PPPK" if pppk else "PNS", name=name, front_title=front, back_title=back,
            position_name=position, position_kind=kind, functional_level=level if kind == PK.FUNGSIONAL else "",
            rank=self._rank(pppk=pppk, kind=kind, level=level), unit=self.units[unit],
            email=email or self._email(name, nip), phone=f"08{rng.randint(11, 13)}{rng.randint(10_000_000, 99_999_999)}",
            supervisor_key=supervisor,
        )
        self.rows.append(row)
        if email:
            self.demo[email] = nip
        return nip

    def staff(self, *, unit: str, catalogue, supervisor: str, count: int) -> None:
        weights = [w for *_rest, w in catalogue]
        for position, kind, level, titles, _w in self.rng.choices(catalogue, weights=weights, k=count):
            self.person(unit=unit, position=position, kind=kind, level=level, titles=titles, supervisor=supervisor)

    # --- the city ----------------------------------------------------------------------------
    def plan(self) -> Plan:
        rng = self.rng
        heads: dict[str, str] = {}
        division_heads: dict[str, list[str]] = {}
        sekda = None
        for code, _name, short, divisions, head_title, _weight in SKPK:
            kind = HEAD_KIND.get(head_title, PK.JPT_PRATAMA)
            position = head_title if head_title in ("Sekretaris Daerah", "Inspektur") else f"{head_title} {short}"
            heads[code] = self.person(
                unit=code, position=position, kind=kind, titles="leader", supervisor=sekda, pppk=False, senior=True
            )
            if sekda is None:
                sekda = heads[code]
            division_heads[code] = []
            for division in divisions:
                dcode = f"{code}-{slug(division)}"
                is_section = division.startswith("Seksi")
                division_heads[code].append(
                    self.person(
                        unit=dcode, position=("Kepala " if not division.startswith("Inspektur") else "") + division,
                        kind=PK.PENGAWAS if is_section else PK.ADMINISTRATOR, titles="leader",
                        supervisor=heads[code], pppk=False, senior=True,
                    )
                )

        # Schools: the head is a teacher with an additional task, rated by the kabid of the level.
        disdik_kabid = dict(zip(["paud", "sd", "smp", "kebudayaan"], division_heads["disdikbud"], strict=True))
        school_heads: dict[str, str] = {}
        for school in school_units():
            level = school[2]
            school_heads[school[0]] = self.person(
                unit=school[0], position="Kepala Sekolah (Guru)", kind=PK.FUNGSIONAL, level=FL.AHLI_MADYA,
                titles="teacher", supervisor=disdik_kabid[level], pppk=False, senior=True,
                email=DEMO_SUPERVISOR_EMAIL if school[0] == DEMO_SCHOOL else None,
            )
        # The demo teacher and the BKPSDM people come early so they exist at every size.
        self.person(
            unit=DEMO_SCHOOL, position="Guru Kelas", kind=PK.FUNGSIONAL, level=FL.AHLI_PERTAMA, titles="teacher",
            supervisor=school_heads[DEMO_SCHOOL], pppk=False, email=DEMO_EMPLOYEE_EMAIL,
        )
        bkpsdm_dev, bkpsdm_perf = division_heads["bkpsdm"][1], division_heads["bkpsdm"][2]
        self.person(
            unit="bkpsdm-bidang-pengembangan-kompetensi-aparatur", position="Widyaiswara", kind=PK.FUNGSIONAL,
            level=FL.AHLI_MUDA, titles="admin", supervisor=bkpsdm_dev, pppk=False, email=DEMO_TRAINER_EMAIL,
        )
        self.person(
            unit="bkpsdm-bidang-penilaian-kinerja-dan-penghargaan", position="Analis Sumber Daya Manusia Aparatur",
            kind=PK.FUNGSIONAL, level=FL.AHLI_MUDA, titles="admin", supervisor=bkpsdm_perf, pppk=False,
            email=DEMO_HR_EMAIL,
        )
        puskesmas_heads = {}
        for code, _name in puskesmas_units():
            puskesmas_heads[code] = self.person(
                unit=code, position="Kepala Puskesmas", kind=PK.ADMINISTRATOR, titles="health",
                supervisor=heads["dinkes"], pppk=False, senior=True,
            )

        remaining = self.target - len(self.rows)
        if remaining < 0:
            raise ValueError(f"the demo city needs at least {len(self.rows)} employees")
        n_teachers = round(remaining * SHARE_TEACHERS)
        n_health = round(remaining * SHARE_HEALTH)
        n_general = remaining - n_teachers - n_health

        schools = school_units()
        school_weights = [{"sd": 3, "smp": 5, "paud": 1}[s[2]] for s in schools]
        per_school = _spread(n_teachers, school_weights)
        for (code, _name, level, _kec), count in zip(schools, per_school, strict=True):
            catalogue = {"sd": TEACHERS, "smp": SMP_TEACHERS, "paud": PAUD_TEACHERS}[level]
            n_staff = count // 12
            self.staff(unit=code, catalogue=catalogue, supervisor=school_heads[code], count=count - n_staff)
            self.staff(unit=code, catalogue=SCHOOL_STAFF, supervisor=school_heads[code], count=n_staff)

        health_units = [(code, puskesmas_heads[code], 2) for code, _n in puskesmas_units()]
        rsud_divisions = [c for c in division_heads["rsud"]]
        health_units += [(f"rsud-{slug(d)}", h, 3) for d, h in zip(_divisions("rsud"), rsud_divisions, strict=True)]
        for (code, sup, _w), count in zip(health_units, _spread(n_health, [w for *_x, w in health_units]), strict=True):
            self.staff(unit=code, catalogue=HEALTH_STAFF, supervisor=sup, count=count)

        general_units = []
        for code, _name, _short, divisions, _head, weight in SKPK:
            if code == "rsud":
                continue
            if divisions:
                for division, head in zip(divisions, division_heads[code], strict=True):
                    general_units.append((f"{code}-{slug(division)}", head, weight, code))
            else:
                general_units.append((code, heads[code], weight, code))
        counts = _spread(n_general, [w for _c, _h, w, _p in general_units])
        for (code, sup, _w, parent), count in zip(general_units, counts, strict=True):
            self.staff(unit=code, catalogue=HR_STAFF + GENERAL_STAFF if parent == "bkpsdm" else GENERAL_STAFF,
                       supervisor=sup, count=count)
        rng.shuffle(self.rows)  # creation order should not give the structure away in lists
        return Plan(rows=self.rows, demo=self.demo)


def slug(text: str) -> str:
    out = "".join(ch if ch.isalnum() else "-" for ch in text.lower())
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def _divisions(code: str) -> list[str]:
    return next(d for c, _n, _s, d, _h, _w in SKPK if c == code)


def _spread(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` over ``weights`` in whole numbers that add up exactly."""
    wsum = sum(weights)
    raw = [total * w / wsum for w in weights]
    counts = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)[: total - sum(counts)]:
        counts[i] += 1
    return counts


def school_units() -> list[tuple[str, str, str, str]]:
    """(code, name, level, kecamatan) of the demo schools, in a fixed order."""
    schools = []
    for kec in KECAMATAN:
        for i in range(1, SD_PER_KECAMATAN[kec] + 1):
            schools.append((f"sdn-{i}-{slug(kec)}", f"SD Negeri {i} {kec}", "sd", kec))
    number = 0
    for kec in KECAMATAN:
        for _ in range(SMP_PER_KECAMATAN[kec]):
            number += 1
            schools.append((f"smpn-{number}-subulussalam", f"SMP Negeri {number} Subulussalam", "smp", kec))
    for i, kec in enumerate(KECAMATAN, start=1):
        schools.append((f"tkn-{i}-{slug(kec)}", f"TK Negeri {i} {kec}", "paud", kec))
    return schools


def puskesmas_units() -> list[tuple[str, str]]:
    return [(f"puskesmas-{slug(p)}", f"Puskesmas {p}") for p in PUSKESMAS]


def ensure_units() -> tuple[dict[str, Unit], int]:
    """Create the unit tree (idempotent). Returns units by code and how many were created."""
    existing = {u.code: u for u in Unit.objects.all()}
    created = 0

    def ensure(code, name, kind, parent=None, short=""):
        nonlocal created
        if code in existing:
            return existing[code]
        unit, was_created = unit_ensure(code=code, name=name, kind=kind, parent=parent, short_name=short)
        created += was_created
        existing[code] = unit
        return unit

    for code, name, short, divisions, _head, _w in SKPK:
        skpk = ensure(code, name, UnitKind.SKPK, short=short)
        for division in divisions:
            kind = UnitKind.BAGIAN if division.startswith(("Bagian", "Inspektur")) else UnitKind.BIDANG
            ensure(f"{code}-{slug(division)}", division, kind, parent=skpk)
    kabid = {lvl: existing[f"disdikbud-{slug(d)}"] for lvl, d in zip(["paud", "sd", "smp"], _divisions("disdikbud"), strict=False)}
    for code, name, level, _kec in school_units():
        ensure(code, name, UnitKind.SEKOLAH, parent=kabid[level])
    for code, name in puskesmas_units():
        ensure(code, name, UnitKind.PUSKESMAS, parent=existing["dinkes"])
    return existing, created


def seed_register(*, employees: int) -> dict:
    """Build (or complete) the demo register; returns counts and the demo people's NIPs."""
    units, units_created = ensure_units()
    plan = CityPlanner(employees=employees, units=units).plan()
    created = employees_bulk_create(rows=plan.rows)
    return {"units_created": units_created, "employees_created": len(created), "demo": plan.demo}


# --- Appraisal history -------------------------------------------------------------------------
# Three annual periods: 2024 and 2025 closed, 2026 in supervisor assessment. Scores follow a
# believable pattern with two systematic gaps so the gap pages tell a story: teachers are weak in
# literasi digital, and Disdukcapil (a front-line service unit) is weak in Berorientasi
# Pelayanan. The orchestrator (seed_demo) may pass who improved on which indicator after
# training, so the 2026 scores show the effect of training (the seed's Dinas Pendidikan story).

DEMO_YEARS = (2024, 2025, 2026)
CURRENT_YEAR = 2026
SYSTEMATIC_GAPS = {
    # (audience test, indicator code): shift of the score in each year
    ("teacher", "kt-literasi-digital"): {2024: -1.3, 2025: -1.2, 2026: -1.0},
    ("disdukcapil", "ba-pelayanan"): {2024: -1.1, 2025: -1.0, 2026: -0.9},
}
TRAINING_EFFECT = 1.4  # levels gained on a trained indicator by 2026 (the story's numbers)


def _unit_draw(key: str) -> float:
    """A deterministic number in [0, 1) for ``key`` (crc32: stable across processes)."""
    import zlib

    return zlib.crc32(key.encode()) / 2**32


def _gauss(key: str, sigma: float) -> float:
    """Deterministic normal-ish noise from two crc32 draws (Box–Muller)."""
    import math

    u1 = max(_unit_draw(key + "#a"), 1e-9)
    u2 = _unit_draw(key + "#b")
    return sigma * math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)


def demo_scores(
    *, year: int, employees, indicators_by_appraisal, improved: frozenset = frozenset(), fraction_assessed=1.0,
    fraction_self=1.0, overrides: dict | None = None,
):
    """Rows (nip, indicator code, period code, self score, supervisor score) for the import."""
    rows = []
    overrides = overrides or {}
    for employee, is_teacher, root_code, scored in employees:
        ability = _gauss(f"ability:{employee.nip}", 0.55) + 0.1 * (year - 2024)
        assessed = _unit_draw(f"assessed:{employee.nip}:{year}") < fraction_assessed
        self_done = assessed or _unit_draw(f"self:{employee.nip}:{year}") < fraction_self
        if not self_done:
            continue
        for code, expected in scored:
            shift = 0.0
            if is_teacher:
                shift += SYSTEMATIC_GAPS.get(("teacher", code), {}).get(year, 0.0)
            if root_code == "disdukcapil":
                shift += SYSTEMATIC_GAPS.get(("disdukcapil", code), {}).get(year, 0.0)
            if (employee.pk, code) in improved:
                shift += TRAINING_EFFECT
            raw = expected + 0.2 + ability + shift + _gauss(f"s:{employee.nip}:{code}:{year}", 0.55)
            supervisor = min(5, max(1, round(raw)))
            supervisor = overrides.get((employee.nip, code, year), supervisor)
            self_score = min(5, max(1, round(raw + 0.5 + _gauss(f"self:{employee.nip}:{code}:{year}", 0.6))))
            rows.append(
                [employee.nip, code, str(year), str(self_score), str(supervisor) if assessed else ""]
            )
    return rows


def seed_appraisals(*, improved: frozenset = frozenset(), years=DEMO_YEARS) -> dict:
    """Create the demo periods and their scores (idempotent: a period that exists is left as it
    is). ``improved`` = {(employee id, indicator code)} who attended training on that indicator
    before the 2026 appraisal. Writes through the period services and the bulk import."""
    import datetime as dt

    from django.db import transaction

    from . import importing, rules
    from . import services as svc
    from .catalogue import catalogue_ensure
    from .models import Appraisal, AppraisalPeriod, AppraisalStatus, Employee, PeriodStatus, Score
    from .selectors import unit_roots

    catalogue_ensure()
    created = {}
    for year in years:
        if AppraisalPeriod.objects.filter(year=year, kind="annual", number=None).exists():
            continue
        with transaction.atomic():
            period = svc.period_create(
                year=year, kind="annual", number=None, name=f"Penilaian Kinerja Tahunan {year}",
                start_date=dt.date(year, 1, 1), end_date=dt.date(year, 12, 31),
            )
            svc.period_advance(period=period, to_status=PeriodStatus.SELF_EVALUATION)
            roots = unit_roots()
            scored: dict[int, list] = {}
            for appraisal_id, code, expected in Score.objects.filter(appraisal__period=period).values_list(
                "appraisal_id", "indicator__code", "expected_level"
            ):
                scored.setdefault(appraisal_id, []).append((code, expected))
            people = []
            for a in Appraisal.objects.filter(period=period).select_related("employee", "unit"):
                e = a.employee
                is_teacher = a.unit.kind == UnitKind.SEKOLAH and e.position_kind == PK.FUNGSIONAL
                people.append((e, is_teacher, roots[a.unit_id].code, scored.get(a.pk, [])))
            people.sort(key=lambda p: p[0].nip)
            current = year == CURRENT_YEAR
            # The demo teacher (pegawai@portal.test) is one of the teachers weak in literasi
            # digital, so their dashboard shows a gap and the recommendations that follow.
            demo_nip = Employee.objects.filter(email=DEMO_EMPLOYEE_EMAIL).values_list("nip", flat=True).first()
            overrides = {(demo_nip, "kt-literasi-digital", 2024): 1, (demo_nip, "kt-literasi-digital", 2025): 1,
                         (demo_nip, "kt-penyusunan-skp", 2025): 2}
            rows = demo_scores(overrides=overrides,
                year=year, employees=people, indicators_by_appraisal=scored, improved=improved if current else frozenset(),
                fraction_assessed=0.6 if current else 1.0, fraction_self=0.85 if current else 1.0,
            )
            if current:
                # The demo teacher has submitted a self-evaluation that waits for the school head.
                rows = [r for r in rows if r[0] != demo_nip]
                rows += [[p[0].nip, code, str(year), str(min(5, exp + 1)), ""] for p in people if p[0].nip == demo_nip
                         for code, exp in p[3]]
            table = importing.Table(
                headers=["nip", "indicator", "period", "self_score", "supervisor_score"],
                rows=[(i + 2, r) for i, r in enumerate(rows)],
            )
            result = importing.run_import(importing.KIND_SCORES, table, dry_run=False)
            if not result.ok:
                raise RuntimeError(f"demo scores did not import: {result.errors[:3]}")
            _conclude(period=period, finalise=not current, rules=rules, status=AppraisalStatus)
            if not current:
                svc.period_advance(period=period, to_status=PeriodStatus.SUPERVISOR_ASSESSMENT)
                svc.period_advance(period=period, to_status=PeriodStatus.CLOSED)
            else:
                svc.period_advance(period=period, to_status=PeriodStatus.SUPERVISOR_ASSESSMENT)
            created[year] = result.changed
    return created


def _conclude(*, period, finalise: bool, rules, status) -> None:
    """Demo shortcut for what supervisors do one by one in the portal: assessed appraisals get
    the suggested ratings (hasil kerja from the SKP achievement score), the predikat from the
    matrix and, in closed years, the approver's finalisation. Bulk, with one audit record."""
    from django.utils import timezone

    from portal.core.audit import record

    from .models import Appraisal, Score

    skp = dict(
        Score.objects.filter(appraisal__period=period, indicator__code=rules.HASIL_KERJA_INDICATOR).values_list(
            "appraisal_id", "supervisor_score"
        )
    )
    now = timezone.now()
    # Group by outcome so the write is one UPDATE per (hasil kerja, perilaku) pair, not per row.
    groups: dict[tuple[str, str], list[int]] = {}
    for pk, suggested in Appraisal.objects.filter(period=period, status=status.ASSESSED).values_list(
        "pk", "rating_perilaku_suggested"
    ):
        hasil = rules.suggest_hasil_kerja(skp.get(pk))
        if hasil and suggested:
            groups.setdefault((hasil, suggested), []).append(pk)
    changed = 0
    for (hasil, perilaku), pks in groups.items():
        fields = {
            "rating_hasil_kerja": hasil, "rating_perilaku": perilaku, "predikat": rules.predikat_for(hasil, perilaku),
            "feedback": "Pertahankan kinerja dan tindak lanjuti kesenjangan melalui pengembangan kompetensi.",
            "assessed_at": now,
        }
        if finalise:
            fields.update(status=status.FINALISED, finalised_at=now)
        for i in range(0, len(pks), 900):
            changed += Appraisal.objects.filter(pk__in=pks[i : i + 900]).update(**fields)
    record(period, "penilaian.demo.conclude", data={"appraisals": changed, "finalised": finalise})
