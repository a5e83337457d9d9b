"""Reads of multi-source input: a round's aggregate per group (only groups with at least
``rules.MULTISOURCE_MIN_RESPONSES`` responses; never a single response), the invitations
waiting for a signed-in rater, and the stakeholder's one-time link (a token signed with the
portal's key over the invitation's id and random nonce)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core import signing
from django.db.models import Avg, Count
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from penilaian import rules
from penilaian.models import (
    AppraisalPeriod,
    Employee,
    FeedbackRound,
    MultisourceRating,
    MultisourceResponse,
    RaterGroup,
    RaterInvitation,
)

TOKEN_SALT = "penilaian.multisource.stakeholder"  # noqa: S105 - a signing salt, not a secret


def stakeholder_token(invitation: RaterInvitation) -> str:
    return signing.dumps([invitation.pk, invitation.nonce], salt=TOKEN_SALT, compress=True)


def stakeholder_url(invitation: RaterInvitation) -> str:
    return reverse("penilaian:stakeholder-form", args=[stakeholder_token(invitation)])


def invitation_for_token(token: str, *, for_update: bool = False) -> RaterInvitation | None:
    """The stakeholder invitation a token names, when the signature holds, the nonce matches,
    it is unused and not expired; None otherwise (the caller says only "not valid")."""
    try:
        pk, nonce = signing.loads(token, salt=TOKEN_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    qs = RaterInvitation.objects.filter(pk=pk, group=RaterGroup.STAKEHOLDER).select_related(
        "round__employee__unit__parent", "round__period")
    if for_update:
        qs = qs.select_for_update(of=("self",))
    invitation = qs.first()
    if invitation is None or not invitation.nonce or not constant_time_compare(invitation.nonce, str(nonce)):
        return None
    if invitation.used or invitation.expires_at <= timezone.now():
        return None
    return invitation


@dataclass
class GroupAggregate:
    group: str
    label: str
    responses: int
    visible: bool
    means: dict[int, float] = field(default_factory=dict)  # BerAKHLAK value id → mean score
    comments: list[str] = field(default_factory=list)


def aggregate(feedback_round: FeedbackRound | None) -> list[GroupAggregate]:
    """Per group: how many answered and, only when at least the minimum answered, the mean per
    BerAKHLAK value and the comments (sorted, so their order says nothing). Three queries."""
    if feedback_round is None:
        return []
    counts = dict(
        MultisourceResponse.objects.filter(round=feedback_round).values("group").annotate(n=Count("pk"))
        .values_list("group", "n").order_by()
    )
    visible = {g for g, n in counts.items() if rules.aggregate_visible(n)}
    result = {g: GroupAggregate(g, RaterGroup(g).label, counts.get(g, 0), g in visible) for g in RaterGroup.values}
    if visible:
        for group, value_id, mean in (
            MultisourceRating.objects.filter(response__round=feedback_round, response__group__in=visible)
            .values("response__group", "value_id").annotate(mean=Avg("score"))
            .values_list("response__group", "value_id", "mean").order_by()
        ):
            result[group].means[value_id] = round(float(mean), 1)
        for group, comment in MultisourceResponse.objects.filter(round=feedback_round, group__in=visible).exclude(
            comment=""
        ).values_list("group", "comment"):
            result[group].comments.append(comment)
        for entry in result.values():
            entry.comments.sort()
    return [result[g] for g in RaterGroup.values]


def round_for(employee: Employee, period: AppraisalPeriod) -> FeedbackRound | None:
    return FeedbackRound.objects.filter(employee=employee, period=period).first()


def invitation_summary(feedback_round: FeedbackRound | None) -> dict:
    """For the inviter: who was invited (colleagues by name; stakeholders only counted) and how
    many answered per group — never who answered."""
    if feedback_round is None:
        return {"colleagues": [], "groups": []}
    invitations = list(feedback_round.invitations.select_related("rater").order_by("group", "rater__name", "pk"))
    invited: dict[str, int] = {}
    for invitation in invitations:
        invited[invitation.group] = invited.get(invitation.group, 0) + 1
    answered = dict(
        feedback_round.responses.values("group").annotate(n=Count("pk")).values_list("group", "n").order_by()
    )
    groups = [(label, invited.get(g, 0), answered.get(g, 0)) for g, label in RaterGroup.choices]
    return {"colleagues": [i for i in invitations if i.rater_id], "groups": groups}


def pending_for(rater: Employee) -> list[RaterInvitation]:
    """The invitations a signed-in employee has yet to answer."""
    return list(
        RaterInvitation.objects.filter(rater=rater, used=False, expires_at__gt=timezone.now())
        .select_related("round__employee__unit", "round__period").order_by("expires_at")
    )
