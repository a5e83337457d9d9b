"""Every state change of the training app.

Services take keyword-only arguments, run inside ``transaction.atomic``, validate with
``full_clean()``, leave an audit record (``portal.audit.record``) and queue mail with
``transaction.on_commit``. Domain errors are exceptions with a ``code`` (``exceptions.py``).

Capacity: a confirmed seat is only ever handed out while the session row is locked
(``_lock_session``), once, as late as possible, right before counting. The unique constraint
(session, employee) stands behind "no double registration".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from penilaian import permissions as penilaian_permissions
from penilaian.models import Employee, Indicator, Unit
from penilaian.selectors import unit_subtree_ids
from portal.core import roles
from portal.core.audit import record

from . import notifications, rules
from .certificates import make_number
from .exceptions import AttendanceError, CompletionError, EnrolmentError, TrainingError
from .models import (
    ACTIVE_STATUSES,
    PRESENT_STATUSES,
    AttendanceMethod,
    AttendanceRecord,
    AttendanceStatus,
    CalendarFeed,
    Certificate,
    DevelopmentRecord,
    Enrolment,
    EnrolmentSource,
    EnrolmentStatus,
    Programme,
    RecordSource,
    RecordStatus,
    ReminderSent,
    Session,
    SessionDay,
    SessionStatus,
)

# --- Catalogue ------------------------------------------------------------------------------


@transaction.atomic
def programme_create(*, code: str, title: str, jp: int, indicators: Iterable[Indicator] = (), actor=None,
                     **fields) -> Programme:
    programme = Programme(code=code, title=title, jp=jp, **fields)
    programme.full_clean()
    programme.save()
    programme.indicators.set(list(indicators))
    record(programme, "pelatihan.programme.create", actor=actor, data={"code": code, "jp": jp})
    return programme


@transaction.atomic
def session_create(
    *,
    programme: Programme,
    name: str,
    days: Sequence[tuple[dt.date, dt.time, dt.time]],
    capacity: int,
    venue: str = "",
    online_url: str = "",
    registration_opens_at: dt.datetime | None = None,
    registration_closes_at: dt.datetime | None = None,
    approval_required: bool = False,
    trainers: Iterable = (),
    eligible_units: Iterable[Unit] = (),
    eligible_position_kinds: Sequence[str] = (),
    status: str = SessionStatus.DRAFT,
    actor=None,
) -> Session:
    """A session with at least one meeting day. Trainers must be in the Fasilitator group."""
    if not days:
        raise TrainingError(_("A session needs at least one meeting day."), code="no_days")
    session = Session(
        programme=programme, name=name, capacity=capacity, venue=venue, online_url=online_url,
        registration_opens_at=registration_opens_at, registration_closes_at=registration_closes_at,
        approval_required=approval_required, eligible_position_kinds=list(eligible_position_kinds), status=status,
    )
    session.full_clean()
    session.save()
    for date, start, end in days:
        day = SessionDay(session=session, date=date, start_time=start, end_time=end)
        day.full_clean()
        day.save()
    trainers = list(trainers)
    for trainer in trainers:
        if not roles.is_trainer(trainer):
            raise TrainingError(_("%(user)s is not in the Fasilitator group.") % {"user": trainer}, code="not_trainer")
    session.trainers.set(trainers)
    session.eligible_units.set(list(eligible_units))
    record(session, "pelatihan.session.create", actor=actor,
           data={"programme": programme.code, "capacity": capacity, "days": [d[0] for d in days]})
    return session


@transaction.atomic
def session_publish(*, session: Session, actor=None) -> Session:
    session = _lock_session(session)
    if session.status != SessionStatus.DRAFT:
        raise TrainingError(_("Only a draft session can be published."), code="bad_state")
    session.status = SessionStatus.PUBLISHED
    session.save(update_fields=["status"])
    record(session, "pelatihan.session.publish", actor=actor)
    return session


@transaction.atomic
def session_cancel(*, session: Session, actor=None) -> Session:
    """HR cancels a session: every active registration is cancelled and told (with a CANCEL .ics)."""
    session = _lock_session(session)
    if session.status not in (SessionStatus.DRAFT, SessionStatus.PUBLISHED):
        raise TrainingError(_("This session can no longer be cancelled."), code="bad_state")
    session.status = SessionStatus.CANCELLED
    session.save(update_fields=["status"])
    affected = list(session.enrolments.filter(status__in=ACTIVE_STATUSES))
    for enrolment in affected:
        enrolment.status = EnrolmentStatus.CANCELLED
        enrolment.reason = _("The session was cancelled by BKPSDM.")
        enrolment.waiting_since = None
        enrolment.save(update_fields=["status", "reason", "waiting_since", "updated_at"])
        notifications.queue(notifications.SESSION_CANCELLED, enrolment)
    record(session, "pelatihan.session.cancel", actor=actor, data={"enrolments": len(affected)})
    return session


def _lock_session(session: Session) -> Session:
    """THE lock: the session row, ``SELECT … FOR UPDATE``. Everything that hands out or frees a
    confirmed seat holds it, so counting and writing cannot interleave."""
    return Session.objects.select_for_update().get(pk=session.pk)


# --- Enrolment ------------------------------------------------------------------------------


@dataclass
class EnrolmentResult:
    enrolment: Enrolment
    clashes: list[Session] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.enrolment.status


def is_eligible(session: Session, employee: Employee) -> bool:
    kinds = session.eligible_position_kinds or []
    if kinds and employee.position_kind not in kinds:
        return False
    unit_ids = {u.pk for u in session.eligible_units.all()}
    if unit_ids:
        allowed: set[int] = set()
        for unit in session.eligible_units.all():
            allowed |= unit_subtree_ids(unit)
        return employee.unit_id in allowed
    return True


def clashing_sessions(session: Session, employee: Employee) -> list[Session]:
    """Other sessions the employee is confirmed for whose meeting times overlap this one's."""
    days = list(session.days.all())
    if not days:
        return []
    overlap = Q()
    for day in days:
        overlap |= Q(date=day.date, start_time__lt=day.end_time, end_time__gt=day.start_time)
    session_ids = (
        SessionDay.objects.filter(overlap)
        .filter(session__enrolments__employee=employee, session__enrolments__status=EnrolmentStatus.CONFIRMED)
        .exclude(session=session)
        .values_list("session_id", flat=True)
    )
    return list(Session.objects.filter(pk__in=set(session_ids)).select_related("programme"))


