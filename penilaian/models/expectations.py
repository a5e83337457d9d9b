"""Expectations at the start of a period (PermenPANRB 6/2022, planning): the planned work results
(RHK, *rencana hasil kerja*) with their indicators and targets on quantity, quality and time, and
the leader's specific behaviour expectations per BerAKHLAK value (*ekspektasi khusus pimpinan*).
The employee acknowledges them; the date is kept."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .appraisal import AppraisalPeriod
from .catalogue import Indicator
from .register import Employee


class Aspect(models.TextChoices):
    """The aspects of an RHK's targets (SKP): e.g. "2 dokumen", "100 %", "12 bulan"."""

    KUANTITAS = "kuantitas", _("Quantity")
    KUALITAS = "kualitas", _("Quality")
    WAKTU = "waktu", _("Time")


class PerformancePlan(models.Model):
    """One employee's expectations for one period, set by their supervisor. A change after the
    employee acknowledged it asks for a new acknowledgement (``acknowledged_at`` is cleared)."""

    employee = models.ForeignKey(Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="plans")
    period = models.ForeignKey(AppraisalPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="plans")
    supervisor = models.ForeignKey(
        Employee, verbose_name=_("set by (supervisor)"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="plans_set",
    )
    acknowledged_at = models.DateTimeField(_("acknowledged by the employee"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("performance expectations")
        verbose_name_plural = _("performance expectations")
        constraints = [models.UniqueConstraint(fields=["employee", "period"], name="plan_unique_employee_period")]

    def __str__(self) -> str:
        return f"{self.employee.name} — {self.period}"


class WorkResult(models.Model):
    """A planned work result (RHK). ``supports`` is the supervisor's own RHK of the same period
    that it supports (intervensi), for staff below a unit head."""

    plan = models.ForeignKey(PerformancePlan, on_delete=models.CASCADE, related_name="results")
    title = models.CharField(_("planned work result (RHK)"), max_length=500)
    supports = models.ForeignKey(
        "self", verbose_name=_("supports the supervisor's RHK"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="supported_by",
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("planned work result (RHK)")
        verbose_name_plural = _("planned work results (RHK)")
        ordering = ["sort_order", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(supports=models.F("pk")), name="rhk_not_own_support")]

    def __str__(self) -> str:
        return self.title


class ResultTarget(models.Model):
    """One indicator of an RHK with its target on one aspect: "Jumlah dokumen perangkat
    pembelajaran — 2 dokumen"."""

    result = models.ForeignKey(WorkResult, on_delete=models.CASCADE, related_name="targets")
    aspect = models.CharField(_("aspect"), max_length=10, choices=Aspect.choices)
    indicator = models.CharField(_("individual performance indicator"), max_length=300)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    unit = models.CharField(_("unit of measure"), max_length=40, help_text=_("e.g. dokumen, %, bulan"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["result_id", "aspect"]
        constraints = [
            models.UniqueConstraint(fields=["result", "aspect"], name="target_unique_result_aspect"),
            models.CheckConstraint(condition=Q(target__gt=0), name="target_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.target.normalize():f} {self.unit}"


class BehaviourExpectation(models.Model):
    """The supervisor's specific expectation for one BerAKHLAK value (ekspektasi khusus pimpinan)."""

    plan = models.ForeignKey(PerformancePlan, on_delete=models.CASCADE, related_name="behaviours")
    value = models.ForeignKey(Indicator, verbose_name=_("BerAKHLAK value"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("specific expectation"))

    class Meta:
        verbose_name = _("behaviour expectation")
        verbose_name_plural = _("behaviour expectations")
        ordering = ["value__sort_order"]
        constraints = [models.UniqueConstraint(fields=["plan", "value"], name="behaviour_unique_plan_value")]

    def __str__(self) -> str:
        return f"{self.value}: {self.text[:60]}"
