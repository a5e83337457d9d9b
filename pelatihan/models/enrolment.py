"""Enrolment: registrations with their waiting list, HR's invitations, the reminder log and the
private calendar feed."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from penilaian.models import Employee

from .sessions import Session, SessionDay


class EnrolmentStatus(models.TextChoices):
    PENDING_APPROVAL = "pending_approval", _("Waiting for supervisor approval")
    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    REJECTED = "rejected", _("Rejected by the supervisor")
    CANCELLED = "cancelled", _("Cancelled")
    COMPLETED = "completed", _("Completed")
    NOT_COMPLETED = "not_completed", _("Did not complete")


ACTIVE_STATUSES = frozenset({EnrolmentStatus.PENDING_APPROVAL, EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITING})


class EnrolmentSource(models.TextChoices):
    SELF = "self", _("Registered by the employee")
    HR = "hr", _("Enrolled by BKPSDM")


class Enrolment(models.Model):
    """An employee's registration for a session. One row per employee and session (a
    re-registration after cancelling reuses it). Employees leave the register by being made
    inactive; deleting one (a superuser's act) removes their training data with them. The waiting list is ordered by
    (``waiting_since``, ``id``), both set while the session row is locked."""

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="enrolments")
    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(_("status"), max_length=20, choices=EnrolmentStatus.choices)
    source = models.CharField(_("source"), max_length=4, choices=EnrolmentSource.choices, default=EnrolmentSource.SELF)
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    post_test_score = models.PositiveSmallIntegerField(_("post-test score"), null=True, blank=True)
    pre_test_score = models.PositiveSmallIntegerField(_("pre-test score"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "employee"], name="enrolment_unique_employee_session"),
            models.CheckConstraint(
                condition=~Q(status=EnrolmentStatus.WAITING) | Q(waiting_since__isnull=False),
                name="enrolment_waiting_has_time",
            ),
            models.CheckConstraint(
                condition=Q(post_test_score__isnull=True) | Q(post_test_score__lte=100), name="enrolment_score_0_100"
            ),
            models.CheckConstraint(
                condition=Q(pre_test_score__isnull=True) | Q(pre_test_score__lte=100), name="enrolment_pre_score_0_100"
            ),
        ]
        indexes = [models.Index(fields=["session", "status"]), models.Index(fields=["employee", "status"])]

    def __str__(self) -> str:
        return f"{self.employee.name} — {self.session}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class InvitationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    ENROLLED = "enrolled", _("Enrolled by BKPSDM")


class Invitation(models.Model):
    """HR invites an employee to a session that answers one of their gaps (needs analysis or
    matching). The employee sees it on the dashboard with the reason and registers through the
    ordinary registration; HR may also enrol them directly. One per employee and session."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="training_invitations"
    )
    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.INVITED)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("training invitation")
        verbose_name_plural = _("training invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "session"], name="invitation_unique_employee_session"),
        ]
        indexes = [models.Index(fields=["employee", "status"])]

    def __str__(self) -> str:
        return f"{self.employee_id} → {self.session_id} ({self.status})"


class ReminderSent(models.Model):
    """One reminder e-mail per enrolment and meeting day, so ``send_reminders`` is idempotent."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reminders")
    day = models.ForeignKey(SessionDay, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrolment", "day"], name="reminder_unique_enrolment_day")]

    def __str__(self) -> str:
        return f"{self.enrolment_id} · {self.day_id}"


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret token of an employee's private iCal feed; rotating it invalidates old links."""

    employee = models.OneToOneField(Employee, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.employee_id}"