def _seat_or_wait(session: Session, enrolment: Enrolment) -> None:
    """With the session row locked: a confirmed seat if one is left, else the waiting list.
    The waiting time is taken here, under the lock, so the list's order is the lock's order."""
    confirmed = session.enrolments.filter(status=EnrolmentStatus.CONFIRMED).exclude(pk=enrolment.pk).count()
    if confirmed < session.capacity:
        enrolment.status = EnrolmentStatus.CONFIRMED
        enrolment.waiting_since = None
    else:
        enrolment.status = EnrolmentStatus.WAITING
        enrolment.waiting_since = timezone.now()


@transaction.atomic
def enrolment_create(*, session: Session, employee: Employee, actor=None, by_hr: bool = False) -> EnrolmentResult:
    """Register ``employee`` for ``session``.

    The employee themself: the session must be published, registration open, the employee
    eligible. When the session requires approval the registration waits for the supervisor
    (status pending_approval). Otherwise it is confirmed while seats are left, else it joins
    the waiting list. HR (``by_hr``) skips the window, eligibility and approval.
    Raises ``EnrolmentError`` (closed, not_eligible, already). Returns the enrolment and the
    confirmed sessions it clashes with (a warning, not a refusal).
    """
    now = timezone.now()
    if session.status != SessionStatus.PUBLISHED or (session.has_started and not by_hr):
        raise EnrolmentError(_("Registration for this session is closed."), code="closed")
    if not by_hr:
        if not session.registration_is_open(now):
            raise EnrolmentError(_("Registration for this session is closed."), code="closed")
        if not is_eligible(session, employee):
            raise EnrolmentError(_("This session is not open to your unit or position."), code="not_eligible")
    clashes = clashing_sessions(session, employee)
    needs_approval = session.approval_required and not by_hr

    # As late as possible: everything above ran without the lock.
    session = _lock_session(session)
    enrolment = Enrolment.objects.filter(session=session, employee=employee).first()
    if enrolment is not None and enrolment.status not in (EnrolmentStatus.CANCELLED, EnrolmentStatus.REJECTED):
        raise EnrolmentError(_("You are already registered for this session."), code="already")
    if enrolment is None:
        enrolment = Enrolment(session=session, employee=employee)
    enrolment.source = EnrolmentSource.HR if by_hr else EnrolmentSource.SELF
    enrolment.reason = ""
    enrolment.decided_by = actor if by_hr and getattr(actor, "is_authenticated", False) else None
    enrolment.decided_at = now if by_hr else None
    if needs_approval:
        enrolment.status = EnrolmentStatus.PENDING_APPROVAL
        enrolment.waiting_since = None
    else:
        _seat_or_wait(session, enrolment)
    enrolment.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError as exc:  # a double submit racing itself; the constraint holds
        raise EnrolmentError(_("You are already registered for this session."), code="already") from exc
    record(enrolment, "pelatihan.enrolment.create", actor=actor,
           data={"session": session.pk, "employee": employee.nip, "status": enrolment.status, "by_hr": by_hr})
    if needs_approval:
        notifications.queue(notifications.PENDING, enrolment)
        notifications.queue(notifications.APPROVAL_REQUEST, enrolment)
    else:
        notifications.queue(
            notifications.CONFIRMED if enrolment.status == EnrolmentStatus.CONFIRMED else notifications.WAITING,
            enrolment,
        )
    return EnrolmentResult(enrolment=enrolment, clashes=clashes)


