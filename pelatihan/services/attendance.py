"""Attendance: the trainer's sheet and the participant's QR self check-in. One record per
participant and meeting day (a unique constraint); saving the same value twice changes nothing."""

from __future__ import annotations

import datetime as dt

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from penilaian.models import Employee
from portal.core.audit import record

from .. import rules
from ..exceptions import AttendanceError
from ..models import (
    AttendanceMethod,
    AttendanceRecord,
    AttendanceStatus,
    Enrolment,
    EnrolmentStatus,
    Session,
    SessionDay,
)


def _attendable(enrolment: Enrolment) -> bool:
    return enrolment.status in (EnrolmentStatus.CONFIRMED, EnrolmentStatus.COMPLETED, EnrolmentStatus.NOT_COMPLETED)


@transaction.atomic
def attendance_record(*, day: SessionDay, enrolment: Enrolment, status: str, note: str = "", actor=None,
                      method: str = AttendanceMethod.SHEET) -> tuple[AttendanceRecord, bool]:
    """Set one participant's attendance for one meeting day. Idempotent: saving the same value
    twice changes nothing and writes no second audit entry. Returns (record, changed)."""
    if enrolment.session_id != day.session_id:
        raise AttendanceError(_("This meeting day belongs to another session."), code="bad_day")
    if not _attendable(enrolment):
        raise AttendanceError(_("Only confirmed participants have attendance."), code="not_confirmed")
    if status not in AttendanceStatus.values:
        raise AttendanceError(_("Unknown attendance status."), code="bad_status")
    note = (note or "").strip()[:200]
    existing = AttendanceRecord.objects.select_for_update().filter(enrolment=enrolment, day=day).first()
    if existing is not None and existing.status == status and existing.note == note:
        return existing, False
    if existing is None:
        try:
            with transaction.atomic():
                existing = AttendanceRecord.objects.create(
                    enrolment=enrolment, day=day, status=status, note=note, method=method,
                    recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
        except IntegrityError:  # a QR scan and the sheet at the same instant: keep the first
            return AttendanceRecord.objects.get(enrolment=enrolment, day=day), False
        before = None
    else:
        before = existing.status
        existing.status, existing.note, existing.method = status, note, method
        existing.recorded_by = actor if getattr(actor, "is_authenticated", False) else None
        existing.save()
    record(enrolment, "pelatihan.attendance.record", actor=actor,
           data={"day": day.date, "from": before, "to": status, "method": method})
    return existing, True


@transaction.atomic
def attendance_sheet_save(*, day: SessionDay, entries: dict[int, tuple[str, str]], actor=None) -> int:
    """Save the sheet of one meeting day: {enrolment id: (status, note)}. Returns how many rows
    changed (0 when the same sheet is saved twice)."""
    enrolments = {e.pk: e for e in day.session.enrolments.filter(pk__in=list(entries))}
    changed = 0
    for pk, (status, note) in entries.items():
        if pk in enrolments and status:
            changed += attendance_record(day=day, enrolment=enrolments[pk], status=status, note=note, actor=actor)[1]
    return changed


@transaction.atomic
def attendance_all_present(*, day: SessionDay, actor=None) -> int:
    """Mark every confirmed participant without a record for the day as hadir."""
    marked = AttendanceRecord.objects.filter(day=day).values_list("enrolment_id", flat=True)
    changed = 0
    for enrolment in day.session.enrolments.filter(status=EnrolmentStatus.CONFIRMED).exclude(pk__in=marked):
        changed += attendance_record(day=day, enrolment=enrolment, status=AttendanceStatus.HADIR, actor=actor)[1]
    return changed


CHECKIN_SALT = "pelatihan.checkin"


def checkin_token(*, day: SessionDay) -> str:
    """A signed, timestamped token bound to the session and the meeting day; the trainer's
    screen asks for a new one every ``rules.QR_ROTATE_SECONDS``."""
    return signing.TimestampSigner(salt=CHECKIN_SALT).sign(f"{day.session_id}.{day.pk}")


def checkin_verify(*, token: str, session: Session, employee: Employee | None, max_age: int,
                   today: dt.date | None = None) -> tuple[SessionDay, Enrolment]:
    """Every refusal has its own code and message: forged, expired, other_session, other_day,
    not_registered. Reads only."""
    try:
        value = signing.TimestampSigner(salt=CHECKIN_SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise AttendanceError(
            _("This code has expired. Scan the code on the trainer's screen again."), code="expired"
        ) from exc
    except signing.BadSignature as exc:
        raise AttendanceError(_("This code is not valid."), code="forged") from exc
    try:
        session_id, day_id = (int(part) for part in value.split("."))
    except ValueError as exc:
        raise AttendanceError(_("This code is not valid."), code="forged") from exc
    if session_id != session.pk:
        raise AttendanceError(_("This code belongs to another session."), code="other_session")
    day = SessionDay.objects.filter(pk=day_id, session_id=session_id).first()
    if day is None:
        raise AttendanceError(_("This code is not valid."), code="forged")
    if day.date != (today or timezone.localdate()):
        raise AttendanceError(_("This code is for another meeting day, not today."), code="other_day")
    enrolment = None
    if employee is not None:
        enrolment = Enrolment.objects.filter(
            session=session, employee=employee, status=EnrolmentStatus.CONFIRMED
        ).first()
    if enrolment is None:
        raise AttendanceError(_("You are not a confirmed participant of this session."), code="not_registered")
    return day, enrolment


@transaction.atomic
def checkin(*, token: str, session: Session, employee: Employee | None, actor=None,
            max_age: int = rules.QR_ROTATE_SECONDS + rules.QR_GRACE_SECONDS) -> AttendanceRecord:
    """QR self check-in: marks the participant hadir once. A participant who already has a
    record for the day (from an earlier scan or the sheet) gets ``already`` and nothing changes."""
    day, enrolment = checkin_verify(token=token, session=session, employee=employee, max_age=max_age)
    if AttendanceRecord.objects.filter(enrolment=enrolment, day=day).exists():
        raise AttendanceError(_("Your attendance for today is already recorded."), code="already")
    att, changed = attendance_record(
        day=day, enrolment=enrolment, status=AttendanceStatus.HADIR, actor=actor, method=AttendanceMethod.QR
    )
    if not changed:
        raise AttendanceError(_("Your attendance for today is already recorded."), code="already")
    return att
