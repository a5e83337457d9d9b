"""``python manage.py worker``: the background worker — runs queued tasks (django-tasks-db's
worker loop), beats its heartbeat and runs the periodic schedule. Stops cleanly on SIGINT or
SIGTERM (a running task finishes first). Run one or more; see ``portal.core.scheduler``."""

from __future__ import annotations

import logging
import os

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Worker

from portal.core import scheduler

logger = logging.getLogger("portal.core.worker")


class Command(BaseCommand):
    help = "Run background tasks, the periodic schedule and the heartbeat (stop with Ctrl+C or SIGTERM)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls of an empty queue.")
        parser.add_argument("--no-schedule", action="store_true", help="Run tasks and the heartbeat only.")
        parser.add_argument("--reload", action="store_true", help="Restart on code changes (development).")
        parser.add_argument("--batch", action="store_true", help="Run what is queued, then exit (tests, one-off).")

    def handle(self, *args, interval, no_schedule, reload, batch, **options):
        worker_id = scheduler.new_worker_id()

        def main():
            companion = scheduler.Companion(worker_id, run_schedule=not no_schedule)
            companion.once()  # the first heartbeat before the first task: /healthz/ sees us at once
            companion.start()
            worker = Worker(
                queue_names=["*"], excluded_queue_names=[], interval=interval, batch=batch, backend_name="default",
                startup_delay=False, max_tasks=None, worker_id=worker_id,
            )
            if not reload or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            logger.info("worker %s started (schedule %s, database %s)", worker_id,
                        "off" if no_schedule else settings.PORTAL_SCHEDULE, settings.DATABASES["default"]["ENGINE"])
            try:
                worker.run()
            finally:  # Ctrl+C, SIGTERM or the end of a batch: no longer counts as alive
                companion.stopping.set()
                scheduler.forget(worker_id)

        if reload and not batch:
            run_with_reloader(main)
        else:
            main()
