"""Background entry points of penilaian's scheduled jobs (``portal/schedule.py``)."""

from django_tasks import task

from .imports import staging


@task()
def purge_staged_imports() -> int:
    """Remove import files staged for a preview that nobody confirmed within a day."""
    return staging.purge_stale()
