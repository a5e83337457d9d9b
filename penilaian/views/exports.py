"""Exports as CSV or XLSX (``/kinerja/ekspor/``): HR's employees, indicators and the scores of a
period (optionally of one unit and its sub-units); a supervisor's own team's scores. Every file
goes through the kernel's safe writer. A small export streams at once; a large one
(``settings.EXPORT_BACKGROUND_ROWS``) is prepared by a background task, and the user waits on a
page that polls (htmx) until the download link is there."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from penilaian import permissions
from penilaian.imports.columns import KIND_SCORES
from penilaian.selectors import exports as export_selectors
from penilaian.selectors.exports import ExportQuery
from penilaian.selectors.periods import period_by_code
from penilaian.selectors.register import unit_from_code
from penilaian.services import exports as export_services
from portal.core.files import private_file_response
from portal.core.http import table_download
from portal.core.roles import require_hr

from .imports import FORMATS, kind_of


def _deliver(request, query: ExportQuery, fmt: str, *, team: bool = False):
    """Stream the export, or above the threshold queue it and send the user to its page."""
    if export_selectors.export_count(query) > settings.EXPORT_BACKGROUND_ROWS[fmt]:
        export = export_services.export_request(owner=request.user, query=query, fmt=fmt, team=team)
        return redirect("penilaian:export-file", pk=export.pk)
    headers, rows = export_selectors.export_rows(query)
    return table_download(headers, rows, fmt=fmt, name=query.filename, title=query.kind)


def _unit(request):
    code = request.GET.get("unit", "").strip()
    if not code:
        return None
    unit = unit_from_code(code)
    if unit is None:
        raise Http404
    return unit


@login_required
@require_GET
def export(request, kind, fmt):
    """Employees, indicators, or the scores of one period (``?periode=2025``, optionally
    ``&unit=CODE``), as CSV or XLSX."""
    require_hr(request.user)
    export_kind = kind_of(kind)
    if fmt not in FORMATS:
        raise Http404
    period = None
    if export_kind == KIND_SCORES:
        period = period_by_code(request.GET.get("periode", ""))
        if period is None:
            raise Http404
    return _deliver(request, ExportQuery(kind=export_kind, period=period, unit=_unit(request)), fmt)


@login_required
@require_GET
def export_team(request, fmt):
    """A supervisor's own team (everyone below them in the chain): the scores of one period."""
    me = permissions.employee_of(request.user)
    if me is None or not permissions.is_supervisor(request.user):
        raise PermissionDenied
    if fmt not in FORMATS:
        raise Http404
    period = period_by_code(request.GET.get("periode", ""))
    if period is None:
        raise Http404
    query = ExportQuery(kind=KIND_SCORES, period=period, employee_ids=frozenset(permissions.subordinate_ids(me)))
    return _deliver(request, query, fmt, team=True)


def _export_file(request, pk):
    export = export_selectors.export_file_for(request.user, pk)
    if export is None:
        raise Http404
    return export


@login_required
@require_GET
def export_file(request, pk):
    """A prepared export: "being prepared…" until the task is done, then the link. htmx asks for
    the status part every few seconds (no script of our own)."""
    export = _export_file(request, pk)
    if request.htmx:
        return render(request, "penilaian/includes/export_status.html", {"export": export})
    return render(request, "penilaian/export_file.html", {"export": export})


@login_required
@require_GET
def export_file_download(request, pk):
    """The prepared file, only for who asked for it and HR."""
    export = _export_file(request, pk)
    if not export.is_ready or not export.path:
        raise Http404
    return private_file_response(export.path, filename=export.filename)