def _promote_head_of_waiting_list(session: Session, now: dt.datetime) -> Enrolment | None:
    """With the session row locked: fill free seats from the waiting list, oldest first."""
    confirmed = session.enrolments.filter(status=EnrolmentStatus.CONFIRMED).count()
    promoted = None
    for head in session.enrolments.filter(status=EnrolmentStatus.WAITING).order_by("waiting_since", "id")[
        : max(0, session.capacity - confirmed)
    ]:
        head.status = EnrolmentStatus.CONFIRMED
        head.waiting_since = None
        head.save(update_fields=["status", "waiting_since", "updated_at"])
        record(head, "pelatihan.enrolment.promote", data={"session": session.pk})
        notifications.queue(notifications.PROMOTED, head)
        promoted = promoted or head
    return promoted


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, actor=None) -> Enrolment | None:
    """Cancel a registration before the session starts. A freed confirmed seat goes to the head
    of the waiting list in the same transaction. Returns the promoted enrolment, if any.
    Raises ``EnrolmentError`` (started, bad_state)."""
    session = _lock_session(enrolment.session)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status not in ACTIVE_STATUSES:
        raise EnrolmentError(_("This registration is not active."), code="bad_state")
    if session.has_started:
        raise EnrolmentError(_("The session has already started; it can no longer be cancelled."), code="started")
    was = enrolment.status
    enrolment.status = EnrolmentStatus.CANCELLED
    enrolment.waiting_since = None
    enrolment.save(update_fields=["status", "waiting_since", "updated_at"])
    record(enrolment, "pelatihan.enrolment.cancel", actor=actor, data={"was": was})
    if was == EnrolmentStatus.CONFIRMED:
        return _promote_head_of_waiting_list(session, timezone.now())
    return None


def may_decide(user, enrolment: Enrolment) -> bool:
    """The employee's direct supervisor (atasan langsung) decides; HR may too."""
    if roles.is_hr(user):
        return True
    me = penilaian_permissions.employee_of(user)
    return me is not None and enrolment.employee.supervisor_id == me.pk


@transaction.atomic
def enrolment_approve(*, enrolment: Enrolment, actor) -> Enrolment:
    """The supervisor approves: the registration takes a seat, or the waiting list when full.
    Raises ``EnrolmentError`` (not_allowed, bad_state, closed)."""
    if not may_decide(actor, enrolment):
        raise EnrolmentError(_("Only the employee's supervisor may decide."), code="not_allowed")
    session = _lock_session(enrolment.session)
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status != EnrolmentStatus.PENDING_APPROVAL:
        raise EnrolmentError(_("This registration is not waiting for approval."), code="bad_state")
    if session.status != SessionStatus.PUBLISHED or session.has_started:
        raise EnrolmentError(_("Registration for this session is closed."), code="closed")
    now = timezone.now()
    _seat_or_wait(session, enrolment)
    enrolment.decided_by = actor
    enrolment.decided_at = now
    enrolment.save()
    record(enrolment, "pelatihan.enrolment.approve", actor=actor, data={"status": enrolment.status})
    notifications.queue(
        notifications.CONFIRMED if enrolment.status == EnrolmentStatus.CONFIRMED else notifications.WAITING, enrolment
    )
    return enrolment


