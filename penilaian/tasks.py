"""Background entry points of penilaian's scheduled jobs (``portal/schedule.py``)."""

from django_tasks import task

from .imports import staging
from .services import exports


@task()
def purge_staged_imports() -> int:
    """Remove import files staged for a preview that nobody confirmed within a day."""
    return staging.purge_stale()


@task()
def purge_prepared_exports() -> int:
    """Remove prepared exports past their expiry, and requests a dead worker never finished."""
    return exports.export_files_purge()
