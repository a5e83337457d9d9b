"""Appraisal periods, appraisals and their scores, with the ratings and the predikat."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .catalogue import Indicator
from .register import Employee, PositionKind, Unit


class PeriodKind(models.TextChoices):
    ANNUAL = "annual", _("Annual")
    QUARTERLY = "quarterly", _("Quarterly")
    MONTHLY = "monthly", _("Monthly")


class PeriodStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SELF_EVALUATION = "self_evaluation", _("Self-evaluation open")
    SUPERVISOR_ASSESSMENT = "supervisor_assessment", _("Supervisor assessment")
    CLOSED = "closed", _("Closed")


class AppraisalPeriod(models.Model):
    """An appraisal period. Its status moves only through ``penilaian.services.periods.period_advance``."""

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.ANNUAL)
    number = models.PositiveSmallIntegerField(
        _("quarter or month"), null=True, blank=True, help_text=_("1–4 for a quarter, 1–12 for a month; empty for annual.")
    )
    name = models.CharField(_("name"), max_length=100)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(_("status"), max_length=25, choices=PeriodStatus.choices, default=PeriodStatus.DRAFT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("appraisal period")
        verbose_name_plural = _("appraisal periods")
        ordering = ["-year", "kind", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "kind", "number"], condition=Q(number__isnull=False), name="period_unique_numbered"
            ),
            models.UniqueConstraint(fields=["year", "kind"], condition=Q(number__isnull=True), name="period_unique_annual"),
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="period_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.status == PeriodStatus.CLOSED

    @property
    def code(self) -> str:
        """How files and URLs name a period: ``2025`` (annual), ``2025-T2`` (quarter: triwulan),
        ``2025-07`` (month). ``selectors.period_by_code`` reads it back."""
        if self.kind == PeriodKind.QUARTERLY:
            return f"{self.year}-T{self.number}"
        if self.kind == PeriodKind.MONTHLY:
            return f"{self.year}-{self.number:02d}"
        return str(self.year)


class Rating(models.TextChoices):
    """The three-step rating of hasil kerja and perilaku kerja (PermenPANRB 6/2022)."""

    ABOVE = "di_atas", _("Above expectation")
    MEETS = "sesuai", _("Meets expectation")
    BELOW = "di_bawah", _("Below expectation")


class Predikat(models.TextChoices):
    """Best first. See ``penilaian.rules.PREDIKAT_MATRIX``."""

    SANGAT_BAIK = "sangat_baik", _("Sangat Baik")
    BAIK = "baik", _("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", _("Butuh Perbaikan")
    KURANG = "kurang", _("Kurang/Misconduct")
    SANGAT_KURANG = "sangat_kurang", _("Sangat Kurang")


class AppraisalStatus(models.TextChoices):
    DRAFT = "draft", _("Not submitted")
    SELF_SUBMITTED = "self_submitted", _("Self-evaluation submitted")
    ASSESSED = "assessed", _("Assessed by supervisor")
    FINALISED = "finalised", _("Finalised")


class Appraisal(models.Model):
    """One employee's appraisal in one period. The assessor and approver are recorded per
    period, because supervisors change (the domain brief: keep history per period)."""

    employee = models.ForeignKey(Employee, verbose_name=_("employee"), on_delete=models.PROTECT, related_name="appraisals")
    period = models.ForeignKey(AppraisalPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="appraisals")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="appraisals",
        help_text=_("The employee's unit in this period."),
    )
    position_kind = models.CharField(_("position kind"), max_length=20, choices=PositionKind.choices)
    assessor = models.ForeignKey(
        Employee, verbose_name=_("assessor (direct supervisor)"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="appraisals_assessed",
    )
    approver = models.ForeignKey(
        Employee, verbose_name=_("approver (supervisor's supervisor)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="appraisals_approved",
    )
    status = models.CharField(_("status"), max_length=20, choices=AppraisalStatus.choices, default=AppraisalStatus.DRAFT)
    self_note = models.TextField(_("self-evaluation note"), blank=True)
    feedback = models.TextField(_("supervisor's feedback"), blank=True)
    rating_hasil_kerja = models.CharField(_("work results rating"), max_length=10, choices=Rating.choices, blank=True)
    rating_hasil_kerja_suggested = models.CharField(
        _("suggested work results rating"), max_length=10, choices=Rating.choices, blank=True
    )
    rating_hasil_kerja_reason = models.TextField(_("reason for changing the suggested work results rating"), blank=True)
    rating_perilaku_suggested = models.CharField(
        _("suggested work behaviour rating"), max_length=10, choices=Rating.choices, blank=True
    )
    rating_perilaku = models.CharField(_("work behaviour rating"), max_length=10, choices=Rating.choices, blank=True)
    rating_perilaku_reason = models.TextField(
        _("reason for changing the suggested behaviour rating"), blank=True
    )
    predikat = models.CharField(_("predikat"), max_length=20, choices=Predikat.choices, blank=True)
    self_submitted_at = models.DateTimeField(_("self-evaluation submitted"), null=True, blank=True)
    assessed_at = models.DateTimeField(_("assessed"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("finalised"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("appraisal")
        verbose_name_plural = _("appraisals")
        ordering = ["-period_id", "employee_id"]  # no joins in the default ordering
        constraints = [
            models.UniqueConstraint(fields=["employee", "period"], name="appraisal_unique_employee_period"),
        ]
        indexes = [
            models.Index(fields=["period", "unit"]),
            models.Index(fields=["period", "assessor"]),
            models.Index(fields=["period", "predikat"]),
        ]

    def __str__(self) -> str:
        return f"{self.employee.name} — {self.period}"


class Score(models.Model):
    """The self and supervisor scores (1–5) of one indicator in one appraisal.

    ``expected_level`` is copied from the catalogue when the score is created, so a later
    change of the standard does not rewrite past gaps. Gap = expected − supervisor score."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="scores")
    expected_level = models.PositiveSmallIntegerField(_("expected level"))
    self_score = models.PositiveSmallIntegerField(_("self score"), null=True, blank=True)
    self_note = models.TextField(_("self note"), blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True)
    supervisor_score = models.PositiveSmallIntegerField(_("supervisor score"), null=True, blank=True)
    supervisor_note = models.TextField(_("supervisor note"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["appraisal", "indicator"], name="score_unique_appraisal_indicator"),
            models.CheckConstraint(condition=Q(self_score__gte=1, self_score__lte=5) | Q(self_score__isnull=True), name="score_self_1_5"),
            models.CheckConstraint(
                condition=Q(supervisor_score__gte=1, supervisor_score__lte=5) | Q(supervisor_score__isnull=True),
                name="score_supervisor_1_5",
            ),
            models.CheckConstraint(condition=Q(expected_level__gte=1, expected_level__lte=5), name="score_expected_1_5"),
        ]
        indexes = [models.Index(fields=["indicator", "supervisor_score"])]

    def __str__(self) -> str:
        return f"{self.appraisal} · {self.indicator.code}"

    @property
    def gap(self) -> int:
        """Expected level − supervisor score when positive; 0 when met or not yet scored."""
        if self.supervisor_score is None:
            return 0
        return max(0, self.expected_level - self.supervisor_score)

    @property
    def self_supervisor_difference(self) -> int | None:
        if self.self_score is None or self.supervisor_score is None:
            return None
        return self.self_score - self.supervisor_score