@transaction.atomic
def enrolment_reject(*, enrolment: Enrolment, actor, reason: str) -> Enrolment:
    """The supervisor rejects, with a reason. Raises ``EnrolmentError`` (not_allowed, bad_state,
    reason_required)."""
    if not may_decide(actor, enrolment):
        raise EnrolmentError(_("Only the employee's supervisor may decide."), code="not_allowed")
    if not (reason or "").strip():
        raise EnrolmentError(_("Give a reason for the rejection."), code="reason_required")
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status != EnrolmentStatus.PENDING_APPROVAL:
        raise EnrolmentError(_("This registration is not waiting for approval."), code="bad_state")
    enrolment.status = EnrolmentStatus.REJECTED
    enrolment.reason = reason.strip()
    enrolment.decided_by = actor
    enrolment.decided_at = timezone.now()
    enrolment.save()
    record(enrolment, "pelatihan.enrolment.reject", actor=actor, data={"reason": enrolment.reason})
    notifications.queue(notifications.REJECTED, enrolment)
    return enrolment


# --- Attendance -----------------------------------------------------------------------------


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


@transaction.atomic
def post_test_record(*, enrolment: Enrolment, score: int | None, actor=None) -> Enrolment:
    enrolment.post_test_score = score
    enrolment.full_clean(validate_unique=False)
    enrolment.save(update_fields=["post_test_score", "updated_at"])
    record(enrolment, "pelatihan.enrolment.post_test", actor=actor, data={"score": score})
    return enrolment


# --- Completion, records, certificates ------------------------------------------------------


@dataclass
class FinishResult:
    completed: list[Enrolment]
    not_completed: list[Enrolment]


@transaction.atomic
def session_finish(*, session: Session, actor=None, today: dt.date | None = None) -> FinishResult:
    """Close a published session after its last meeting day. Each confirmed participant who meets
    the programme's rule (``rules.meets_completion_rule``) is completed, gets a verified
    development record with the programme's JP in the year of the last day, and a certificate;
    the others are marked not completed. Raises ``CompletionError`` (bad_state, not_over)."""
    session = _lock_session(session)
    if session.status != SessionStatus.PUBLISHED:
        raise CompletionError(_("Only a published session can be finished."), code="bad_state")
    days = list(session.days.all())
    if days and days[-1].date > (today or timezone.localdate()):
        raise CompletionError(_("The session has meeting days still to come."), code="not_over")
    programme = session.programme
    present: dict[int, int] = {}
    for enrolment_id in AttendanceRecord.objects.filter(
        day__session=session, status__in=PRESENT_STATUSES
    ).values_list("enrolment_id", flat=True):
        present[enrolment_id] = present.get(enrolment_id, 0) + 1
    result = FinishResult([], [])
    now = timezone.now()
    for enrolment in session.enrolments.filter(status=EnrolmentStatus.CONFIRMED).select_related("employee"):
        ok = rules.meets_completion_rule(
            attended_days=present.get(enrolment.pk, 0), total_days=len(days),
            min_percent=programme.min_attendance_percent, pass_mark=programme.post_test_pass_mark,
            post_test_score=enrolment.post_test_score,
        )
        enrolment.status = EnrolmentStatus.COMPLETED if ok else EnrolmentStatus.NOT_COMPLETED
        enrolment.save(update_fields=["status", "updated_at"])
        if ok:
            result.completed.append(enrolment)
            _credit_session_record(enrolment=enrolment, session=session, days=days, actor=actor)
            certificate_issue(enrolment=enrolment, actor=actor, issued_on=days[-1].date if days else None)
        else:
            result.not_completed.append(enrolment)
    session.status = SessionStatus.FINISHED
    session.finished_at = now
    session.save(update_fields=["status", "finished_at"])
    record(session, "pelatihan.session.finish", actor=actor,
           data={"completed": len(result.completed), "not_completed": len(result.not_completed)})
    return result


