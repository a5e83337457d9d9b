"""``/healthz/`` for monitoring, ``/healthz/live/`` for the load balancer.

``/healthz/`` checks the database, the age of the oldest task waiting in the queue and the
workers' last heartbeat: 503 when the database is unreachable or no worker has been heard of
for five minutes (mail and reminders would silently stop). ``/healthz/live/`` needs nothing
but the web process, so a stopped worker never takes the site out of the load balancer.
"""

from __future__ import annotations

import logging

from django.db import DatabaseError, connection
from django.db.models import Count, Min
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from . import scheduler

logger = logging.getLogger(__name__)


def _queue() -> dict:
    row = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"), queued=Count("id"))
    oldest = row["oldest"]
    return {"queued": row["queued"],
            "oldest_queued_seconds": round((timezone.now() - oldest).total_seconds()) if oldest else 0}


def _worker() -> tuple[dict, bool]:
    seen = scheduler.last_heartbeat()
    if seen is None:
        return {"status": "never seen"}, False
    silent = timezone.now() - seen
    healthy = silent <= scheduler.SILENT_AFTER
    return {"status": "ok" if healthy else "silent", "last_heartbeat_seconds": round(silent.total_seconds())}, healthy


@never_cache
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.error("healthz: database unreachable: %s", exc)
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    body = {"status": "ok", "database": "ok"}
    healthy = True
    if isinstance(task_backends["default"], DatabaseBackend):
        body["queue"] = _queue()
        body["worker"], healthy = _worker()
    else:
        body["worker"] = {"status": "not needed (tasks run in the request)"}
    if not healthy:
        body["status"] = "error"
    return JsonResponse(body, status=200 if healthy else 503)


@never_cache
@require_GET
def live(request):
    return JsonResponse({"status": "ok"})
