"""Reads for the exports: the rows of a file of each kind, in the columns the import of the same
kind reads (``imports.columns``), so an exported file imports back with nothing changed. The
rows are plain values; ``portal.core.tables`` neutralises them.

The score rows come straight from the database as the file's tuples (the period code is a
constant column of the query, empty scores stay ``None``, which both writers leave blank)
through a server-side cursor (``iterator``: a named cursor on PostgreSQL): no Python work per
row and flat memory, whatever the size.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import CharField, Value

from penilaian.imports.columns import (
    EMPLOYEE_COLUMNS,
    INDICATOR_COLUMNS,
    KIND_EMPLOYEES,
    KIND_INDICATORS,
    KIND_SCORES,
    SCORE_COLUMNS,
)
from penilaian.models import AppraisalPeriod, Employee, ExportFile, Indicator, Score, Unit
from penilaian.selectors.register import unit_subtree_ids
from portal.core.roles import is_hr

CHUNK_SIZE = 5000  # rows fetched per round trip from the server-side cursor


@dataclass(frozen=True)
class ExportQuery:
    """What one export holds: a kind, the period (scores), a unit and its sub-units, or the
    employees a supervisor may see (``employee_ids``)."""

    kind: str
    period: AppraisalPeriod | None = None
    unit: Unit | None = None
    employee_ids: frozenset[int] | None = None

    @property
    def filename(self) -> str:
        words = {KIND_SCORES: "nilai", KIND_EMPLOYEES: "pegawai", KIND_INDICATORS: "indikator"}[self.kind]
        if self.employee_ids is not None:
            words = "nilai-tim" if self.kind == KIND_SCORES else f"{words}-tim"
        parts = [words, self.period.code if self.period else "", self.unit.code if self.unit else ""]
        return "-".join(p for p in parts if p)


def export_rows(query: ExportQuery):
    """(headers, iterator of rows) for an export; rows are plain values, not yet neutralised."""
    if query.kind == KIND_EMPLOYEES:
        return EMPLOYEE_COLUMNS, _employee_rows(query)
    if query.kind == KIND_INDICATORS:
        return INDICATOR_COLUMNS, _indicator_rows()
    return SCORE_COLUMNS, _score_queryset(query).iterator(chunk_size=CHUNK_SIZE)


def export_count(query: ExportQuery) -> int:
    """How many rows the export will have (one COUNT): decides streaming or the background."""
    if query.kind == KIND_EMPLOYEES:
        return _employee_queryset(query).count()
    if query.kind == KIND_INDICATORS:
        return Indicator.objects.count()
    return _score_queryset(query).count()


def _employee_queryset(query: ExportQuery):
    qs = Employee.objects.all()
    if query.employee_ids is not None:
        qs = qs.filter(pk__in=query.employee_ids)
    if query.unit is not None:
        qs = qs.filter(unit_id__in=unit_subtree_ids(query.unit))
    return qs


def _employee_rows(query: ExportQuery):
    qs = _employee_queryset(query).order_by("nip").values_list(
        "nip", "employee_type", "name", "front_title", "back_title", "position_name", "position_kind",
        "functional_level", "rank", "unit__code", "supervisor__nip", "email", "phone",
    )
    return qs.iterator(chunk_size=CHUNK_SIZE)


def _indicator_rows():
    qs = Indicator.objects.order_by("sort_order", "code").values_list(
        "code", "name", "kind", "description", "parent__code", "expected_level", "audience", "sort_order",
        "is_active",
    )
    return (tuple("" if v is None else (int(v) if isinstance(v, bool) else v) for v in row) for row in qs)


def _score_queryset(query: ExportQuery):
    """Every score row of the period's appraisals — scored or not: an indicator nobody has scored
    yet comes out with both score cells empty, which the import reads as "no change"."""
    if query.period is None:
        raise ValueError("a score export needs a period")
    qs = Score.objects.filter(appraisal__period=query.period)
    if query.employee_ids is not None:
        qs = qs.filter(appraisal__employee_id__in=query.employee_ids)
    if query.unit is not None:
        qs = qs.filter(appraisal__unit_id__in=unit_subtree_ids(query.unit))
    return qs.annotate(period_code=Value(query.period.code, output_field=CharField())).order_by(
        "appraisal__employee__nip", "indicator__sort_order", "indicator__code"
    ).values_list(
        "appraisal__employee__nip", "appraisal__employee__name", "appraisal__unit__code", "indicator__code",
        "indicator__name", "period_code", "expected_level", "self_score", "supervisor_score",
    )


# --- Prepared (background) exports ----------------------------------------------------------


def export_file_for(user, pk) -> ExportFile | None:
    """A prepared export this user may see: their own, or any for HR. None otherwise."""
    qs = ExportFile.objects.filter(pk=pk)
    if not is_hr(user):
        qs = qs.filter(owner_id=user.pk)
    return qs.first()


def export_files_of(user, limit: int = 10) -> list[ExportFile]:
    return list(ExportFile.objects.filter(owner_id=user.pk)[:limit])
