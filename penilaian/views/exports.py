"""Exports as CSV or XLSX (``/kinerja/ekspor/``): HR's employees, indicators and the scores of a
period; a supervisor's own team's scores. Every file goes through the kernel's safe writer."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from penilaian import permissions
from penilaian.imports.columns import KIND_SCORES
from penilaian.selectors.exports import export_rows
from penilaian.selectors.periods import period_by_code
from portal.core.roles import require_hr
from portal.core.tables import write_csv, write_xlsx

from .imports import FORMATS, kind_of


def _file_response(headers, rows, *, fmt: str, filename: str, title: str):
    if fmt == "csv":
        response = StreamingHttpResponse(write_csv(headers, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            write_xlsx(headers, rows, title=title),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_GET
def export(request, kind, fmt):
    """Employees, indicators, or the scores of one period (``?periode=2025``), as CSV or XLSX."""
    require_hr(request.user)
    export_kind = kind_of(kind)
    if fmt not in FORMATS:
        raise Http404
    period = None
    suffix = ""
    if export_kind == KIND_SCORES:
        period = period_by_code(request.GET.get("periode", ""))
        if period is None:
            raise Http404
        suffix = f"-{period.code}"
    headers, rows = export_rows(export_kind, period=period)
    return _file_response(headers, rows, fmt=fmt, filename=f"{kind}{suffix}.{fmt}", title=kind)


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
    headers, rows = export_rows(KIND_SCORES, period=period, employee_ids=permissions.subordinate_ids(me))
    return _file_response(headers, rows, fmt=fmt, filename=f"nilai-tim-{period.code}.{fmt}", title="nilai")
