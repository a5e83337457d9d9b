"""HR acts on the needs analysis and the matching: invite employees to a session, or enrol them.
Enrolment goes through ``services.enrolment.enrolment_create(by_hr=True)``, so the capacity lock
and the waiting list hold exactly as for a single registration.

Both take (employee, session) pairs: the drill-down sends one chosen session for the selected
employees, the matching page each employee's own recommended session.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from penilaian import permissions as penilaian_permissions
from penilaian.models import AppraisalPeriod, Employee
from portal.core import roles
from portal.core.audit import record

from ..exceptions import EnrolmentError, MatchingError
from ..models import Enrolment, EnrolmentStatus, Invitation, InvitationStatus, Session
from ..selectors.enrolment import is_eligible
from ..selectors.matching import explain
from ..selectors.needs import latest_assessed_period
from . import notifications
from .enrolment import enrolment_create

Pair = tuple[Employee, Session]


@dataclass
class BatchResult:
    invited: list[Pair] = field(default_factory=list)
    confirmed: list[Pair] = field(default_factory=list)
    waiting: list[Pair] = field(default_factory=list)
    pending: list[Pair] = field(default_factory=list)
    skipped: list[tuple[Pair, str]] = field(default_factory=list)

    def skipped_reasons(self) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for _pair, reason in self.skipped:
            counts[reason] += 1
        return dict(counts)


def _require_hr(actor) -> None:
    if not roles.is_hr(actor):
        raise MatchingError(_("Only BKPSDM may invite or enrol employees through matching."), code="not_allowed")


def _registered(pairs: Sequence[Pair]) -> set[tuple[int, int]]:
    """(employee id, session id) of the pairs that already have a live registration."""
    return set(
        Enrolment.objects.filter(
            employee_id__in={e.pk for e, _s in pairs}, session_id__in={s.pk for _e, s in pairs}
        )
        .exclude(status__in=[EnrolmentStatus.CANCELLED, EnrolmentStatus.REJECTED])
        .values_list("employee_id", "session_id")
    )


@transaction.atomic
def invite(*, pairs: Sequence[Pair], actor, period: AppraisalPeriod | None = None) -> BatchResult:
    """Invite each employee to the paired session: an ``Invitation`` with the matching reason
    (written in the portal's language, as the e-mail is), and an e-mail after commit. Skipped,
    with the reason: inactive employees, sessions not open for registration, employees not
    eligible, already registered or already invited. A declined invitation may be renewed.
    Raises ``MatchingError`` (not_allowed) for anyone but HR."""
    _require_hr(actor)
    result = BatchResult()
    period = period or latest_assessed_period()
    registered = _registered(pairs)
    existing = {
        (i.employee_id, i.session_id): i
        for i in Invitation.objects.filter(
            employee_id__in={e.pk for e, _s in pairs}, session_id__in={s.pk for _e, s in pairs}
        )
    }
    by_session: dict[int, list[Employee]] = defaultdict(list)
    sessions: dict[int, Session] = {}
    for employee, session in pairs:
        sessions[session.pk] = session
        by_session[session.pk].append(employee)

    with translation.override(settings.LANGUAGE_CODE):
        for session_id, employees in by_session.items():
            session = sessions[session_id]
            reasons = explain(period, session, [e.pk for e in employees]) if period else {}
            invited_here = 0
            for employee in employees:
                pair = (employee, session)
                skip = _skip_reason(employee, session, registered)
                invitation = existing.get((employee.pk, session.pk))
                if skip is None and invitation is not None and invitation.status != InvitationStatus.DECLINED:
                    skip = _("already invited")
                if skip:
                    result.skipped.append((pair, skip))
                    continue
                match = reasons.get(employee.pk)
                reason = match.reason if match else _("Recommended by BKPSDM for your competency development.")
                if invitation is None:
                    invitation = Invitation(employee=employee, session=session)
                invitation.invited_by = actor
                invitation.reason = reason
                invitation.status = InvitationStatus.INVITED
                invitation.full_clean(validate_unique=False)
                invitation.save()
                record(invitation, "pelatihan.invitation.create", actor=actor,
                       data={"employee": employee.nip, "session": session.pk, "reason": reason})
                notifications.queue_invitation(invitation)
                result.invited.append(pair)
                invited_here += 1
            record(session, "pelatihan.matching.invite", actor=actor,
                   data={"invited": invited_here, "selected": len(employees),
                         "period": period.code if period else None})
    return result


def _skip_reason(employee: Employee, session: Session, registered: set[tuple[int, int]]) -> str | None:
    if not employee.is_active:
        return _("not active")
    if not session.registration_is_open():
        return _("registration is not open")
    if (employee.pk, session.pk) in registered:
        return _("already registered")
    if not is_eligible(session, employee):
        return _("not eligible for this session")
    return None


@transaction.atomic
def enrol(*, pairs: Sequence[Pair], actor) -> BatchResult:
    """Enrol each employee into the paired session through ``enrolment_create(by_hr=True)``
    (the session row is locked per registration: seats while they last, then the waiting list).
    Employees who are not eligible, already registered, or whose session is closed are skipped
    with the reason. An invitation for the pair becomes ``enrolled``.
    Raises ``MatchingError`` (not_allowed) for anyone but HR."""
    _require_hr(actor)
    result = BatchResult()
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for employee, session in pairs:
        pair = (employee, session)
        if not employee.is_active:
            result.skipped.append((pair, _("not active")))
            counts[session.pk]["skipped"] += 1
            continue
        if not is_eligible(session, employee):
            result.skipped.append((pair, _("not eligible for this session")))
            counts[session.pk]["skipped"] += 1
            continue
        try:
            outcome = enrolment_create(session=session, employee=employee, actor=actor, by_hr=True)
        except EnrolmentError as exc:
            reason = {"already": _("already registered"), "closed": _("registration is closed")}.get(
                exc.code, " ".join(exc.messages))
            result.skipped.append((pair, reason))
            counts[session.pk]["skipped"] += 1
            continue
        status = outcome.enrolment.status
        bucket = {EnrolmentStatus.CONFIRMED: result.confirmed, EnrolmentStatus.WAITING: result.waiting}.get(
            status, result.pending)
        bucket.append(pair)
        counts[session.pk][status] += 1
        Invitation.objects.filter(employee=employee, session=session).exclude(
            status=InvitationStatus.ENROLLED).update(status=InvitationStatus.ENROLLED, updated_at=timezone.now())
    sessions = {s.pk: s for _e, s in pairs}
    for session_id, c in counts.items():
        record(sessions[session_id], "pelatihan.matching.enrol", actor=actor, data=dict(c))
    return result


@transaction.atomic
def invitation_decline(*, invitation: Invitation, actor) -> Invitation:
    """The invited employee declines. Raises ``MatchingError`` (not_allowed, bad_state)."""
    me = penilaian_permissions.employee_of(actor)
    if me is None or me.pk != invitation.employee_id:
        raise MatchingError(_("Only the invited employee may decline."), code="not_allowed")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != InvitationStatus.INVITED:
        raise MatchingError(_("This invitation is no longer open."), code="bad_state")
    invitation.status = InvitationStatus.DECLINED
    invitation.save(update_fields=["status", "updated_at"])
    record(invitation, "pelatihan.invitation.decline", actor=actor, data={"session": invitation.session_id})
    return invitation
