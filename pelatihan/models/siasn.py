"""SIASN: the code table BKPSDM edits, the agency's SIASN settings, SIASN's id of each employee and
the outbox — one send per development record, with its status and SIASN's id of the record."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from penilaian.models import Employee

from .catalogue import CompetencyKind, Route
from .completion import DevelopmentRecord


class SiasnKindCode(models.Model):
    """Route (and competency kind) → SIASN's ``jenisDiklatId`` and the label sent as
    ``jenisKursusSertipikat``. An empty kind applies to every kind of the route. Records whose
    code is missing or not yet confirmed by BKPSDM are held, never sent with a guess."""

    route = models.CharField(_("route"), max_length=30, choices=Route.choices)
    competency_kind = models.CharField(
        _("competency kind"), max_length=20, choices=CompetencyKind.choices, blank=True,
        help_text=_("Leave empty for every kind of this route."),
    )
    jenis_diklat_id = models.CharField(
        _("SIASN code (jenisDiklatId)"), max_length=10, help_text=_("The id in SIASN's reference of training kinds."),
    )
    label = models.CharField(
        _("label (jenisKursusSertipikat)"), max_length=100,
        help_text=_("Sent as jenisKursusSertipikat, e.g. “Workshop”. SIASN's reference also gives a one-letter "
                    "class (T, F or P) that some clients send instead: confirm with BKN."),
    )
    confirmed = models.BooleanField(
        _("confirmed by BKPSDM"), default=False,
        help_text=_("Records of this kind are sent to SIASN only once BKPSDM has confirmed the code."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("SIASN code")
        verbose_name_plural = _("SIASN codes")
        ordering = ["route", "competency_kind"]
        constraints = [
            models.UniqueConstraint(fields=["route", "competency_kind"], name="siasn_code_unique_route_kind"),
            models.CheckConstraint(condition=~Q(jenis_diklat_id=""), name="siasn_code_not_empty"),
        ]

    def __str__(self) -> str:
        kind = self.get_competency_kind_display() if self.competency_kind else _("every kind")
        return f"{self.get_route_display()} / {kind} → {self.jenis_diklat_id} {self.label}"


@register_setting(icon="globe")
class SiasnSettings(BaseGenericSetting):
    """The agency's own ids in SIASN (Wagtail admin → Settings → SIASN). The addresses and
    credentials of SIASN's API are not here but in the environment (README)."""

    instansi_id = models.CharField(
        _("agency id in SIASN (instansiId)"), max_length=64, blank=True,
        help_text=_("Pemerintah Kota Subulussalam's id in SIASN's reference of agencies. Records are held until it is set."),
    )
    lokasi_id = models.CharField(
        _("location id in SIASN (lokasiId)"), max_length=64, blank=True,
        help_text=_("Optional: sent as the training location of every record; empty sends none."),
    )

    class Meta:
        verbose_name = _("SIASN")


class SiasnPerson(models.Model):
    """SIASN's own id of an employee (``pnsOrangId``), looked up by NIP once and kept."""

    employee = models.OneToOneField(
        Employee, primary_key=True, on_delete=models.CASCADE, related_name="siasn", verbose_name=_("employee")
    )
    pns_orang_id = models.CharField(_("SIASN id (pnsOrangId)"), max_length=64)
    siasn_name = models.CharField(_("name in SIASN"), max_length=200, blank=True)
    looked_up_at = models.DateTimeField(_("looked up"))

    class Meta:
        verbose_name = _("SIASN id of an employee")
        verbose_name_plural = _("SIASN ids of employees")

    def __str__(self) -> str:
        return f"{self.employee_id}: {self.pns_orang_id}"


class SendStatus(models.TextChoices):
    # "SIASN" context: "Held" and "Sent" mean other things elsewhere in the portal (a meeting held).
    PENDING = "pending", pgettext_lazy("SIASN", "Pending")
    SENT = "sent", pgettext_lazy("SIASN", "Sent")
    HELD = "held", pgettext_lazy("SIASN", "Held")
    FAILED = "failed", pgettext_lazy("SIASN", "Failed")


class SiasnSend(models.Model):
    """The outbox: one row per development record on its way to SIASN. ``rw_kursus_id`` is
    SIASN's id of the record once created; every later send updates that id. ``fingerprint`` is
    what was last sent (``pelatihan.siasn.mapping.fingerprint``): a record that changes since is
    sent again. ``locked_until`` keeps two workers from sending the same record at once."""

    record = models.OneToOneField(
        DevelopmentRecord, on_delete=models.CASCADE, related_name="siasn_send", verbose_name=_("development record")
    )
    status = models.CharField(_("status"), max_length=10, choices=SendStatus.choices, default=SendStatus.PENDING)
    rw_kursus_id = models.CharField(_("SIASN id of the record (rwKursusId)"), max_length=64, blank=True)
    message = models.TextField(_("message"), blank=True, help_text=_("Why it is held, or SIASN's answer."))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    payload = models.JSONField(_("record as last sent"), null=True, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("SIASN send")
        verbose_name_plural = _("SIASN sends")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=SendStatus.SENT) | ~Q(rw_kursus_id=""), name="siasn_sent_has_id"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record_id}: {self.status}"
