"""Demo training data, built through the services (``seed_demo`` calls :func:`seed_training`).

Deterministic and idempotent: programmes are keyed by code and sessions by (programme, name);
a second run creates nothing. Dates are relative to today so the demo always has finished
sessions (with attendance, completions, certificates and JP), a session meeting today (for the
QR check-in), and open sessions, some full with a waiting list.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from penilaian.catalogue import catalogue_ensure
from penilaian.models import Employee, Indicator

from . import services
from .models import AttendanceStatus, Enrolment, Programme, Session, SessionStatus

DEMO_EMPLOYEE_EMAIL = "pegawai@portal.test"
DEMO_SUPERVISOR_EMAIL = "atasan@portal.test"
DEMO_TRAINER_EMAIL = "fasilitator@portal.test"

BKPSDM = "BKPSDM Kota Subulussalam"

# (code, title, route, competency kind, indicator codes, JP, provider, audience, description)
PROGRAMMES = [
    ("literasi-digital", "Literasi Digital dan Keamanan Data bagi ASN", "workshop", "teknis",
     ["kt-literasi-digital", "ba-adaptif"], 16, BKPSDM, "all",
     "Surel dinas, berbagi dokumen dengan aman, kata sandi yang kuat, dan mengenali penipuan daring."),
    ("pembelajaran-mendalam", "Pembelajaran Mendalam dan Kurikulum Merdeka", "bimtek", "teknis",
     ["kt-pedagogik"], 32, "Dinas Pendidikan dan Kebudayaan Kota Subulussalam", "teachers",
     "Merancang pembelajaran berpusat pada murid, asesmen formatif, dan refleksi praktik mengajar."),
    ("pembelajaran-digital", "Pemanfaatan Platform Digital dalam Pembelajaran", "pelatihan", "teknis",
     ["kt-pembelajaran-digital", "kt-literasi-digital"], 24, "Dinas Pendidikan dan Kebudayaan Kota Subulussalam",
     "teachers", "Platform Merdeka Mengajar, kelas daring sederhana, dan media ajar interaktif."),
    ("pelayanan-prima", "Pelayanan Prima dan Standar Pelayanan Publik", "pelatihan", "teknis",
     ["ba-pelayanan", "kt-pelayanan-publik"], 24, BKPSDM, "all",
     "Menyusun standar pelayanan, maklumat pelayanan, dan menangani pengaduan masyarakat."),
    ("skp-rencana-aksi", "Penyusunan SKP dan Rencana Aksi", "bimtek", "teknis",
     ["kt-penyusunan-skp", "hk-capaian-skp"], 12, BKPSDM, "all",
     "Menurunkan sasaran unit menjadi SKP individu dengan indikator yang terukur."),
    ("penatausahaan-keuangan", "Penatausahaan Keuangan Daerah melalui SIPD", "bimtek", "teknis",
     ["kt-keuangan-daerah", "ba-akuntabel"], 32, "BPKD Kota Subulussalam", "leaders",
     "Perencanaan anggaran, penatausahaan, dan pertanggungjawaban di SIPD."),
    ("pengadaan-dasar", "Pengadaan Barang/Jasa Pemerintah Tingkat Dasar", "pelatihan", "teknis",
     ["kt-pengadaan"], 40, "LKPP bersama BKPSDM", "leaders",
     "Perencanaan pengadaan, e-katalog, dan pengelolaan kontrak sesuai Perpres pengadaan."),
    ("tata-naskah-srikandi", "Tata Naskah Dinas dan Aplikasi SRIKANDI", "sosialisasi", "teknis",
     ["kt-tata-naskah", "kt-literasi-digital"], 8, "Dinas Perpustakaan dan Kearsipan", "all",
     "Naskah dinas elektronik, penomoran, dan pengarsipan di SRIKANDI."),
    ("coaching-pengawas", "Kepemimpinan dan Coaching bagi Pejabat Pengawas", "coaching", "manajerial",
     ["km-kepemimpinan", "ba-kolaboratif"], 20, BKPSDM, "leaders",
     "Percakapan coaching, umpan balik kinerja, dan dialog kinerja dengan bawahan."),
    ("keputusan-berbasis-data", "Pengambilan Keputusan Berbasis Data", "seminar", "manajerial",
     ["km-pengambilan-keputusan"], 8, "Bappeda Kota Subulussalam", "leaders",
     "Membaca data kinerja unit dan menimbang risiko sebelum memutuskan."),
    ("posyandu-gizi", "Penguatan Posyandu dan Gizi Masyarakat", "pelatihan", "teknis",
     ["kt-kesehatan-masyarakat"], 24, "Dinas Kesehatan Kota Subulussalam", "health",
     "Pemantauan tumbuh kembang, pencegahan stunting, dan penyuluhan gizi keluarga."),
    ("keselamatan-pasien", "Keselamatan Pasien dan Pelayanan Klinis Sesuai Standar", "workshop", "teknis",
     ["kt-pelayanan-klinis"], 16, "Dinas Kesehatan Kota Subulussalam", "health",
     "Sasaran keselamatan pasien, SOP klinis, dan pelaporan insiden."),
    ("moderasi-beragama", "Moderasi Beragama dan Perekat Bangsa", "sosialisasi", "sosial_kultural",
     ["ksk-perekat-bangsa", "ba-harmonis"], 8, "Kementerian Agama bersama BKPSDM", "all",
     "Toleransi, kearifan lokal Aceh, dan menjaga kerukunan di tempat kerja."),
    ("aktualisasi-berakhlak", "Aktualisasi Nilai Dasar BerAKHLAK", "e_learning", "sosial_kultural",
     ["ba-loyal", "ba-akuntabel", "ba-kompeten"], 10, BKPSDM, "all",
     "Kelas daring mandiri tentang tujuh nilai dasar ASN dan contoh penerapannya."),
]

VENUES = ["Aula BKPSDM Kota Subulussalam", "Aula Dinas Pendidikan dan Kebudayaan", "Ruang Rapat Bappeda",
          "Aula Dinas Kesehatan", "Gedung Pertemuan Kecamatan Simpang Kiri"]


def _pool(audience: str):
    qs = Employee.objects.filter(is_active=True).exclude(email__endswith="@portal.test").order_by("nip")
    if audience == "teachers":
        qs = qs.filter(unit__kind="sekolah", position_kind="fungsional")
    elif audience == "health":
        qs = qs.filter(unit__kind="puskesmas")
    elif audience == "leaders":
        qs = qs.filter(position_kind__in=["administrator", "pengawas", "jpt_pratama"])
    return list(qs.select_related("unit"))


def _pick(pool: list, n: int, offset: int) -> list:
    if not pool:
        return []
    n = min(n, len(pool))
    start = (offset * 7) % len(pool)
    return [pool[(start + k) % len(pool)] for k in range(n)]


def _days(first: dt.date, n: int) -> list[tuple[dt.date, dt.time, dt.time]]:
    return [(first + dt.timedelta(days=k), dt.time(8, 30), dt.time(15, 30)) for k in range(n)]


def _attendance_status(j: int, d: int) -> str:
    """A believable, fixed pattern: mostly present, some late, a few excused, sick or absent."""
    if (j * 7 + d) % 23 == 5:
        return AttendanceStatus.ALPA
    if (j + d) % 29 == 3:
        return AttendanceStatus.IZIN
    if (j * 3 + d) % 31 == 7:
        return AttendanceStatus.SAKIT
    if (j + d) % 5 == 0:
        return AttendanceStatus.TERLAMBAT
    return AttendanceStatus.HADIR


def _session(programme: Programme, name: str, **kwargs) -> tuple[Session, bool]:
    existing = Session.objects.filter(programme=programme, name=name).first()
    if existing is not None:
        return existing, False
    return services.session_create(programme=programme, name=name, **kwargs), True


def _enrol(session: Session, employee: Employee, **kw) -> Enrolment | None:
    if Enrolment.objects.filter(session=session, employee=employee).exists():
        return None
    return services.enrolment_create(session=session, employee=employee, **kw).enrolment


def seed_training(*, today: dt.date | None = None) -> dict:
    """Programmes, sessions past/today/future, enrolments, attendance, completions, records.
    The hundreds of notification e-mails the services queue are dropped (dummy backend): the
    demo should not print them all to the console."""
    from django.test.utils import override_settings

    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        return _seed(today or timezone.localdate())


@transaction.atomic
def _seed(today: dt.date) -> dict:
    catalogue_ensure()
    indicators = {i.code: i for i in Indicator.objects.all()}
    User = get_user_model()
    trainer = User.objects.filter(email=DEMO_TRAINER_EMAIL).first()
    trainers = [trainer] if trainer is not None else []
    me = Employee.objects.filter(email=DEMO_EMPLOYEE_EMAIL).first()
    created = {"programmes": 0, "sessions": 0}

    programmes = []
    for code, title, route, kind, codes, jp, provider, audience, description in PROGRAMMES:
        programme = Programme.objects.filter(code=code).first()
        if programme is None:
            programme = services.programme_create(
                code=code, title=title, route=route, competency_kind=kind, jp=jp, provider=provider,
                description=description, indicators=[indicators[c] for c in codes if c in indicators],
            )
            created["programmes"] += 1
        programmes.append((programme, audience))

    for i, (programme, audience) in enumerate(programmes):
        pool = _pool(audience)
        venue = VENUES[i % len(VENUES)]
        online = programme.route in ("e_learning", "jarak_jauh")
        common = {"venue": "" if online else venue, "online_url": "https://meet.portal.test/kelas" if online else ""}
        # A finished class, spread over the last ~14 months so the history has two years.
        first = today - dt.timedelta(days=20 + 31 * i)
        past, was_created = _session(
            programme, f"Angkatan I {first.year}", days=_days(first, 2 + i % 2), capacity=20,
            trainers=trainers if i % 2 == 0 else [], status=SessionStatus.PUBLISHED, **common,
        )
        if was_created:
            created["sessions"] += 1
            people = _pick(pool, 14, i)
            if me is not None and programme.code in ("literasi-digital", "pembelajaran-mendalam", "aktualisasi-berakhlak"):
                people = [me, *people]
            enrolments = [e for e in (_enrol(past, p, by_hr=True) for p in people) if e is not None]
            for d, day in enumerate(past.days.all()):
                for j, enrolment in enumerate(enrolments):
                    status = AttendanceStatus.HADIR if enrolment.employee == me else _attendance_status(j, d)
                    services.attendance_record(day=day, enrolment=enrolment, status=status)
            services.session_finish(session=past, today=today)

        # An open class; every fourth one is small and over-subscribed (a waiting list).
        start = today + dt.timedelta(days=6 + 4 * i)
        full = i % 4 == 1
        upcoming, was_created = _session(
            programme, f"Angkatan II {start.year}", days=_days(start, 2), capacity=8 if full else 25,
            trainers=trainers if i % 2 == 0 else [], status=SessionStatus.PUBLISHED,
            approval_required=programme.code == "skp-rencana-aksi",
            registration_closes_at=timezone.make_aware(dt.datetime.combine(start - dt.timedelta(days=1), dt.time(12))),
            **common,
        )
        if was_created:
            created["sessions"] += 1
            for p in _pick(pool, 11 if full else 6, i + 50):
                _enrol(upcoming, p)
            if me is not None and programme.code == "pembelajaran-digital":
                _enrol(upcoming, me)
            if me is not None and upcoming.approval_required:
                # The demo school head has registrations to approve.
                for colleague in Employee.objects.filter(supervisor_id=me.supervisor_id).exclude(pk=me.pk).order_by("nip")[:2]:
                    _enrol(upcoming, colleague)

    # A class meeting today, facilitated by the demo trainer, with the demo teacher in it: the
    # attendance sheet and the QR check-in can be tried at once.
    programme = Programme.objects.get(code="literasi-digital")
    today_session, was_created = _session(
        programme, "Kelas Praktik (hari ini)", days=_days(today - dt.timedelta(days=1), 3), capacity=15,
        trainers=trainers, status=SessionStatus.PUBLISHED, venue="Laboratorium Komputer SMP Negeri 1 Simpang Kiri",
    )
    if was_created:
        created["sessions"] += 1
        people = [p for p in _pick(_pool("teachers"), 9, 99)]
        if me is not None:
            people.insert(0, me)
        enrolments = [e for e in (_enrol(today_session, p, by_hr=True) for p in people) if e is not None]
        yesterday = today_session.days.first()
        for j, enrolment in enumerate(enrolments):
            services.attendance_record(day=yesterday, enrolment=enrolment, status=_attendance_status(j, 0))

    # The demo teacher also has an external record, verified by HR.
    if me is not None and not me.development_records.filter(source="external").exists():
        record_ = services.external_record_create(
            employee=me, title="Pelatihan Guru Penggerak (Modul Daring)", route="jarak_jauh", competency_kind="teknis",
            provider="Kementerian Pendidikan Dasar dan Menengah", start_date=today - dt.timedelta(days=300),
            end_date=today - dt.timedelta(days=290), jp=12, certificate_number="GP/2025/0412",
        )
        services.external_record_verify(record_=record_, actor=None)
    return created
