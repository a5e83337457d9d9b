"""One audit mechanism for the whole project: Wagtail's log (``ModelLogEntry``).

Every service that changes state calls :func:`record` inside its transaction, so the trace is
written or rolled back together with the change. HR and administrators read the trail in the
Wagtail admin (Reports → Site history), filtered by action.
"""

from __future__ import annotations

from typing import Any

from wagtail.log_actions import log


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def record(instance, action: str, *, actor=None, data: dict | None = None):
    """Write who did ``action`` on ``instance`` and with which data.

    ``actor`` may be None for system jobs (seeding, scheduled commands); the entry then has no
    user. ``action`` is namespaced by app: ``penilaian.employee.create``.
    """
    user = actor if (actor is not None and getattr(actor, "is_authenticated", False)) else None
    return log(instance=instance, action=action, user=user, data=_jsonable(data or {}))


def register_actions(actions, labels: dict[str, str]) -> None:
    """Register each app's actions with Wagtail (``register_log_actions`` hook) so the log
    accepts them and the admin's history reports show a readable label."""
    for action, label in labels.items():
        actions.register_action(action, label, label)
