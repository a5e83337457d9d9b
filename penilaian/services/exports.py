"""Exports prepared in the background, and the one function that writes an export file.

A small export streams straight from the view. One with more rows than
``settings.EXPORT_BACKGROUND_ROWS[fmt]`` is *requested* (``export_request``): an ``ExportFile``
row records who asked and what, and the task ``export_build_task`` — a plain django-tasks task
taking only the row's id, so any backend can queue it — writes the file into the private
storage (a private folder: ``portal.core.files``) and marks it ready. The user's page
polls until then and shows the link; only the owner and HR may download it. Files are kept
``settings.EXPORT_FILE_HOURS`` hours; ``export_files_purge`` (the scheduler runs it: ``penilaian.tasks``) deletes the expired ones.

``write_export`` is what the page, the task and ``manage.py export_scores`` all write: the same
rows (``selectors.exports``) through the same safe writer, so their files are the same.
"""

from __future__ import annotations

import logging
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from penilaian import permissions
from penilaian.models import ExportFile, ExportStatus, Unit
from penilaian.selectors.exports import ExportQuery, export_rows
from penilaian.selectors.periods import period_by_code
from portal.core.audit import record
from portal.core.tables import write_csv, write_xlsx_file

logger = logging.getLogger(__name__)
EXPORT_DIR = "private/exports"  # a private folder: random names, served only through a view


def write_export(query: ExportQuery, fmt: str, fileobj) -> int:
    """Write the export to a binary file object; returns the number of data rows. CSV bytes are
    exactly what the streaming response sends (UTF-8 with a BOM)."""
    headers, rows = export_rows(query)
    if fmt == "xlsx":
        return write_xlsx_file(headers, rows, fileobj, title=query.filename)
    counted = _Counter(rows)
    for chunk in write_csv(headers, counted):
        fileobj.write(chunk.encode("utf-8"))
    return counted.count


class _Counter:
    def __init__(self, rows):
        self.rows, self.count = iter(rows), 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


def query_params(query: ExportQuery, *, team: bool = False) -> dict:
    """An export's parameters as JSON (what the task receives through the ``ExportFile`` row)."""
    return {"period": query.period.code if query.period else "", "unit": query.unit.code if query.unit else "",
            "team": team}


def query_from(export: ExportFile) -> ExportQuery:
    """The export a row asks for, rebuilt when the task runs (a team is the owner's team then)."""
    params = export.params or {}
    period = period_by_code(params.get("period", ""))
    unit = Unit.objects.filter(code=params["unit"]).first() if params.get("unit") else None
    ids = None
    if params.get("team"):
        me = permissions.employee_of(export.owner)
        ids = frozenset(permissions.subordinate_ids(me)) if me else frozenset()
    return ExportQuery(kind=export.kind, period=period, unit=unit, employee_ids=ids)


@transaction.atomic
def export_request(*, owner, query: ExportQuery, fmt: str, team: bool = False) -> ExportFile:
    """Record a large export and queue its task (after commit, so a worker finds the row)."""
    export = ExportFile(owner=owner, kind=query.kind, fmt=fmt, params=query_params(query, team=team),
                        filename=f"{query.filename}.{fmt}")
    export.full_clean()
    export.save()
    record(export, "penilaian.export.request", actor=owner, data={"file": export.filename})
    export_id = str(export.pk)
    transaction.on_commit(lambda: export_build_task.enqueue(export_id))
    return export


def export_build(*, export_id: str) -> ExportFile | None:
    """Write the file of a requested export into the private storage and mark it ready (or
    failed, with the error). Idempotent: a ready or running export is left alone."""
    with transaction.atomic():
        export = ExportFile.objects.select_for_update().filter(pk=export_id).first()
        if export is None or export.status != ExportStatus.PENDING:
            return export
        export.status = ExportStatus.RUNNING
        export.save(update_fields=["status"])
    try:
        with tempfile.TemporaryFile() as fh:
            rows = write_export(query_from(export), export.fmt, fh)
            fh.seek(0)
            path = default_storage.save(f"{EXPORT_DIR}/{export.pk.hex}.{export.fmt}", File(fh))
    except Exception as exc:  # the user sees "failed"; the log has the traceback
        logger.exception("export %s failed", export.pk)
        _finish(export, status=ExportStatus.FAILED, error=str(exc)[:500])
        return export
    _finish(export, status=ExportStatus.READY, path=path, rows=rows)
    return export


def _finish(export: ExportFile, **fields) -> None:
    now = timezone.now()
    for name, value in fields.items():
        setattr(export, name, value)
    export.finished_at = now
    export.expires_at = now + timedelta(hours=settings.EXPORT_FILE_HOURS)
    export.save()


@task()
def export_build_task(export_id: str) -> None:
    export_build(export_id=export_id)


def export_files_purge(*, now=None) -> int:
    """Delete prepared exports past their expiry (file and row), and requests a dead worker never
    finished (no expiry, older than twice the keeping time). Safe to run from two workers at
    once and as often as the scheduler likes. Returns how many were removed."""
    now = now or timezone.now()
    storage = default_storage
    removed = 0
    abandoned = now - timedelta(hours=2 * settings.EXPORT_FILE_HOURS)
    for export in ExportFile.objects.filter(Q(expires_at__lt=now) | Q(expires_at__isnull=True, created_at__lt=abandoned)):
        if export.path:
            storage.delete(export.path)
        removed += ExportFile.objects.filter(pk=export.pk).delete()[0]
    return removed
