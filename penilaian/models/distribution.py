"""The unit's own performance predikat for a period (*predikat kinerja organisasi*), set by
BKPSDM; it picks the row of ``rules.DISTRIBUTION_PATTERN`` the unit's staff predikat are held
against."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .appraisal import AppraisalPeriod
from .register import Unit


class OrganisationPredikat(models.TextChoices):
    ISTIMEWA = "istimewa", _("Istimewa")
    BAIK = "baik", _("Baik")
    BUTUH_PERBAIKAN = "butuh_perbaikan", _("Butuh Perbaikan")
    KURANG = "kurang", _("Kurang")
    SANGAT_KURANG = "sangat_kurang", _("Sangat Kurang")


class UnitPredikat(models.Model):
    """A top-level unit's (SKPK's) own predikat in a period."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="predikats")
    period = models.ForeignKey(AppraisalPeriod, verbose_name=_("period"), on_delete=models.PROTECT,
                               related_name="unit_predikats")
    predikat = models.CharField(_("organisation predikat"), max_length=20, choices=OrganisationPredikat.choices)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("set"), auto_now=True)

    class Meta:
        verbose_name = _("unit's own predikat")
        verbose_name_plural = _("units' own predikat")
        constraints = [models.UniqueConstraint(fields=["unit", "period"], name="unit_predikat_unique")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}: {self.get_predikat_display()}"
