"""Intensive coaching (pembinaan intensif): plans, their coaching or mentoring meetings, the
supervisor's evaluation of each competency and the coached employee's feedback."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from penilaian.models import Employee, Indicator

from .catalogue import Route
from .completion import DevelopmentRecord


class CoachingPlanStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class CoachingPlan(models.Model):
    """Pembinaan intensif: for an employee whose predikat in ``appraisal`` calls for it
    (``rules.PREDIKAT_NEEDING_PLAN``), made by the direct supervisor. One per appraisal."""

    employee = models.ForeignKey(Employee, verbose_name=_("employee"), on_delete=models.CASCADE,
                                 related_name="coaching_plans")
    appraisal = models.OneToOneField(
        "penilaian.Appraisal", verbose_name=_("appraisal"), on_delete=models.PROTECT, related_name="coaching_plan"
    )
    supervisor = models.ForeignKey(Employee, verbose_name=_("supervisor"), null=True, on_delete=models.SET_NULL,
                                   related_name="coaching_plans_led")
    goal = models.TextField(_("goal"))
    indicators = models.ManyToManyField(Indicator, verbose_name=_("competencies concerned"), related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=CoachingPlanStatus.choices,
                              default=CoachingPlanStatus.OPEN)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("coaching plan")
        verbose_name_plural = _("coaching plans")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.employee.name} — {self.appraisal_id}"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class CoachingMeeting(models.Model):
    """A coaching or mentoring meeting of a plan (a nonklasikal route). Held → the JP of its
    duration are credited to the employee's development record."""

    plan = models.ForeignKey(CoachingPlan, on_delete=models.CASCADE, related_name="meetings")
    route = models.CharField(_("route"), max_length=30, choices=[(Route.COACHING, Route.COACHING.label),
                                                                  (Route.MENTORING, Route.MENTORING.label)])
    topic = models.CharField(_("topic"), max_length=200)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    status = models.CharField(_("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    summary = models.TextField(_("summary"), blank=True)
    development_record = models.OneToOneField(
        DevelopmentRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="coaching_meeting"
    )
    held_at = models.DateTimeField(_("held"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("coaching meeting")
        verbose_name_plural = _("coaching meetings")
        ordering = ["date", "start_time"]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="coaching_meeting_times_ordered"),
            models.CheckConstraint(condition=Q(route__in=[Route.COACHING, Route.MENTORING]), name="coaching_meeting_route"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} ({self.date})"


class CoachingEvaluation(models.Model):
    """After a held meeting, the supervisor scores each competency concerned 1–5 with a reason.
    Newer than the appraisal, it replaces the appraisal score in the employee's current gaps
    (``selectors.coaching.current_gaps``)."""

    meeting = models.ForeignKey(CoachingMeeting, on_delete=models.CASCADE, related_name="evaluations")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"))
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("coaching evaluation")
        verbose_name_plural = _("coaching evaluations")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "indicator"], name="coaching_evaluation_unique"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="coaching_evaluation_1_5"),
            models.CheckConstraint(condition=~Q(reason=""), name="coaching_evaluation_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} · {self.indicator_id}: {self.score}"


class CoachingFeedback(models.Model):
    """The coached employee's nine-statement feedback on one meeting (1–5 each), once."""

    meeting = models.OneToOneField(CoachingMeeting, on_delete=models.CASCADE, related_name="feedback")
    answers = models.JSONField(_("answers"), default=dict)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("coaching feedback")
        verbose_name_plural = _("coaching feedback")

    def __str__(self) -> str:
        return f"{self.meeting_id}"
