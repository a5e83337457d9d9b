"""Spreadsheet downloads of the training app — the attendance matrix, the overdue re-evaluations and the HR reports (the
SIASN export among them, in SIASN's own columns) — each through the kernel's one safe writer (``portal.core.http.table_download``
over ``portal.core.tables``): formula cells neutralised, CSV streamed, XLSX in write-only mode.
SIASN rows carry free text (titles, providers) and names: none is written raw."""

from __future__ import annotations

from django.utils.translation import gettext as _

from portal.core.http import table_download

FORMATS = ("csv", "xlsx")


def attendance_response(days, rows, *, fmt: str, name: str):
    """The attendance matrix (``selectors.attendance.attendance_matrix``): name, unit, one column
    per meeting day."""
    headers = [_("Name"), _("Unit"), *[d.date.isoformat() for d in days]]
    lines = ([enrolment.employee.full_name, enrolment.employee.unit.name, *statuses] for enrolment, statuses in rows)
    return table_download(headers, lines, fmt=fmt, name=name)


def report_response(headers, rows, *, fmt: str, name: str):
    """An HR report as a download; 404 for a format other than CSV or XLSX."""
    return table_download(headers, rows, fmt=fmt, name=name)


def overdue_headers() -> list[str]:
    """The columns of HR's overdue re-evaluation list, on the page and in its files alike."""
    return [_("Employee"), "NIP", _("Unit"), _("Training"), _("Indicators"), _("Supervisor"), _("Due"),
            _("Days overdue")]


def overdue_response(rows, *, fmt: str):
    """The overdue re-evaluations (``selectors.evaluation.overdue_rows``) as a download."""
    return table_download(overdue_headers(), (r.cells() for r in rows), fmt=fmt, name="evaluasi-ulang-terlambat")
