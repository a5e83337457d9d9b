"""The one path every e-mail takes, whoever sends it.

Django's ``EMAIL_BACKEND`` is :class:`OutboxBackend`: ``send_mail``, ``EmailMessage.send()``,
allauth, Wagtail's notifications and ``mail_admins`` all end here. The backend stores each
message as a row of the outbox (in the caller's transaction: a rolled-back write sends
nothing) and enqueues the :func:`deliver` task, so the request returns at once. The worker
sends it with the real transport (``EMAIL_DELIVERY_BACKEND``: SMTP in production, the console
under ``make run``); a failure is retried with backoff (:data:`BACKOFF`), then the message is
marked failed with the error, and BKPSDM sees it on the outbox page and can send it again.

Delivery is at least once: a message is claimed (``queued`` → ``sending``) by one worker with
a conditional update, so two workers never send it twice; a worker that dies while sending
leaves it ``sending``, and :func:`sweep` puts it back in the queue after
:data:`STALE_SENDING`.
"""

from __future__ import annotations

import base64
import datetime as dt
import logging
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task, task_backends

from .audit import record
from .models import OutboxMessage, OutboxStatus

logger = logging.getLogger(__name__)

# Seconds to wait before the 2nd, 3rd … attempt; after the last one the message is failed.
BACKOFF = (60, 5 * 60, 15 * 60, 60 * 60, 4 * 60 * 60)
MAX_ATTEMPTS = len(BACKOFF) + 1
STALE_SENDING = dt.timedelta(minutes=15)  # a worker died while sending
LOST_TASK = dt.timedelta(minutes=10)  # due for that long and nobody took it: enqueue again


# --- Serialising a message ------------------------------------------------------------------


def _attachment(item) -> dict:
    if isinstance(item, MIMEBase):
        filename, content, mimetype = item.get_filename(), item.get_payload(decode=True), item.get_content_type()
    else:
        filename, content, mimetype = item
    if isinstance(content, str):
        return {"filename": filename, "text": content, "mimetype": mimetype}
    return {"filename": filename, "base64": base64.b64encode(content).decode("ascii"), "mimetype": mimetype}


def serialise(message) -> dict:
    """Everything needed to build ``message`` again in another process, as JSON."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in message.extra_headers.items()},
        "content_subtype": message.content_subtype,
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": [_attachment(item) for item in message.attachments],
    }


def rebuild(payload: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=payload["subject"], body=payload["body"], from_email=payload["from_email"], to=payload["to"],
        cc=payload["cc"], bcc=payload["bcc"], reply_to=payload["reply_to"], headers=payload["headers"],
    )
    message.content_subtype = payload.get("content_subtype", "plain")
    for content, mimetype in payload["alternatives"]:
        message.attach_alternative(content, mimetype)
    for item in payload["attachments"]:
        content = item["text"] if "text" in item else base64.b64decode(item["base64"])
        message.attach(item["filename"], content, item["mimetype"])
    return message


# --- Queueing ---------------------------------------------------------------------------------


class OutboxBackend(BaseEmailBackend):
    """Django's e-mail backend for the whole portal: queue, never send in the request."""

    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                enqueue(message)
            except Exception:
                if not self.fail_silently:
                    raise
                logger.exception("mail: could not queue %r", message.subject)
                continue
            count += 1
        return count


def enqueue(message) -> OutboxMessage:
    """Store ``message`` in the outbox and hand it to the worker."""
    row = OutboxMessage.objects.create(
        subject=str(message.subject)[:998],
        recipients=", ".join(message.recipients())[:5000],
        payload=serialise(message),
        next_attempt_at=timezone.now(),
    )
    deliver.enqueue(row.pk)
    return row


def _later(row: OutboxMessage) -> None:
    """Enqueue the next attempt at ``row.next_attempt_at`` where the task backend can wait;
    elsewhere :func:`sweep` picks it up when it is due."""
    if task_backends["default"].supports_defer:
        deliver.using(run_after=row.next_attempt_at).enqueue(row.pk)


# --- Delivering -------------------------------------------------------------------------------


