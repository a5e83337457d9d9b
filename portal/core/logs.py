"""Every log line carries the id of the request (or background task) it belongs to.

``RequestIdMiddleware`` takes the id from the proxy's ``X-Request-ID`` (nginx:
``proxy_set_header X-Request-ID $request_id``) when it looks like one, or makes one; it is
sent back in the response header, so a user's "it broke at 07:31" meets the proxy's access log
and the portal's log on one id. In the worker each task's id takes its place.
"""

from __future__ import annotations

import contextvars
import logging
import re
import uuid

from django_tasks.signals import task_finished, task_started

current_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
INCOMING = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

logger = logging.getLogger("portal.request")


class RequestIdFilter(logging.Filter):
    """Adds ``%(request_id)s`` to every record (handlers of the root logger use it)."""

    def filter(self, record):
        record.request_id = current_id.get()
        return True


class ForbiddenWithoutTraceback(logging.Filter):
    """Django logs a 403 with the PermissionDenied traceback; :class:`RequestIdMiddleware` logs
    it in one line instead (user and path). Drop Django's record."""

    def filter(self, record):
        return getattr(record, "status_code", None) != 403


def _user_label(request) -> str:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "anonymous"
    return f"{user.pk}:{user.get_username()}"


class RequestIdMiddleware:
    """First in MIDDLEWARE: everything after it logs with the id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if INCOMING.match(incoming) else uuid.uuid4().hex
        token = current_id.set(request.id)
        try:
            response = self.get_response(request)
            if response.status_code == 403:
                logger.warning("403 forbidden user=%s path=%s", _user_label(request), request.path)
            response["X-Request-ID"] = request.id
            return response
        finally:
            current_id.reset(token)


def _task_started(sender, task_result, **kwargs):
    current_id.set(f"task-{str(task_result.id)[:12]}")


def _task_finished(sender, task_result, **kwargs):
    current_id.set("-")


task_started.connect(_task_started, dispatch_uid="portal-logs-task-started")
task_finished.connect(_task_finished, dispatch_uid="portal-logs-task-finished")
