"""Data exchange: named column mappings for imports, and exports prepared in the background."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

KIND_CHOICES = [
    ("scores", _("Appraisal scores")),
    ("employees", _("Employees")),
    ("indicators", _("Indicators")),
]


class ImportProfile(models.Model):
    """How to read a file whose columns are not the portal's own (the national e-Kinerja's recap
    sheets, another agency's spreadsheet): which row names the columns, and which column holds
    each field. BKPSDM saves one when confirming a mapped import and picks it next time."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=KIND_CHOICES)
    header_row = models.PositiveSmallIntegerField(
        _("header row"), default=1, help_text=_("The spreadsheet row that names the columns (1 = the first row).")
    )
    # field → the column's name as ``portal.core.tables.header_key`` writes it
    columns = models.JSONField(_("columns"), default=dict)
    scale = models.PositiveSmallIntegerField(_("scale of the scores"), default=5)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("import column mapping")
        verbose_name_plural = _("import column mappings")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class ExportFile(models.Model):
    """A large export prepared by a background task: who asked, what, where the file lies in
    the private storage (never under MEDIA_URL), and until when it is kept. The id is random:
    a link cannot be guessed, and the download view checks the owner (or HR) anyway."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE,
                              related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=KIND_CHOICES)
    fmt = models.CharField(_("format"), max_length=4)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    filename = models.CharField(_("file name"), max_length=120)
    status = models.CharField(_("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING)
    path = models.CharField(_("stored file"), max_length=200, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("kept until"), null=True, blank=True)

    class Meta:
        verbose_name = _("prepared export")
        verbose_name_plural = _("prepared exports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self) -> str:
        return self.filename

    @property
    def is_ready(self) -> bool:
        return self.status == ExportStatus.READY

    @property
    def is_done(self) -> bool:
        return self.status in (ExportStatus.READY, ExportStatus.FAILED)
