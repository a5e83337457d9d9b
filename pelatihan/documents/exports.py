"""Spreadsheet downloads: the attendance matrix and the SIASN training history (``tablib``, CSV or
XLSX), and the HR reports (``portal.core.tables``: formula cells neutralised, CSV streamed)."""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from portal.core.tables import write_csv, write_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
FORMATS = ("csv", "xlsx")


def _attachment(content, *, fmt: str, name: str) -> HttpResponse:
    return HttpResponse(
        content, content_type=XLSX_TYPE if fmt == "xlsx" else CSV_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )


def attendance_response(days, rows, *, fmt: str, name: str) -> HttpResponse:
    """The attendance matrix (``selectors.attendance.attendance_matrix``): name, unit, one column
    per meeting day."""
    import tablib  # deferred: tablib (and openpyxl behind its XLSX export) only for downloads

    data = tablib.Dataset(headers=[_("Name"), _("Unit"), *[d.date.isoformat() for d in days]])
    for enrolment, statuses in rows:
        data.append([enrolment.employee.full_name, enrolment.employee.unit.name, *statuses])
    return _attachment(data.export(fmt), fmt=fmt, name=name)


def siasn_response(headers, rows, *, fmt: str, name: str) -> HttpResponse:
    """The verified development records of a year in SIASN's column order."""
    if fmt == "xlsx":
        import tablib  # deferred: tablib (and openpyxl behind its XLSX export) only for downloads

        return _attachment(tablib.Dataset(*rows, headers=headers).export("xlsx"), fmt=fmt, name=name)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return _attachment(buffer.getvalue(), fmt=fmt, name=name)


def report_response(headers, rows, *, fmt: str, name: str):
    """An HR report as a download; 404 for a format other than CSV or XLSX."""
    if fmt == "csv":
        response = StreamingHttpResponse(write_csv(headers, rows), content_type=CSV_TYPE)
    elif fmt == "xlsx":
        response = HttpResponse(write_xlsx(headers, rows, title=name), content_type=XLSX_TYPE)
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
