"""After the appraisal: the employee's acknowledgement of a final appraisal and the objection
against it (*keberatan*, PP 30/2019 art. 59): filed with reasons within the set number of days,
to the appraiser's own superior, who records the explanations of both the appraiser and the
employee and then decides — upheld, or the ratings changed and the predikat recomputed. The
decision is final."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .appraisal import Appraisal, Predikat, Rating
from .register import Employee


class AppraisalReceipt(models.Model):
    """A final appraisal handed to the employee: when they were told, and when they acknowledged
    receipt."""

    appraisal = models.OneToOneField(Appraisal, on_delete=models.CASCADE, related_name="receipt")
    notified_at = models.DateTimeField(_("employee notified"))
    acknowledged_at = models.DateTimeField(_("receipt acknowledged"), null=True, blank=True)

    class Meta:
        verbose_name = _("receipt of a final appraisal")
        verbose_name_plural = _("receipts of final appraisals")

    def __str__(self) -> str:
        return str(self.appraisal)


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("Pending decision")
    DECIDED = "decided", _("Decided")


class ObjectionOutcome(models.TextChoices):
    UPHELD = "upheld", _("Appraisal upheld")
    CHANGED = "changed", _("Ratings changed")


class Objection(models.Model):
    """An employee's objection against one final appraisal (at most one per appraisal)."""

    appraisal = models.OneToOneField(Appraisal, on_delete=models.PROTECT, related_name="objection")
    reasons = models.TextField(_("reasons"))
    submitted_at = models.DateTimeField(_("submitted"))
    handler = models.ForeignKey(
        Employee, verbose_name=_("decided by (the appraiser's superior)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="objections_to_decide",
    )
    appraiser_explanation = models.TextField(_("the appraiser's explanation"), blank=True)
    employee_explanation = models.TextField(_("the employee's explanation"), blank=True)
    explanations_recorded_at = models.DateTimeField(_("explanations recorded"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN)
    outcome = models.CharField(_("outcome"), max_length=10, choices=ObjectionOutcome.choices, blank=True)
    decision = models.TextField(_("decision and its reasons"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    hasil_kerja_before = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    perilaku_before = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    predikat_before = models.CharField(_("predikat before"), max_length=20, choices=Predikat.choices, blank=True)
    predikat_after = models.CharField(_("predikat after"), max_length=20, choices=Predikat.choices, blank=True)

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        indexes = [models.Index(fields=["status", "submitted_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", outcome="") | (Q(status="decided") & ~Q(outcome="")),
                name="objection_outcome_when_decided",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.appraisal} ({self.get_status_display()})"
