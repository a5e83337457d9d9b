"""Documentation during the period: the employee's realisation of each target with evidence
(*bukti dukung*), the supervisor's dated feedback notes on results and behaviour (*umpan balik
berkelanjutan*) and the performance dialogues (*dialog kinerja*: when, and what was agreed)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.core.files import private_storage

from .appraisal import AppraisalPeriod
from .catalogue import Indicator
from .expectations import ResultTarget, WorkResult
from .register import Employee


class Realisation(models.Model):
    """What the employee achieved on one target, in the target's unit."""

    target = models.OneToOneField(ResultTarget, on_delete=models.CASCADE, related_name="realisation")
    value = models.DecimalField(_("realisation"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=1000, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("realisation")
        verbose_name_plural = _("realisations")
        constraints = [models.CheckConstraint(condition=Q(value__gte=0), name="realisation_not_negative")]

    def __str__(self) -> str:
        return f"{self.target}: {self.value.normalize():f}"


class Evidence(models.Model):
    """Evidence for an RHK: a link, or a file kept in private storage under a random name (its
    type checked by content when uploaded) and handed out only through a view that checks who
    asks."""

    result = models.ForeignKey(WorkResult, on_delete=models.CASCADE, related_name="evidence")
    description = models.CharField(_("description"), max_length=300)
    link = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), storage=private_storage, max_length=200, blank=True)
    file_name = models.CharField(_("original file name"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(link="") | ~Q(file=""), name="evidence_link_or_file"),
        ]

    def __str__(self) -> str:
        return self.description


class NoteTopic(models.TextChoices):
    RESULTS = "hasil_kerja", _("Work results")
    BEHAVIOUR = "perilaku", _("Work behaviour")


class FeedbackNote(models.Model):
    """A dated feedback note of the supervisor to the employee, on results (optionally one RHK)
    or on behaviour (optionally one BerAKHLAK value). The employee reads it."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="feedback_notes")
    period = models.ForeignKey(AppraisalPeriod, on_delete=models.PROTECT, related_name="feedback_notes")
    author = models.ForeignKey(Employee, verbose_name=_("supervisor"), on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"), default=timezone.localdate)
    topic = models.CharField(_("about"), max_length=12, choices=NoteTopic.choices)
    result = models.ForeignKey(WorkResult, verbose_name=_("RHK"), null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="notes")
    value = models.ForeignKey(Indicator, verbose_name=_("BerAKHLAK value"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("feedback"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback note")
        verbose_name_plural = _("feedback notes")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["employee", "period"])]

    def __str__(self) -> str:
        return f"{self.date} {self.employee.name}: {self.text[:40]}"


class PerformanceDialogue(models.Model):
    """A performance dialogue between the supervisor and the employee: when, and what was agreed."""

    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="dialogues")
    period = models.ForeignKey(AppraisalPeriod, on_delete=models.PROTECT, related_name="dialogues")
    supervisor = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"), default=timezone.localdate)
    agreed = models.TextField(_("what was agreed"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("performance dialogue")
        verbose_name_plural = _("performance dialogues")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.employee.name}"
