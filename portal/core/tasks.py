"""The kernel's background tasks: the outbox's safety net, housekeeping, generated files."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from . import downloads, mail
from .models import OutboxMessage, OutboxStatus, ScheduledRun, WorkerHeartbeat

KEEP_TASK_RESULTS = dt.timedelta(days=14)
KEEP_SCHEDULED_RUNS = dt.timedelta(days=60)
KEEP_SENT_MAIL = dt.timedelta(days=180)
KEEP_HEARTBEATS = dt.timedelta(days=1)


@task()
def outbox_sweep() -> dict:
    return mail.sweep()


@task()
def housekeeping() -> dict:
    """Forget what nobody needs any more (idempotent): finished task rows, old schedule
    claims, the outbox's sent messages after half a year, dead workers' heartbeats and
    generated files past their life."""
    now = timezone.now()
    return {
        "task_results": DBTaskResult.objects.finished().filter(finished_at__lt=now - KEEP_TASK_RESULTS).delete()[0],
        "scheduled_runs": ScheduledRun.objects.filter(slot__lt=now - KEEP_SCHEDULED_RUNS).delete()[0],
        "sent_mail": OutboxMessage.objects.filter(status=OutboxStatus.SENT, sent_at__lt=now - KEEP_SENT_MAIL).delete()[0],
        "heartbeats": WorkerHeartbeat.objects.filter(seen_at__lt=now - KEEP_HEARTBEATS).delete()[0],
        "generated_files": downloads.purge(now=now),
    }
