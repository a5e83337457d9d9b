"""Background entry points of pelatihan's scheduled jobs (``portal/schedule.py`` runs them;
the management commands of the same names run them by hand). Each calls one service and is
idempotent, so a second run — or a second worker — changes nothing."""

from django_tasks import task

from .services import evaluation as evaluation_services
from .services import notifications


@task()
def send_reminders() -> int:
    """The day-before reminders (one per participant and meeting day, ever)."""
    return notifications.send_reminders()


@task()
def create_reevaluation_tasks() -> dict:
    """The level 3 re-evaluation tasks that are due (one per participant and programme)."""
    return evaluation_services.reevaluation_tasks_create()


@task()
def remind_overdue_reevaluations() -> int:
    """One e-mail per supervisor with overdue re-evaluations (at most once a day each)."""
    return evaluation_services.overdue_reminders_send()
