"""Post-training evaluation: level 1 (the reaction survey) and level 3 (the supervisor's
re-evaluation after the programme's delay). Level 2 is ``Enrolment.pre_test_score`` /
``post_test_score``; level 4 is computed from appraisal scores (``pelatihan.selectors.evaluation``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from penilaian.models import Employee, Indicator

from .enrolment import Enrolment


class SurveyResponse(models.Model):
    """A participant's reaction survey (level 1): one per enrolment, by the participant only.
    ``answers`` maps the question codes of ``rules.SURVEY_QUESTIONS`` to 1–5."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="survey_response")
    answers = models.JSONField(_("answers"), default=dict)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("answered"), auto_now_add=True)

    class Meta:
        verbose_name = _("reaction survey answer")
        verbose_name_plural = _("reaction survey answers")

    def __str__(self) -> str:
        return f"{self.enrolment_id}"


class ReevaluationTask(models.Model):
    """Level 3: the participant's direct supervisor re-assesses the indicators the programme
    addresses, ``reevaluation_delay_days`` after the session's last day. Created by
    ``services.evaluation.reevaluation_tasks_create`` (the daily ``create_reevaluation_tasks`` command) on
    or after ``due_on``; ``supervisor`` follows the participant's current direct supervisor while
    the task is open."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="reevaluation")
    supervisor = models.ForeignKey(
        Employee, verbose_name=_("supervisor"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="reevaluation_tasks",
    )
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("re-evaluation task")
        verbose_name_plural = _("re-evaluation tasks")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["supervisor", "done_at"]), models.Index(fields=["done_at", "due_on"])]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.due_on}"


class ReevaluationReminder(models.Model):
    """One reminder e-mail to a supervisor about their overdue re-evaluations, per day. The row is
    written with the mail (in one transaction) and the unique (supervisor, day) pair stands behind
    "at most once a day": a second run, a second worker or HR's button the same day sends nothing."""

    supervisor = models.ForeignKey(Employee, verbose_name=_("supervisor"), on_delete=models.CASCADE,
                                   related_name="+")
    day = models.DateField(_("day"))
    tasks = models.PositiveIntegerField(_("overdue tasks"), default=0)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("re-evaluation reminder")
        verbose_name_plural = _("re-evaluation reminders")
        constraints = [
            models.UniqueConstraint(fields=["supervisor", "day"], name="reevaluation_reminder_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.supervisor_id} · {self.day}"


class ReevaluationScore(models.Model):
    """One indicator of a re-evaluation: the new 1–5 score and a note, next to the appraisal
    score that was the gap (``baseline_score``, copied when the task is created)."""

    task = models.ForeignKey(ReevaluationTask, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    baseline_score = models.PositiveSmallIntegerField(_("appraisal score before the training"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("re-evaluation score")
        verbose_name_plural = _("re-evaluation scores")
        constraints = [
            models.UniqueConstraint(fields=["task", "indicator"], name="reevaluation_score_unique"),
            models.CheckConstraint(condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                                   name="reevaluation_score_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.task_id} · {self.indicator_id}"

    @property
    def improvement(self) -> int | None:
        if self.score is None or self.baseline_score is None:
            return None
        return self.score - self.baseline_score
