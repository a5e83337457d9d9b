"""Reads for the exports: the rows of a file of each kind, in the columns the import of the same
kind reads (``imports.columns``), so an exported file can be edited and imported back. The
rows are plain values; ``portal.core.tables.write_csv`` / ``write_xlsx`` neutralise them."""

from __future__ import annotations

from penilaian.imports.columns import (
    EMPLOYEE_COLUMNS,
    INDICATOR_COLUMNS,
    KIND_EMPLOYEES,
    KIND_INDICATORS,
    SCORE_COLUMNS,
)
from penilaian.models import AppraisalPeriod, Employee, Indicator, Score


def export_rows(kind: str, *, period: AppraisalPeriod | None = None, employee_ids=None):
    """(headers, iterator of rows) for an export; rows are plain values, not yet neutralised."""
    if kind == KIND_EMPLOYEES:
        return EMPLOYEE_COLUMNS, _employee_rows(employee_ids)
    if kind == KIND_INDICATORS:
        return INDICATOR_COLUMNS, _indicator_rows()
    if period is None:
        raise ValueError("a score export needs a period")
    return SCORE_COLUMNS, _score_rows(period, employee_ids)


def _employee_rows(employee_ids):
    qs = Employee.objects.order_by("nip").values_list(
        "nip", "employee_type", "name", "front_title", "back_title", "position_name", "position_kind",
        "functional_level", "rank", "unit__code", "supervisor__nip", "email", "phone",
    )
    if employee_ids is not None:
        qs = qs.filter(pk__in=employee_ids)
    return (tuple("" if v is None else v for v in row) for row in qs.iterator(chunk_size=5000))


def _indicator_rows():
    qs = Indicator.objects.order_by("sort_order", "code").values_list(
        "code", "name", "kind", "description", "parent__code", "expected_level", "audience", "sort_order",
        "is_active",
    )
    return (tuple("" if v is None else (int(v) if isinstance(v, bool) else v) for v in row) for row in qs)


def _score_rows(period: AppraisalPeriod, employee_ids):
    qs = Score.objects.filter(appraisal__period=period).order_by("appraisal__employee__nip", "indicator__sort_order",
                                                                 "indicator__code")
    if employee_ids is not None:
        qs = qs.filter(appraisal__employee_id__in=employee_ids)
    qs = qs.values_list(
        "appraisal__employee__nip", "appraisal__employee__name", "appraisal__unit__code", "indicator__code",
        "indicator__name", "expected_level", "self_score", "supervisor_score",
    )
    code = period.code
    for nip, name, unit, ind, ind_name, expected, s, u in qs.iterator(chunk_size=5000):
        yield (nip, name, unit, ind, ind_name, code, expected, "" if s is None else s, "" if u is None else u)
