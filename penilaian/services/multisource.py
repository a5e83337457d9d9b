"""Multi-source input: the supervisor (or BKPSDM) opens a round for one employee and invites peers
at the same level, direct subordinates and external stakeholders; each answers once.

A response is written without any link to the invitation it answers (only the invitation is
marked used), so anonymity does not depend on every page remembering to hide a column.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from penilaian import permissions
from penilaian.exceptions import AppraisalError
from penilaian.models import (
    AppraisalPeriod,
    Employee,
    FeedbackRound,
    MultisourceRating,
    MultisourceResponse,
    PeriodStatus,
    RaterGroup,
    RaterInvitation,
)
from penilaian.selectors import expectations as expectation_selectors
from penilaian.selectors import multisource as multisource_selectors
from portal.core.audit import record
from portal.core.roles import is_hr

from . import notifications

MAX_COMMENT = 2000


def may_invite(actor, employee: Employee, period: AppraisalPeriod) -> bool:
    """The employee's supervisor for the period, or BKPSDM."""
    if is_hr(actor):
        return True
    me = permissions.employee_of(actor)
    return me is not None and me.pk == expectation_selectors.responsible_supervisor_id(employee, period)


def colleague_choices(employee: Employee, group: str):
    """Whom a group may hold: peers share the employee's direct supervisor; subordinates report
    directly to the employee."""
    if group == RaterGroup.PEER:
        if employee.supervisor_id is None:
            return Employee.objects.none()
        return Employee.objects.filter(supervisor_id=employee.supervisor_id, is_active=True).exclude(pk=employee.pk)
    return Employee.objects.filter(supervisor=employee, is_active=True)


def _expiry() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=settings.PENILAIAN_STAKEHOLDER_LINK_DAYS)


@transaction.atomic
def round_open(*, employee: Employee, period: AppraisalPeriod, actor) -> FeedbackRound:
    """The employee's round for the period, opened if needed. Raises ``AppraisalError``
    (not_allowed, closed)."""
    if not may_invite(actor, employee, period):
        raise AppraisalError(_("Only the employee's supervisor or BKPSDM can ask for input."), code="not_allowed")
    if period.status == PeriodStatus.CLOSED:
        raise AppraisalError(_("This appraisal period is closed; nothing can be changed."), code="closed")
    feedback_round, created = FeedbackRound.objects.get_or_create(
        employee=employee, period=period, defaults={"opened_by": actor})
    if created:
        record(feedback_round, "penilaian.multisource.open", actor=actor,
               data={"employee": employee.nip, "period": period.code})
    return feedback_round


@transaction.atomic
def invite_colleagues(*, feedback_round: FeedbackRound, actor, group: str, raters: list[Employee]) -> int:
    """Invite peers or direct subordinates (see ``colleague_choices``); someone invited before
    is skipped. Each gets an e-mail. Returns how many were invited. Raises ``AppraisalError``
    (not_allowed, bad_group, not_colleague)."""
    employee = feedback_round.employee
    if not may_invite(actor, employee, feedback_round.period):
        raise AppraisalError(_("Only the employee's supervisor or BKPSDM can ask for input."), code="not_allowed")
    if group not in (RaterGroup.PEER, RaterGroup.SUBORDINATE):
        raise AppraisalError(_("Unknown group."), code="bad_group")
    allowed = set(colleague_choices(employee, group).values_list("pk", flat=True))
    if any(r.pk not in allowed for r in raters):
        raise AppraisalError(
            _("Peers share the employee's supervisor; subordinates report directly to the employee."),
            code="not_colleague")
    have = set(feedback_round.invitations.filter(rater__isnull=False).values_list("rater_id", flat=True))
    created = []
    for rater in raters:
        if rater.pk in have:
            continue
        invitation = RaterInvitation(round=feedback_round, group=group, rater=rater, expires_at=_expiry())
        invitation.full_clean()
        invitation.save()
        created.append(invitation)
        notifications.queue(notifications.RATER_INVITED, invitation.pk)
    if created:
        record(feedback_round, "penilaian.multisource.invite", actor=actor, data={"group": group, "n": len(created)})
    return len(created)


