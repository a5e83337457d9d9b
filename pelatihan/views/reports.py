"""HR reports: per programme (the four levels), per unit and per indicator, each printable
(print CSS) and exportable as CSV or XLSX (formula cells neutralised by portal.core.tables)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from penilaian.selectors import register as register_selectors
from portal.core.roles import require_hr

from .. import charts, impact
from ..documents.exports import report_response
from ..models import Programme
from ..selectors import reports


@login_required
@require_GET
def report_index(request):
    require_hr(request.user)
    return render(request, "pelatihan/report_index.html", {})


@login_required
@require_GET
def report_programmes(request, fmt=None):
    require_hr(request.user)
    rows = reports.programme_rows()
    if fmt is not None:
        return report_response(reports.PROGRAMME_HEADERS, reports.programme_export_rows(rows), fmt=fmt, name="laporan-program")
    return render(request, "pelatihan/report_programmes.html", {
        "rows": rows, "chart": charts.programme_chart(rows), "min_group_size": impact.MIN_GROUP_SIZE,
    })


@login_required
@require_GET
def report_programme(request, pk):
    require_hr(request.user)
    programme = get_object_or_404(Programme, pk=pk)
    row = reports.programme_summary(programme.pk)
    if row is None:
        raise Http404
    story = reports.programme_story(programme, row)
    return render(request, "pelatihan/report_programme.html", {
        "programme": programme, "row": row, "story": story, "chart": charts.story_chart(story),
        "sessions": reports.programme_sessions(programme), "min_group_size": impact.MIN_GROUP_SIZE,
        "pages": reports.programme_pages(programme, user=request.user),
    })


@login_required
@require_GET
def report_units(request, fmt=None):
    require_hr(request.user)
    period = reports.report_period(request.GET.get("periode", ""))
    if period is None:
        raise Http404
    rows = reports.unit_rows(period)
    if fmt is not None:
        headers, lines = reports.unit_export(rows)
        return report_response(headers, lines, fmt=fmt, name=f"laporan-unit-{period.code}")
    return render(request, "pelatihan/report_units.html", {
        "rows": rows, "period": period, "chart": charts.unit_chart(rows), "year": reports.reports_year(),
        "periods": reports.report_periods(), "jp_note": reports.jp_targets_note(),
        "query": f"?periode={period.code}",
    })


@login_required
@require_GET
def report_indicators(request, fmt=None):
    require_hr(request.user)
    unit = register_selectors.unit_from_param(request.GET.get("unit"))
    periods, rows = reports.indicator_rows(unit=unit)
    if fmt is not None:
        headers, lines = reports.indicator_export(periods, rows)
        return report_response(headers, lines, fmt=fmt, name="laporan-indikator")
    selected = next((r for r in rows if r["code"] == request.GET.get("indikator")), rows[0] if rows else None)
    return render(request, "pelatihan/report_indicators.html", {
        "periods": periods, "rows": rows, "unit": unit, "units": register_selectors.unit_tree(),
        "selected": selected, "chart": charts.indicator_chart(periods, selected) if selected else "",
        "query": f"?unit={unit.pk}" if unit else "",
    })
