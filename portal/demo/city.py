"""The demo city's plan: Pemko Subulussalam's units and a few thousand employees, as rows.

Pure planning, no queries: ``register.py`` ensures the units and hands the plan to the register's
bulk service. Deterministic: one ``random.Random`` with the seed of ``data/register.yaml``, used
in a fixed order, so the same size gives the same people (names, NIPs, e-mails) every time.

The rater rules follow the domain brief: teachers are rated by their school head, school heads by
the head of the education division (kabid), puskesmas staff by the head of the puskesmas, division
heads by the head of the unit (kepala dinas/badan), unit heads by the Sekretaris Daerah, and the
Sekretaris Daerah by the Wali Kota (not an ASN, so no supervisor in the register).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from penilaian.models import FunctionalLevel as FL
from penilaian.models import PositionKind as PK
from penilaian.models import Unit
from penilaian.services.register import EmployeeRow

from .loader import load

REGISTER = load("register")
NAMES = load("names")


class CityTooSmall(ValueError):
    """The requested number of employees does not even fill the fixed structure."""


@dataclass(frozen=True)
class Skpk:
    code: str
    name: str
    short: str
    head: str
    staff_weight: int
    divisions: list[str]


def slug(text: str) -> str:
    out = "".join(ch if ch.isalnum() else "-" for ch in text.lower())
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")


def skpk_units() -> list[Skpk]:
    """Every SKPK in a fixed order: the data file's, then one kecamatan office per kecamatan."""
    office = REGISTER["kecamatan_office"]
    units = [Skpk(**u) for u in REGISTER["units"]]
    units += [
        Skpk(code=f"kec-{slug(k['name'])}", name=f"Kecamatan {k['name']}", short=f"Kec. {k['name']}", **office)
        for k in REGISTER["kecamatan"]
    ]
    return units


def division_code(skpk: str, division: str) -> str:
    return f"{skpk}-{slug(division)}"


def school_units() -> list[tuple[str, str, str, str]]:
    """(code, name, level, kecamatan) of the demo schools, in a fixed order: SD numbered within
    their kecamatan, SMP across the city, one TK per kecamatan numbered like the kecamatan."""
    kecamatan = REGISTER["kecamatan"]
    schools = []
    for k in kecamatan:
        for i in range(1, k["sd"] + 1):
            schools.append((f"sdn-{i}-{slug(k['name'])}", f"SD Negeri {i} {k['name']}", "sd", k["name"]))
    number = 0
    for k in kecamatan:
        for _ in range(k["smp"]):
            number += 1
            schools.append((f"smpn-{number}-subulussalam", f"SMP Negeri {number} Subulussalam", "smp", k["name"]))
    for i, k in enumerate(kecamatan, start=1):
        schools.append((f"tkn-{i}-{slug(k['name'])}", f"TK Negeri {i} {k['name']}", "paud", k["name"]))
    return schools


def puskesmas_units() -> list[tuple[str, str]]:
    return [(f"puskesmas-{slug(p)}", f"Puskesmas {p}") for p in REGISTER["puskesmas"]]


def school_divisions() -> dict[str, str]:
    """School level → the code of the disdikbud division whose head rates its school heads."""
    divisions = next(u.divisions for u in skpk_units() if u.code == "disdikbud")
    return {level: division_code("disdikbud", d) for level, d in zip(["paud", "sd", "smp"], divisions, strict=False)}


def _catalogue(rows: list[list]) -> list[tuple]:
    """Staff rows of the data file with the register's own choices for kind and level."""
    return [(position, PK(kind), FL(level) if level else "", titles, weight)
            for position, kind, level, titles, weight in rows]


def _smp_teachers() -> list[tuple]:
    smp = REGISTER["smp_teachers"]
    return _catalogue([
        [smp["position"].format(subject=subject), "fungsional", level, "teacher", weight]
        for subject in smp["subjects"] for level, weight in smp["levels"]
    ])


