"""Reads of attendance: the participants a trainer sees (names and units only), the sheet of a
meeting day, check-in progress and the export matrix."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from .. import rules
from ..models import PRESENT_STATUSES, AttendanceRecord, Enrolment, EnrolmentStatus, Session, SessionDay


def participants(session: Session) -> QuerySet:
    """Confirmed (and, after finishing, completed or not) participants: what a trainer may see
    is names and units only; templates for trainers show nothing else."""
    return (
        session.enrolments.filter(
            status__in=[EnrolmentStatus.CONFIRMED, EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_COMPLETED]
        )
        .select_related("employee", "employee__unit")
        .order_by("employee__name", "pk")
    )


@dataclass
class SheetRow:
    enrolment: Enrolment
    record: AttendanceRecord | None


def attendance_sheet(day: SessionDay) -> list[SheetRow]:
    records = {r.enrolment_id: r for r in AttendanceRecord.objects.filter(day=day)}
    return [SheetRow(e, records.get(e.pk)) for e in participants(day.session)]


def checkin_progress(day: SessionDay) -> dict:
    expected = day.session.enrolments.filter(status=EnrolmentStatus.CONFIRMED).count()
    present = AttendanceRecord.objects.filter(day=day, status__in=PRESENT_STATUSES).count()
    return {"expected": expected, "present": present}


def today_meeting(session: Session, today: dt.date | None = None) -> SessionDay | None:
    return session.days.filter(date=today or timezone.localdate()).first()


def attendance_matrix(session: Session) -> tuple[list[SessionDay], list[tuple[Enrolment, list[str]]]]:
    """For the export: the days, and per participant the status per day ('' when unmarked)."""
    days = list(session.days.all())
    records = {(r.enrolment_id, r.day_id): r.status for r in AttendanceRecord.objects.filter(day__session=session)}
    rows = [(e, [records.get((e.pk, d.pk), "") for d in days]) for e in participants(session)]
    return days, rows


def days_present(session: Session) -> dict[int, int]:
    """Per enrolment id, the meeting days it was present (hadir or terlambat)."""
    present: dict[int, int] = {}
    for enrolment_id in AttendanceRecord.objects.filter(
        day__session=session, status__in=PRESENT_STATUSES
    ).values_list("enrolment_id", flat=True):
        present[enrolment_id] = present.get(enrolment_id, 0) + 1
    return present


@dataclass
class FinishRow:
    enrolment: Enrolment
    attended_days: int
    completes: bool


@dataclass
class FinishPreview:
    total_days: int
    rows: list[FinishRow]

    @property
    def completing(self) -> list[FinishRow]:
        return [r for r in self.rows if r.completes]

    @property
    def not_completing(self) -> list[FinishRow]:
        """By name, as the confirmation page lists them."""
        return sorted((r for r in self.rows if not r.completes), key=lambda r: (r.enrolment.employee.name, r.enrolment.pk))


def finish_preview(session: Session) -> FinishPreview:
    """What finishing the session does, by the programme's rule: who completes (a certificate and
    the JP), who does not, with the days each attended. The confirmation page shows it and
    ``services.completion.session_finish`` applies it, row by row in registration order."""
    total = session.days.count()
    present = days_present(session)
    programme = session.programme
    rows = []
    for enrolment in session.enrolments.filter(status=EnrolmentStatus.CONFIRMED).select_related("employee").order_by("pk"):
        attended = present.get(enrolment.pk, 0)
        rows.append(FinishRow(enrolment, attended, rules.meets_completion_rule(
            attended_days=attended, total_days=total, min_percent=programme.min_attendance_percent,
            pass_mark=programme.post_test_pass_mark, post_test_score=enrolment.post_test_score)))
    return FinishPreview(total, rows)
