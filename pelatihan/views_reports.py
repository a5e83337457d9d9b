"""HR reports: per programme (the four levels), per unit and per indicator, each printable
(print CSS) and exportable as CSV or XLSX (formula cells neutralised by portal.core.tables)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from penilaian import selectors as penilaian_selectors
from penilaian.models import AppraisalPeriod, PeriodKind
from portal.core.roles import require_hr
from portal.core.tables import write_csv, write_xlsx

from . import impact, reports
from .models import Programme

FORMATS = ("csv", "xlsx")



def _export(headers, rows, *, fmt: str, name: str):
    if fmt == "csv":
        response = StreamingHttpResponse(write_csv(headers, rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            write_xlsx(headers, rows, title=name),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _period(request) -> AppraisalPeriod | None:
    code = request.GET.get("periode", "")
    period = penilaian_selectors.period_by_code(code) if code else None
    if period is None:
        period = (AppraisalPeriod.objects.filter(kind=PeriodKind.ANNUAL, status="closed").order_by("-end_date").first()
                  or AppraisalPeriod.objects.order_by("-end_date").first())
    return period


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
        return _export(reports.PROGRAMME_HEADERS, reports.programme_export_rows(rows), fmt=fmt, name="laporan-program")
    return render(request, "pelatihan/report_programmes.html", {
        "rows": rows, "chart": reports.programme_chart(rows), "min_group_size": impact.MIN_GROUP_SIZE,
    })


@login_required
@require_GET
def report_programme(request, pk):
    require_hr(request.user)
    programme = get_object_or_404(Programme, pk=pk)
    rows = reports.programme_rows([programme.pk])
    if not rows:
        raise Http404
    row = rows[0]
    story = reports.programme_story(programme, row)
    return render(request, "pelatihan/report_programme.html", {
        "programme": programme, "row": row, "story": story, "chart": reports.story_chart(story),
        "sessions": reports.programme_sessions(programme), "min_group_size": impact.MIN_GROUP_SIZE,
    })


@login_required
@require_GET
def report_units(request, fmt=None):
    require_hr(request.user)
    period = _period(request)
    if period is None:
        raise Http404
    rows = reports.unit_rows(period)
    if fmt is not None:
        headers, lines = reports.unit_export(rows)
        return _export(headers, lines, fmt=fmt, name=f"laporan-unit-{period.code}")
    return render(request, "pelatihan/report_units.html", {
        "rows": rows, "period": period, "chart": reports.unit_chart(rows), "year": reports.reports_year(),
        "periods": AppraisalPeriod.objects.order_by("-end_date"), "jp_note": reports.jp_targets_note(),
        "query": f"?periode={period.code}",
    })


@login_required
@require_GET
def report_indicators(request, fmt=None):
    require_hr(request.user)
    unit = penilaian_selectors.unit_from_param(request.GET.get("unit"))
    periods, rows = reports.indicator_rows(unit=unit)
    if fmt is not None:
        headers, lines = reports.indicator_export(periods, rows)
        return _export(headers, lines, fmt=fmt, name="laporan-indikator")
    selected = next((r for r in rows if r["code"] == request.GET.get("indikator")), rows[0] if rows else None)
    return render(request, "pelatihan/report_indicators.html", {
        "periods": periods, "rows": rows, "unit": unit, "units": penilaian_selectors.unit_tree(),
        "selected": selected, "chart": reports.indicator_chart(periods, selected) if selected else "",
        "query": f"?unit={unit.pk}" if unit else "",
    })
