"""Input from others on one employee's behaviour (PP 30/2019: peers at the same level and direct
subordinates; PermenPANRB 6/2022: collaboration with stakeholders). Each rater rates the seven
BerAKHLAK values 1–5 with an optional comment.

Anonymity is built into the tables: a response has no link to the invitation it answers, no
rater and no time; an invitation knows only whether it was used. Pages show a group's aggregate
only from ``rules.MULTISOURCE_MIN_RESPONSES`` responses, and no page shows a single response.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .appraisal import AppraisalPeriod
from .catalogue import Indicator
from .register import Employee


class RaterGroup(models.TextChoices):
    PEER = "peer", _("Peers at the same level")
    SUBORDINATE = "subordinate", _("Direct subordinates")
    STAKEHOLDER = "stakeholder", _("External stakeholders")


class FeedbackRound(models.Model):
    """One employee's multi-source round in one period, opened by their supervisor or BKPSDM."""

    employee = models.ForeignKey(Employee, verbose_name=_("employee"), on_delete=models.PROTECT,
                                 related_name="feedback_rounds")
    period = models.ForeignKey(AppraisalPeriod, verbose_name=_("period"), on_delete=models.PROTECT,
                               related_name="feedback_rounds")
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)

    class Meta:
        verbose_name = _("multi-source round")
        verbose_name_plural = _("multi-source rounds")
        constraints = [models.UniqueConstraint(fields=["employee", "period"], name="round_unique_employee_period")]

    def __str__(self) -> str:
        return f"{self.employee.name} — {self.period}"


class RaterInvitation(models.Model):
    """An invitation to rate. Peers and subordinates answer signed in (``rater``); a stakeholder
    answers without an account through a one-time link: a token signed with the portal's key
    over this row's id and random ``nonce`` (neither alone is enough), valid until
    ``expires_at`` and only while ``used`` is false."""

    round = models.ForeignKey(FeedbackRound, on_delete=models.CASCADE, related_name="invitations")
    group = models.CharField(_("group"), max_length=12, choices=RaterGroup.choices)
    rater = models.ForeignKey(Employee, verbose_name=_("rater"), null=True, blank=True, on_delete=models.CASCADE,
                              related_name="rater_invitations")
    email = models.EmailField(_("stakeholder's e-mail"), blank=True)
    nonce = models.CharField(max_length=32, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    used = models.BooleanField(_("answered"), default=False)
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        verbose_name = _("rater invitation")
        verbose_name_plural = _("rater invitations")
        constraints = [
            models.UniqueConstraint(fields=["round", "rater"], condition=Q(rater__isnull=False),
                                    name="invitation_unique_round_rater"),
            models.CheckConstraint(
                condition=(Q(group="stakeholder") & Q(rater__isnull=True)) | (~Q(group="stakeholder") & Q(rater__isnull=False)),
                name="invitation_rater_matches_group",
            ),
        ]
        indexes = [models.Index(fields=["rater", "used"])]

    def __str__(self) -> str:
        return f"{self.round} · {self.get_group_display()}"


class MultisourceResponse(models.Model):
    """One anonymous answer: its group and comment, nothing about who gave it or when."""

    round = models.ForeignKey(FeedbackRound, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(_("group"), max_length=12, choices=RaterGroup.choices)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("multi-source response")
        verbose_name_plural = _("multi-source responses")
        indexes = [models.Index(fields=["round", "group"])]

    def __str__(self) -> str:
        return f"{self.round} · {self.get_group_display()}"


class MultisourceRating(models.Model):
    """One BerAKHLAK value rated 1–5 in one response."""

    response = models.ForeignKey(MultisourceResponse, on_delete=models.CASCADE, related_name="ratings")
    value = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("multi-source rating")
        verbose_name_plural = _("multi-source ratings")
        constraints = [
            models.UniqueConstraint(fields=["response", "value"], name="msrating_unique_response_value"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="msrating_score_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.value}: {self.score}"