def _spread(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` over ``weights`` in whole numbers that add up exactly."""
    wsum = sum(weights)
    raw = [total * w / wsum for w in weights]
    counts = [int(x) for x in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - counts[i], reverse=True)[: total - sum(counts)]:
        counts[i] += 1
    return counts


@dataclass
class Plan:
    rows: list[EmployeeRow]
    demo: dict[str, str]  # demo e-mail → NIP


class CityPlanner:
    def __init__(self, *, employees: int, units: dict[str, Unit]):
        self.target = employees
        self.units = units
        self.rng = random.Random(REGISTER["seed"])
        self.used_nips: set[str] = set()
        self.used_emails: set[str] = set()
        self.rows: list[EmployeeRow] = []
        self.demo: dict[str, str] = {}
        self.staff_catalogues = {key: _catalogue(rows) for key, rows in REGISTER["staff"].items()}
        self.staff_catalogues["smp_teachers"] = _smp_teachers()

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
        email = f"{local}.{nip[-6:]}@{REGISTER['email_domain']}"
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
            pppk = kind in (PK.FUNGSIONAL, PK.PELAKSANA) and rng.random() < REGISTER["pppk_share"].get(titles, 0.2)
        gender = 2 if rng.random() < (0.7 if titles in ("teacher", "early_teacher", "nurse", "midwife") else 0.4) else 1
        if titles == "midwife":
            gender = 2
        first = rng.choice(NAMES["female"] if gender == 2 else NAMES["male"])
        last = rng.choice(NAMES["family"] if rng.random() < 0.55 else NAMES["second"])
        name = f"{first} {last}"
        birth_years = (1966, 1978) if senior else (1968, 2000)
        nip = self._nip(pppk=pppk, birth_years=birth_years, gender=gender)
        front = "dr." if titles == "doctor" else ""
        back = rng.choice(NAMES["titles"][titles])
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
        heads, division_heads = self._structure()
        school_heads = self._school_heads(division_heads)
        # The demo people below the school head come early so they exist at every size; each
        # answers to the head of their unit.
        head_of = {**heads, **school_heads}
        for divisions in division_heads.values():
            head_of.update(divisions)
        for login in REGISTER["logins"]:
            if "person" in login:
                p = login["person"]
                self.person(
                    unit=p["unit"], position=p["position"], kind=PK(p["kind"]), level=FL(p["level"]), titles=p["titles"],
                    supervisor=head_of[p["unit"]], pppk=False, email=login["email"],
                )
        puskesmas_heads = {
            code: self.person(
                unit=code, position=REGISTER["positions"]["puskesmas_head"], kind=PK.ADMINISTRATOR, titles="health",
                supervisor=heads["dinkes"], pppk=False, senior=True,
            )
            for code, _name in puskesmas_units()
        }
        remaining = self.target - len(self.rows)
        if remaining < 0:
            raise CityTooSmall(f"the demo city needs at least {len(self.rows)} employees")
        n_teachers = round(remaining * REGISTER["shares"]["teachers"])
        n_health = round(remaining * REGISTER["shares"]["health"])
        self._schools(n_teachers, school_heads)
        self._health(n_health, puskesmas_heads, division_heads["rsud"])
        self._general(remaining - n_teachers - n_health, heads, division_heads)
        self.rng.shuffle(self.rows)  # creation order should not give the structure away in lists
        return Plan(rows=self.rows, demo=self.demo)

    def _structure(self) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
        """The heads of every SKPK and of its divisions: NIPs by unit code (divisions by SKPK)."""
        heads: dict[str, str] = {}
        division_heads: dict[str, dict[str, str]] = {}
        sekda = None
        for skpk in skpk_units():
            kind = PK.ADMINISTRATOR if skpk.head in REGISTER["administrator_heads"] else PK.JPT_PRATAMA
            alone = skpk.head in REGISTER["heads_named_alone"]
            heads[skpk.code] = self.person(
                unit=skpk.code, position=skpk.head if alone else f"{skpk.head} {skpk.short}", kind=kind,
                titles="leader", supervisor=sekda, pppk=False, senior=True,
            )
            if sekda is None:  # the first SKPK is the Sekretariat Daerah
                sekda = heads[skpk.code]
            division_heads[skpk.code] = {}
            for division in skpk.divisions:
                code = division_code(skpk.code, division)
                inspektur = division.startswith("Inspektur")
                division_heads[skpk.code][code] = self.person(
                    unit=code,
                    position=division if inspektur else REGISTER["positions"]["division_head"].format(division=division),
                    kind=PK.PENGAWAS if division.startswith("Seksi") else PK.ADMINISTRATOR, titles="leader",
                    supervisor=heads[skpk.code], pppk=False, senior=True,
                )
        return heads, division_heads

    def _school_heads(self, division_heads: dict[str, dict[str, str]]) -> dict[str, str]:
        """School heads are teachers with an additional task, rated by the kabid of their level."""
        kabid = {level: division_heads["disdikbud"][code] for level, code in school_divisions().items()}
        supervisor_email = next(login["email"] for login in REGISTER["logins"] if login["key"] == "supervisor")
        return {
            code: self.person(
                unit=code, position=REGISTER["positions"]["school_head"], kind=PK.FUNGSIONAL, level=FL.AHLI_MADYA,
                titles="teacher", supervisor=kabid[level], pppk=False, senior=True,
                email=supervisor_email if code == REGISTER["demo_school"] else None,
            )
            for code, _name, level, _kec in school_units()
        }

    def _schools(self, n_teachers: int, school_heads: dict[str, str]) -> None:
        schools = school_units()
        weights = REGISTER["weights"]["school"]
        catalogues = self.staff_catalogues
        by_level = {"sd": catalogues["sd_teachers"], "smp": catalogues["smp_teachers"], "paud": catalogues["paud_teachers"]}
        per_school = _spread(n_teachers, [weights[level] for _c, _n, level, _k in schools])
        for (code, _name, level, _kec), count in zip(schools, per_school, strict=True):
            n_staff = count // REGISTER["school_staff_every"]
            self.staff(unit=code, catalogue=by_level[level], supervisor=school_heads[code], count=count - n_staff)
            self.staff(unit=code, catalogue=catalogues["school"], supervisor=school_heads[code], count=n_staff)

    def _health(self, n_health: int, puskesmas_heads: dict[str, str], rsud_divisions: dict[str, str]) -> None:
        weights = REGISTER["weights"]
        units = [(code, head, weights["puskesmas"]) for code, head in puskesmas_heads.items()]
        units += [(code, head, weights["rsud_division"]) for code, head in rsud_divisions.items()]
        for (code, head, _w), count in zip(units, _spread(n_health, [w for *_x, w in units]), strict=True):
            self.staff(unit=code, catalogue=self.staff_catalogues["health"], supervisor=head, count=count)

    def _general(self, n_general: int, heads: dict[str, str], division_heads: dict[str, dict[str, str]]) -> None:
        general = self.staff_catalogues["general"]
        units = []
        for skpk in skpk_units():
            if skpk.code == "rsud":
                continue
            catalogue = self.staff_catalogues["hr"] + general if skpk.code == "bkpsdm" else general
            divisions = division_heads[skpk.code] or {skpk.code: heads[skpk.code]}
            units += [(code, head, skpk.staff_weight, catalogue) for code, head in divisions.items()]
        counts = _spread(n_general, [w for _c, _h, w, _cat in units])
        for (code, head, _w, catalogue), count in zip(units, counts, strict=True):
            self.staff(unit=code, catalogue=catalogue, supervisor=head, count=count)