@transaction.atomic
def invite_stakeholder(*, feedback_round: FeedbackRound, actor, email: str = "") -> tuple[RaterInvitation, str]:
    """Create a one-time, expiring link for an external stakeholder (a community member, a
    partner agency) and e-mail it when ``email`` is given. Returns the invitation and its link
    (the inviter may pass it on another way). Raises ``AppraisalError`` (not_allowed, bad_email)."""
    if not may_invite(actor, feedback_round.employee, feedback_round.period):
        raise AppraisalError(_("Only the employee's supervisor or BKPSDM can ask for input."), code="not_allowed")
    email = (email or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise AppraisalError(_("Enter a valid e-mail address."), code="bad_email") from None
    invitation = RaterInvitation(round=feedback_round, group=RaterGroup.STAKEHOLDER, email=email,
                                 nonce=secrets.token_hex(16), expires_at=_expiry())
    invitation.full_clean()
    invitation.save()
    if email:
        notifications.queue(notifications.RATER_INVITED, invitation.pk)
    record(feedback_round, "penilaian.multisource.invite", actor=actor,
           data={"group": RaterGroup.STAKEHOLDER, "n": 1, "emailed": bool(email)})
    return invitation, multisource_selectors.stakeholder_url(invitation)


def _write_response(invitation: RaterInvitation, scores: dict[int, int], comment: str) -> MultisourceResponse:
    values = {v.pk for v in expectation_selectors.behaviour_values()}
    clean = {}
    for value_id, score in scores.items():
        if int(value_id) in values and score not in (None, ""):
            score = int(score)
            if not 1 <= score <= 5:
                raise AppraisalError(_("Scores go from 1 to 5."), code="out_of_range")
            clean[int(value_id)] = score
    if set(clean) != values:
        raise AppraisalError(_("Rate each of the seven core values."), code="incomplete")
    response = MultisourceResponse.objects.create(
        round_id=invitation.round_id, group=invitation.group, comment=(comment or "").strip()[:MAX_COMMENT])
    MultisourceRating.objects.bulk_create(
        [MultisourceRating(response=response, value_id=v, score=s) for v, s in clean.items()])
    invitation.used = True
    invitation.save(update_fields=["used"])
    return response


@transaction.atomic
def response_submit(*, invitation: RaterInvitation, actor, scores: dict[int, int], comment: str = "") -> None:
    """A signed-in peer or subordinate answers their invitation, once. Raises ``AppraisalError``
    (not_rater, used, expired, incomplete, out_of_range)."""
    invitation = RaterInvitation.objects.select_for_update(of=("self",)).select_related("rater").get(pk=invitation.pk)
    if invitation.rater is None or invitation.rater.user_id != getattr(actor, "pk", None):
        raise AppraisalError(_("This invitation is not yours."), code="not_rater")
    if invitation.used:
        raise AppraisalError(_("You have already answered. Thank you."), code="used")
    if invitation.expires_at <= timezone.now():
        raise AppraisalError(_("This invitation has expired."), code="expired")
    _write_response(invitation, scores, comment)
    # The trace says that an answer came, not what it said.
    record(invitation.round, "penilaian.multisource.answer", actor=None, data={"group": invitation.group})


@transaction.atomic
def stakeholder_submit(*, token: str, scores: dict[int, int], comment: str = "") -> None:
    """A stakeholder answers through their one-time link. Raises ``AppraisalError``
    (invalid_link — unknown, tampered, used or expired; incomplete, out_of_range)."""
    invitation = multisource_selectors.invitation_for_token(token, for_update=True)
    if invitation is None:
        raise AppraisalError(_("This link is not valid: it may have been used already or have expired."),
                             code="invalid_link")
    _write_response(invitation, scores, comment)
    record(invitation.round, "penilaian.multisource.answer", actor=None, data={"group": invitation.group})
