"""Completion: the development record (riwayat pengembangan kompetensi, the JP that count) and
certificates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from penilaian.models import Employee
from portal.core.files import private_storage

from .catalogue import CompetencyKind, Route
from .enrolment import Enrolment


class RecordSource(models.TextChoices):
    SESSION = "session", _("Completed session")
    EXTERNAL = "external", _("External record")
    COACHING = "coaching", _("Coaching or mentoring (pembinaan)")


class RecordStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    REJECTED = "rejected", _("Rejected")


def certificate_upload_to(instance, filename: str) -> str:
    """Private storage; ``filename`` is already random (``portal.core.files.random_name``)."""
    return f"sertifikat-eksternal/{filename}"


class DevelopmentRecord(models.Model):
    """A line of the employee's competency development history (riwayat pengembangan
    kompetensi), in the shape SIASN keeps. Only verified records count towards JP."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="development_records"
    )
    source = models.CharField(_("source"), max_length=10, choices=RecordSource.choices)
    enrolment = models.OneToOneField(
        Enrolment, null=True, blank=True, on_delete=models.CASCADE, related_name="development_record"
    )
    title = models.CharField(_("topic"), max_length=200)
    route = models.CharField(_("route"), max_length=30, choices=Route.choices)
    competency_kind = models.CharField(_("competency kind"), max_length=20, choices=CompetencyKind.choices)
    provider = models.CharField(_("provider (penyelenggara)"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    year = models.PositiveSmallIntegerField(_("year"))
    jp = models.PositiveSmallIntegerField(_("JP"))
    certificate_number = models.CharField(_("certificate number"), max_length=100, blank=True)
    certificate_file = models.FileField(
        _("certificate file"), upload_to=certificate_upload_to, storage=private_storage, blank=True, max_length=200
    )
    status = models.CharField(_("status"), max_length=10, choices=RecordStatus.choices, default=RecordStatus.PENDING)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("development record")
        verbose_name_plural = _("development records")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="record_dates_ordered"),
            models.CheckConstraint(
                condition=~Q(source=RecordSource.SESSION) | Q(enrolment__isnull=False), name="record_session_has_enrolment"
            ),
            models.CheckConstraint(
                condition=~Q(status=RecordStatus.REJECTED) | ~Q(rejection_reason=""), name="record_rejection_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["employee", "year", "status"]), models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.year}, {self.jp} JP)"


class Certificate(models.Model):
    """Proof of completion (STTPP). ``number`` carries a check part so a tampered number is
    recognised without a database hit (``pelatihan.documents.certificates``)."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="certificate")
    number = models.CharField(_("certificate number"), max_length=60, unique=True)
    issued_on = models.DateField(_("issue date"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.number