def _claim(message_id: int) -> OutboxMessage | None:
    now = timezone.now()
    claimed = (
        OutboxMessage.objects.filter(pk=message_id, status=OutboxStatus.QUEUED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .update(status=OutboxStatus.SENDING, claimed_at=now, attempts=F("attempts") + 1, updated_at=now)
    )
    return OutboxMessage.objects.get(pk=message_id) if claimed else None


def _record_failure(row: OutboxMessage, exc: Exception) -> None:
    row.last_error = f"{type(exc).__name__}: {exc}"[:4000]
    row.claimed_at = None
    if row.attempts >= MAX_ATTEMPTS:
        row.status = OutboxStatus.FAILED
        row.next_attempt_at = None
        logger.error("mail: gave up on message %s to %s after %s attempts: %s",
                     row.pk, row.recipients, row.attempts, row.last_error)
    else:
        row.status = OutboxStatus.QUEUED
        row.next_attempt_at = timezone.now() + dt.timedelta(seconds=BACKOFF[row.attempts - 1])
        logger.warning("mail: attempt %s for message %s failed, next at %s: %s",
                       row.attempts, row.pk, row.next_attempt_at.isoformat(), row.last_error)
    row.save(update_fields=["status", "last_error", "claimed_at", "next_attempt_at", "updated_at"])
    if row.status == OutboxStatus.QUEUED:
        _later(row)


@task()
def deliver(message_id: int) -> str:
    """Send one outbox message with the real transport; ``sent``, ``failed`` (will be retried
    or has been given up) or ``skipped`` (already sent, or another worker has it)."""
    row = _claim(message_id)
    if row is None:
        return "skipped"
    try:
        message = rebuild(row.payload)
        with get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False) as connection:
            connection.send_messages([message])
    except Exception as exc:  # any transport error: SMTP refused, DNS, timeout …
        _record_failure(row, exc)
        return "failed"
    OutboxMessage.objects.filter(pk=row.pk).update(
        status=OutboxStatus.SENT, sent_at=timezone.now(), claimed_at=None, next_attempt_at=None,
        last_error="", payload={}, updated_at=timezone.now(),
    )
    return "sent"


def sweep(*, now: dt.datetime | None = None) -> dict:
    """The outbox's safety net, run every minute by the scheduler (idempotent): messages a dead
    worker left ``sending`` go back to the queue, and due messages nobody took are enqueued
    again (a lost task, or a task backend that cannot wait)."""
    now = now or timezone.now()
    stale = list(
        OutboxMessage.objects.filter(status=OutboxStatus.SENDING, claimed_at__lt=now - STALE_SENDING)
        .values_list("pk", flat=True)[:500]
    )
    revived = OutboxMessage.objects.filter(
        pk__in=stale, status=OutboxStatus.SENDING, claimed_at__lt=now - STALE_SENDING
    ).update(status=OutboxStatus.QUEUED, claimed_at=None, next_attempt_at=now, updated_at=now)
    lost = list(
        OutboxMessage.objects.filter(status=OutboxStatus.QUEUED, next_attempt_at__lte=now - LOST_TASK)
        .values_list("pk", flat=True)[:500]
    )
    OutboxMessage.objects.filter(pk__in=lost).update(next_attempt_at=now, updated_at=now)
    for pk in [*stale, *lost]:
        deliver.enqueue(pk)
    return {"revived": revived, "requeued": len(lost)}


@transaction.atomic
def retry(*, message: OutboxMessage, actor) -> bool:
    """BKPSDM's "send again": a failed (or waiting) message goes back to the queue now, with a
    fresh round of attempts. False when it is already sent or being sent."""
    updated = OutboxMessage.objects.filter(
        pk=message.pk, status__in=[OutboxStatus.FAILED, OutboxStatus.QUEUED]
    ).update(status=OutboxStatus.QUEUED, attempts=0, next_attempt_at=timezone.now(), updated_at=timezone.now())
    if not updated:
        return False
    record(message, "core.mail.retry", actor=actor, data={"subject": message.subject, "to": message.recipients})
    transaction.on_commit(lambda: deliver.enqueue(message.pk))
    return True
