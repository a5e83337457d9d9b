"""The kernel's tables: what running the portal needs, whatever the app.

- ``OutboxMessage``: every e-mail the portal sends, from the moment it is queued until it is
  delivered or given up (``portal.core.mail``).
- ``WorkerHeartbeat``: each background worker's last sign of life (``/healthz/``).
- ``ScheduledRun``: one row per periodic job and due time, claimed by exactly one worker
  (``portal.core.scheduler``).
- ``GeneratedFile``: a file built in the background (a large export, a batch of certificates)
  that its owner downloads when it is ready (``portal.core.downloads``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutboxMessage(models.Model):
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    subject = models.CharField(_("subject"), max_length=998)
    recipients = models.TextField(_("recipients"))
    # The message as JSON (subject, body, alternatives, attachments in base64, headers), kept
    # until it is delivered: retries rebuild it from here. Emptied once sent, so password-reset
    # and activation links do not outlive their delivery.
    payload = models.JSONField(_("message"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="core_outbox_due_idx")]

    def __str__(self):
        return f"{self.subject} → {self.recipients} ({self.status})"


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")

    def __str__(self):
        return f"{self.hostname}:{self.pid} ({self.worker_id})"


class ScheduledRun(models.Model):
    job = models.CharField(max_length=100)
    slot = models.DateTimeField(help_text="The due time this run stands for.")
    claimed_at = models.DateTimeField(auto_now_add=True)
    worker_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("scheduled run")
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="core_scheduled_run_once")]

    def __str__(self):
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"


class GeneratedFileStatus(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class GeneratedFile(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="generated_files")
    title = models.CharField(_("title"), max_length=255)
    filename = models.CharField(_("file name"), max_length=255)
    builder = models.CharField(max_length=255, help_text="Dotted path of the function that builds the bytes.")
    arguments = models.JSONField(default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=GeneratedFileStatus.choices, default=GeneratedFileStatus.PENDING
    )
    # A random name under PRIVATE_FILES_DIR; served only through Django to its owner.
    file = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("generated file")

    def __str__(self):
        return f"{self.filename} ({self.status})"
