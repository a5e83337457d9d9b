"""Registration: seats, the waiting list and the supervisor's approval.

Capacity: a confirmed seat is only ever handed out while the session row is locked
(``services.sessions.lock_session``), once, as late as possible, right before counting. The
unique constraint (session, employee) stands behind "no double registration". Cancelling
promotes the head of the waiting list in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from penilaian.models import Employee
from portal.core.audit import record

from ..exceptions import EnrolmentError
from ..models import ACTIVE_STATUSES, Enrolment, EnrolmentSource, EnrolmentStatus, Session, SessionStatus
from ..permissions import may_decide
from ..selectors.enrolment import clashing_sessions, is_eligible
from . import notifications
from .sessions import lock_session


@dataclass
class EnrolmentResult:
    enrolment: Enrolment
    clashes: list[Session] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.enrolment.status


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
    session = lock_session(session)
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
    of the waiting list in the same transaction. The employee gets the calendar cancellation.
    Returns the promoted enrolment, if any. Raises ``EnrolmentError`` (started, bad_state)."""
    session = lock_session(enrolment.session)
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
    notifications.queue(notifications.CANCELLED, enrolment)
    if was == EnrolmentStatus.CONFIRMED:
        return _promote_head_of_waiting_list(session, timezone.now())
    return None


@transaction.atomic
def enrolment_approve(*, enrolment: Enrolment, actor) -> Enrolment:
    """The supervisor approves: the registration takes a seat, or the waiting list when full.
    Raises ``EnrolmentError`` (not_allowed, bad_state, closed)."""
    if not may_decide(actor, enrolment):
        raise EnrolmentError(_("Only the employee's supervisor may decide."), code="not_allowed")
    session = lock_session(enrolment.session)
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


@dataclass
class ApprovalBatch:
    """What approving several registrations at once did: seats taken, waiting-list places, and
    each refusal with its error (``None`` for the enrolment when it does not exist)."""

    confirmed: list[Enrolment] = field(default_factory=list)
    waiting: list[Enrolment] = field(default_factory=list)
    refused: list[tuple[Enrolment | None, EnrolmentError]] = field(default_factory=list)


def enrolment_approve_many(*, enrolment_ids: list[int], actor) -> ApprovalBatch:
    """Approve several registrations, each through ``enrolment_approve`` in its own transaction
    (audited, mails on its commit, the session locked as for one): a registration that can no
    longer be approved (decided already, session closed, not this actor's to decide, unknown) is
    refused and reported, and the others still go through. Oldest registration first, so a
    nearly full session seats them in the order they asked."""
    batch = ApprovalBatch()
    wanted = sorted({int(pk) for pk in enrolment_ids})
    found = {e.pk: e for e in Enrolment.objects.filter(pk__in=wanted).select_related("employee", "session")}
    for pk in wanted:
        enrolment = found.get(pk)
        if enrolment is None:
            batch.refused.append((None, EnrolmentError(_("This registration does not exist."), code="not_found")))
            continue
        try:
            enrolment.status = enrolment_approve(enrolment=enrolment, actor=actor).status
        except EnrolmentError as exc:
            batch.refused.append((enrolment, exc))
            continue
        (batch.confirmed if enrolment.status == EnrolmentStatus.CONFIRMED else batch.waiting).append(enrolment)
    return batch
