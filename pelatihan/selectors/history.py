"""Reads of the development record: an employee's history and JP per year against the target,
HR's pending external records, the SIASN export rows and certificates."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet, Sum
from django.utils import timezone

from penilaian.models import Employee

from .. import rules
from ..models import Certificate, DevelopmentRecord, RecordStatus, Session, route_mode


@dataclass
class YearTotal:
    year: int
    jp: int
    target: int

    @property
    def percent(self) -> int:
        return min(100, round(self.jp * 100 / self.target)) if self.target else 100

    @property
    def met(self) -> bool:
        return self.jp >= self.target


def development_history(employee: Employee) -> tuple[list[DevelopmentRecord], list[YearTotal]]:
    records = list(
        DevelopmentRecord.objects.filter(employee=employee).select_related("enrolment__certificate").order_by(
            "-start_date", "-pk"
        )
    )
    target = rules.jp_target(employee.employee_type)
    totals: dict[int, int] = {}
    for r in records:
        totals.setdefault(r.year, 0)
        if r.status == RecordStatus.VERIFIED:
            totals[r.year] += r.jp
    this_year = timezone.localdate().year
    totals.setdefault(this_year, 0)
    years = [YearTotal(year, jp, target) for year, jp in sorted(totals.items(), reverse=True)]
    return records, years


def jp_in_year(employee: Employee, year: int) -> int:
    return (
        DevelopmentRecord.objects.filter(employee=employee, year=year, status=RecordStatus.VERIFIED).aggregate(
            total=Sum("jp")
        )["total"]
        or 0
    )


def pending_external_records() -> QuerySet:
    return (
        DevelopmentRecord.objects.filter(status=RecordStatus.PENDING)
        .select_related("employee", "employee__unit")
        .order_by("created_at")
    )


SIASN_HEADERS = [
    "NIP", "Nama", "Jenis Diklat", "Jalur", "Jenis Kompetensi", "Nama Diklat", "Institusi Penyelenggara",
    "Tanggal Mulai", "Tanggal Selesai", "Tahun", "Jumlah Jam (JP)", "Nomor Sertifikat",
]


def siasn_rows(year: int) -> list[list]:
    """Verified records of a year in the column order of SIASN's training history (riwayat
    diklat/kursus): one row per record."""
    rows = []
    for r in (
        DevelopmentRecord.objects.filter(year=year, status=RecordStatus.VERIFIED)
        .select_related("employee")
        .order_by("employee__nip", "start_date", "pk")
    ):
        rows.append([
            r.employee.nip, r.employee.full_name, r.get_route_display(), route_mode(r.route),
            r.get_competency_kind_display(), r.title, r.provider, r.start_date.isoformat(), r.end_date.isoformat(),
            r.year, r.jp, r.certificate_number,
        ])
    return rows


def certificate_by_number(number: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("enrolment__session__programme", "enrolment__employee")
        .prefetch_related("enrolment__session__days")
        .filter(number=number)
        .first()
    )


def session_certificates(session: Session) -> QuerySet:
    return (
        Certificate.objects.filter(enrolment__session=session)
        .select_related("enrolment__employee", "enrolment__session__programme")
        .prefetch_related("enrolment__session__days", "enrolment__session__programme__indicators")
        .order_by("enrolment__employee__name")
    )
