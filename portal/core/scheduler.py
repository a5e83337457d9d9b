"""Periodic jobs without cron: the worker's scheduler and heartbeat.

Each worker process (``manage.py worker``) runs, beside the task loop, a thread that every
:data:`TICK` seconds

1. writes the worker's heartbeat (``WorkerHeartbeat``; ``/healthz/`` reads the latest), and
2. for each job of the schedule (``settings.PORTAL_SCHEDULE``, a table of :class:`Job`)
   works out the job's current *slot* — the latest due time, e.g. today 07:00 — and tries to
   insert ``ScheduledRun(job, slot)``. The unique constraint lets exactly one worker win; the
   winner enqueues the job's task in the same transaction. Any number of workers may run,
   on any number of machines, with no leader to elect and on SQLite as on PostgreSQL.

A worker that was down at 07:00 claims the missed slot when it comes back (the job runs
late, once). Jobs are idempotent themselves too, so running one by hand
(``manage.py send_reminders``) next to the schedule does no harm.

Why not a library: APScheduler 3 keeps its job store per process (two schedulers on one store
run jobs twice, by its own documentation), django-crontask needs Django 6 and Redis for its
lock, and django-tasks-scheduler brings its own Redis-based queue instead of django-tasks-db.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledRun, WorkerHeartbeat

logger = logging.getLogger(__name__)

TICK = 30  # seconds between heartbeats and schedule checks
SILENT_AFTER = dt.timedelta(minutes=5)  # /healthz/ fails when no worker beat for this long


@dataclass(frozen=True)
class Job:
    """One line of the schedule: a task (dotted path) run ``every`` so often, or daily ``at`` a
    local time (Asia/Jakarta)."""

    name: str
    task: str
    every: dt.timedelta | None = None
    at: dt.time | None = None

    def __post_init__(self):
        if (self.every is None) == (self.at is None):
            raise ValueError(f"job {self.name}: give exactly one of every= and at=")

    def slot(self, now: dt.datetime) -> dt.datetime:
        """The latest due time at or before ``now``."""
        if self.every is not None:
            period = self.every.total_seconds()
            start = (now.timestamp() // period) * period
            return dt.datetime.fromtimestamp(start, tz=dt.UTC)
        local = timezone.localtime(now)
        due = timezone.make_aware(dt.datetime.combine(local.date(), self.at))
        if local < due:
            due = timezone.make_aware(dt.datetime.combine(local.date() - dt.timedelta(days=1), self.at))
        return due


def schedule() -> list[Job]:
    return list(import_string(settings.PORTAL_SCHEDULE))


def tick(jobs: list[Job], *, now: dt.datetime | None = None, worker_id: str = "") -> list[str]:
    """Claim and enqueue every job whose current slot nobody has claimed; the names enqueued."""
    now = now or timezone.now()
    started = []
    for job in jobs:
        slot = job.slot(now)
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(job=job.name, slot=slot, worker_id=worker_id[:64])
                import_string(job.task).enqueue()
        except IntegrityError:
            continue  # another worker has this slot
        logger.info("scheduler: %s for %s enqueued", job.name, slot.isoformat())
        started.append(job.name)
    return started


# --- Heartbeat --------------------------------------------------------------------------------


def new_worker_id() -> str:
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{os.urandom(3).hex()}"


def beat(worker_id: str, *, started_at: dt.datetime) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"hostname": socket.gethostname()[:255], "pid": os.getpid(), "started_at": started_at,
                  "seen_at": timezone.now()},
    )


def last_heartbeat() -> dt.datetime | None:
    row = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()
    return row


def forget(worker_id: str) -> None:
    """A worker that stops cleanly says so: it no longer counts as alive."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


class Companion(threading.Thread):
    """The thread beside the task loop: heartbeat, then the schedule, every :data:`TICK` s."""

    def __init__(self, worker_id: str, *, run_schedule: bool = True, interval: float = TICK):
        super().__init__(name="portal-scheduler", daemon=True)
        self.worker_id, self.run_schedule, self.interval = worker_id, run_schedule, interval
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def once(self) -> None:
        try:
            beat(self.worker_id, started_at=self.started_at)
            if self.run_schedule:
                tick(schedule(), worker_id=self.worker_id)
        except Exception:  # a locked SQLite file or a lost connection: try again next tick
            logger.exception("scheduler: tick failed")
        finally:
            close_old_connections()

    def run(self) -> None:
        while not self.stopping.wait(self.interval):
            self.once()
