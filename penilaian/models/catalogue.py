"""The indicator catalogue: what employees are appraised on (BerAKHLAK values and behaviours,
competencies, work results), with the expected level per position kind."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .register import PositionKind


class IndicatorKind(models.TextChoices):
    PERILAKU = "perilaku", _("Work behaviour (BerAKHLAK value)")
    PERILAKU_BEHAVIOUR = "perilaku_behaviour", _("Work behaviour (guideline behaviour)")
    TEKNIS = "teknis", _("Technical competency")
    MANAJERIAL = "manajerial", _("Managerial competency")
    SOSIAL_KULTURAL = "sosial_kultural", _("Socio-cultural competency")
    HASIL_KERJA = "hasil_kerja", _("Work results")


class Audience(models.TextChoices):
    """Who is appraised on an indicator (see ``selectors.indicators_for``)."""

    ALL = "all", _("Every employee")
    TEACHERS = "teachers", _("Teachers (school staff)")
    HEALTH = "health", _("Health staff")
    LEADERS = "leaders", _("Structural leaders (JPT, administrator, pengawas)")


def default_level_descriptions() -> list[str]:
    return ["", "", "", "", ""]


class Indicator(models.Model):
    """An appraisal indicator scored 1–5: a BerAKHLAK value or behaviour, a competency, or a
    work-result indicator. Gaps are computed per indicator."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=IndicatorKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent indicator"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="children", help_text=_("For a guideline behaviour: the BerAKHLAK value it belongs to."),
    )
    level_descriptions = models.JSONField(
        _("description of levels 1–5"), default=default_level_descriptions, blank=True
    )
    expected_level = models.PositiveSmallIntegerField(_("expected level"), default=3)
    audience = models.CharField(_("appraised for"), max_length=10, choices=Audience.choices, default=Audience.ALL)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(expected_level__gte=1, expected_level__lte=5), name="indicator_expected_1_5"),
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorExpectation(models.Model):
    """Where the expected level differs by position kind (e.g. manajerial 3 for administrators)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="expectations")
    position_kind = models.CharField(_("position kind"), max_length=20, choices=PositionKind.choices)
    expected_level = models.PositiveSmallIntegerField(_("expected level"))

    class Meta:
        verbose_name = _("expected level per position kind")
        verbose_name_plural = _("expected levels per position kind")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "position_kind"], name="expectation_unique"),
            models.CheckConstraint(condition=Q(expected_level__gte=1, expected_level__lte=5), name="expectation_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} — {self.get_position_kind_display()}: {self.expected_level}"