def _credit_session_record(*, enrolment: Enrolment, session: Session, days: list[SessionDay], actor) -> DevelopmentRecord:
    programme = session.programme
    record_ = DevelopmentRecord(
        employee=enrolment.employee, source=RecordSource.SESSION, enrolment=enrolment, title=programme.title,
        route=programme.route, competency_kind=programme.competency_kind, provider=programme.provider,
        start_date=days[0].date, end_date=days[-1].date, year=days[-1].date.year, jp=programme.jp,
        status=RecordStatus.VERIFIED, verified_at=timezone.now(),
        verified_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record_.full_clean()
    record_.save()
    record(record_, "pelatihan.record.credit", actor=actor, data={"enrolment": enrolment.pk, "jp": programme.jp})
    return record_


@transaction.atomic
def certificate_issue(*, enrolment: Enrolment, actor=None, issued_on: dt.date | None = None) -> Certificate:
    """Issue the certificate of a completed enrolment (idempotent: returns the existing one)."""
    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    if enrolment.status != EnrolmentStatus.COMPLETED:
        raise CompletionError(_("Only a completed participant gets a certificate."), code="bad_state")
    issued_on = issued_on or timezone.localdate()
    certificate = Certificate(
        enrolment=enrolment, number=make_number(year=issued_on.year, sequence=enrolment.pk), issued_on=issued_on
    )
    certificate.full_clean()
    certificate.save()
    DevelopmentRecord.objects.filter(enrolment=enrolment).update(certificate_number=certificate.number)
    record(certificate, "pelatihan.certificate.issue", actor=actor, data={"number": certificate.number})
    return certificate


@transaction.atomic
def external_record_create(*, employee: Employee, title: str, route: str, competency_kind: str, provider: str,
                           start_date: dt.date, end_date: dt.date, jp: int, certificate_number: str = "",
                           certificate_file=None, actor=None) -> DevelopmentRecord:
    """HR adds a development record from outside the portal (with its certificate file). It
    counts towards JP only once verified."""
    record_ = DevelopmentRecord(
        employee=employee, source=RecordSource.EXTERNAL, title=title, route=route, competency_kind=competency_kind,
        provider=provider, start_date=start_date, end_date=end_date, year=end_date.year, jp=jp,
        certificate_number=certificate_number, status=RecordStatus.PENDING,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if certificate_file is not None:
        record_.certificate_file = certificate_file
    record_.full_clean()
    record_.save()
    record(record_, "pelatihan.record.create", actor=actor, data={"employee": employee.nip, "jp": jp})
    return record_


@transaction.atomic
def external_record_verify(*, record_: DevelopmentRecord, actor) -> DevelopmentRecord:
    record_ = DevelopmentRecord.objects.select_for_update().get(pk=record_.pk)
    if record_.status != RecordStatus.PENDING:
        raise TrainingError(_("This record has already been decided."), code="bad_state")
    record_.status = RecordStatus.VERIFIED
    record_.verified_by, record_.verified_at = actor, timezone.now()
    record_.save()
    record(record_, "pelatihan.record.verify", actor=actor)
    return record_


@transaction.atomic
def external_record_reject(*, record_: DevelopmentRecord, actor, reason: str) -> DevelopmentRecord:
    if not (reason or "").strip():
        raise TrainingError(_("Give a reason for the rejection."), code="reason_required")
    record_ = DevelopmentRecord.objects.select_for_update().get(pk=record_.pk)
    if record_.status != RecordStatus.PENDING:
        raise TrainingError(_("This record has already been decided."), code="bad_state")
    record_.status = RecordStatus.REJECTED
    record_.rejection_reason = reason.strip()
    record_.verified_by, record_.verified_at = actor, timezone.now()
    record_.save()
    record(record_, "pelatihan.record.reject", actor=actor, data={"reason": record_.rejection_reason})
    return record_


# --- Reminders and calendar -----------------------------------------------------------------


def send_reminders(*, today: dt.date | None = None) -> int:
    """E-mail every confirmed participant of a meeting day tomorrow, once: a ``ReminderSent``
    row per enrolment and day is written with the mail, so a second run sends nothing."""
    tomorrow = (today or timezone.localdate()) + dt.timedelta(days=1)
    sent = 0
    days = SessionDay.objects.filter(date=tomorrow, session__status=SessionStatus.PUBLISHED)
    for day in days:
        for enrolment in Enrolment.objects.filter(session_id=day.session_id, status=EnrolmentStatus.CONFIRMED).exclude(
            reminders__day=day
        ):
            with transaction.atomic():
                _obj, created = ReminderSent.objects.get_or_create(enrolment=enrolment, day=day)
                if created:
                    notifications.queue(notifications.REMINDER, enrolment)
                    sent += 1
    return sent


@transaction.atomic
def calendar_feed_for(*, employee: Employee, rotate: bool = False) -> CalendarFeed:
    feed, created = CalendarFeed.objects.get_or_create(employee=employee)
    if rotate and not created:
        from .models import _new_token

        feed.token = _new_token()
        feed.save(update_fields=["token"])
        record(feed, "pelatihan.calendar.rotate", actor=employee.user)
    return feed
