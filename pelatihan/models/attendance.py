"""Attendance: one record per participant and meeting day, from the sheet or a QR check-in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enrolment import Enrolment
from .sessions import SessionDay


class AttendanceStatus(models.TextChoices):
    HADIR = "hadir", _("Present (hadir)")
    TERLAMBAT = "terlambat", _("Late (terlambat)")
    IZIN = "izin", _("Excused (izin)")
    SAKIT = "sakit", _("Sick (sakit)")
    ALPA = "alpa", _("Absent (alpa)")


PRESENT_STATUSES = frozenset({AttendanceStatus.HADIR, AttendanceStatus.TERLAMBAT})


class AttendanceMethod(models.TextChoices):
    SHEET = "sheet", _("Attendance sheet")
    QR = "qr", _("QR self check-in")


class AttendanceRecord(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    day = models.ForeignKey(SessionDay, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("attendance"), max_length=10, choices=AttendanceStatus.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)
    method = models.CharField(_("method"), max_length=5, choices=AttendanceMethod.choices, default=AttendanceMethod.SHEET)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        constraints = [models.UniqueConstraint(fields=["enrolment", "day"], name="attendance_unique_enrolment_day")]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.day} · {self.status}"
