"""Reads of the development record: an employee's history and JP per year against the target,
HR's pending external records and certificates (the SIASN export rows are
``selectors.siasn.export_rows``)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet, Sum
from django.utils import timezone

from penilaian.models import Employee

from .. import rules
from ..models import Certificate, DevelopmentRecord, RecordStatus, Session


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


def jp_in_year_by_employee(employee_ids, year: int) -> dict[int, int]:
    """``jp_in_year`` for many employees at once: {employee id: JP} (0 when none). One query."""
    ids = list(employee_ids)
    totals = dict(
        DevelopmentRecord.objects.filter(employee_id__in=ids, year=year, status=RecordStatus.VERIFIED)
        .values("employee_id").annotate(total=Sum("jp")).values_list("employee_id", "total")
    )
    return {pk: totals.get(pk) or 0 for pk in ids}


def pending_external_records() -> QuerySet:
    return (
        DevelopmentRecord.objects.filter(status=RecordStatus.PENDING)
        .select_related("employee", "employee__unit")
        .order_by("created_at")
    )


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
