"""django-import-export resources: the Django admin's import and export buttons.

django-import-export gives the admin its formats, upload form, preview and error report. Its
row-by-row import (one query or more per row, ~155 rows/s) is not used: ``import_data`` hands
the whole dataset to ``penilaian.imports.run.run_import``, the same fast, all-or-nothing path as
the HR page and ``manage.py import_scores``, and turns its result into the admin's ``Result``
(every bad row with its line number, or the counts). Exports neutralise formula cells.
"""

from __future__ import annotations

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import resources
from import_export.fields import Field
from import_export.formats import base_formats
from import_export.results import Error, Result, RowResult

from portal.core.tables import Table, TableError, cell_text, header_key, neutralise, read_table, write_csv, write_xlsx

from .imports.columns import (
    EMPLOYEE_COLUMNS,
    INDICATOR_COLUMNS,
    KIND_EMPLOYEES,
    KIND_INDICATORS,
    KIND_SCORES,
    SCORE_COLUMNS,
    SCORE_IMPORT_COLUMNS,
)
from .imports.run import run_import
from .models import Employee, Indicator, Score


class _KernelReader:
    """An admin format that reads uploads with the kernel's reader, like every other import
    (formulas are seen and refused, rounded numbers and damaged files get the same messages; the
    ``Table`` rides along on the dataset for ``import_data``) and writes with its safe writer."""

    def create_dataset(self, in_stream, **kwargs):
        data = in_stream.encode("utf-8") if isinstance(in_stream, str) else in_stream
        table = read_table(data, f"upload.{self.get_extension()}")
        dataset = tablib.Dataset(*[cells + [""] * (len(table.titles) - len(cells)) for _line, cells in table.rows],
                                 headers=table.titles)
        dataset.portal_table = table
        return dataset

    def export_data(self, dataset, **kwargs):
        """The admin's export through the one safe writer too."""
        if self.is_binary():
            return write_xlsx(dataset.headers or [], dataset, title="export")
        return "".join(write_csv(dataset.headers or [], dataset))


class SafeCSV(_KernelReader, base_formats.CSV):
    pass


class SafeXLSX(_KernelReader, base_formats.XLSX):
    pass


class FastImportResource(resources.ModelResource):
    """Routes the import to the fast path; neutralises exported cells."""

    import_kind: str = ""

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None,
                    collect_failed_rows=False, rollback_on_validation_errors=False, **kwargs):
        headers = [str(h or "") for h in (dataset.headers or [])]
        table = getattr(dataset, "portal_table", None) or Table(
            headers=[header_key(h) for h in headers],
            rows=[(line, [cell_text(v) for v in row]) for line, row in enumerate(dataset, start=2)
                  if any(v not in (None, "") for v in row)],
        )
        result = Result()
        result.diff_headers = headers
        try:
            if not table.rows:
                raise TableError(_("The file has a header but no rows."))
            outcome = run_import(self.import_kind, table, dry_run=dry_run, actor=kwargs.get("user"))
        except TableError as exc:
            if raise_errors:
                raise
            result.append_base_error(Error(exc))
            return result
        cells = dict(table.rows)
        for error in outcome.errors:
            row = dict(zip(headers, cells.get(error.line, []), strict=False))
            result.append_invalid_row(error.line, row, ValidationError(error.messages))
        result.total_rows = outcome.rows
        result.totals[RowResult.IMPORT_TYPE_NEW] = outcome.created + outcome.appraisals_created
        result.totals[RowResult.IMPORT_TYPE_UPDATE] = outcome.updated + outcome.appraisals_updated
        result.totals[RowResult.IMPORT_TYPE_SKIP] = outcome.unchanged
        result.totals[RowResult.IMPORT_TYPE_INVALID] = len(outcome.errors)
        self.fast_result = outcome
        return result

    def export_field(self, field, instance, **kwargs):
        return neutralise(super().export_field(field, instance, **kwargs))


class EmployeeResource(FastImportResource):
    import_kind = KIND_EMPLOYEES
    unit = Field(attribute="unit__code", column_name="unit")
    supervisor = Field(attribute="supervisor__nip", column_name="supervisor")

    class Meta:
        model = Employee
        fields = EMPLOYEE_COLUMNS
        export_order = EMPLOYEE_COLUMNS
        import_id_fields = ["nip"]

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("unit", "supervisor")


class IndicatorResource(FastImportResource):
    import_kind = KIND_INDICATORS
    parent = Field(attribute="parent__code", column_name="parent")

    class Meta:
        model = Indicator
        fields = INDICATOR_COLUMNS
        export_order = INDICATOR_COLUMNS
        import_id_fields = ["code"]

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("parent")


class ScoreResource(FastImportResource):
    """Columns: nip, indicator (code), period (code), self_score, supervisor_score, and an
    optional scale (5 or 100). The export adds name, unit, indicator_name and expected_level,
    which the import ignores, so an exported file can be edited and imported back."""

    import_kind = KIND_SCORES
    nip = Field(attribute="appraisal__employee__nip", column_name="nip")
    name = Field(attribute="appraisal__employee__name", column_name="name")
    unit = Field(attribute="appraisal__unit__code", column_name="unit")
    indicator = Field(attribute="indicator__code", column_name="indicator")
    indicator_name = Field(attribute="indicator__name", column_name="indicator_name")
    period = Field(attribute="appraisal__period__code", column_name="period")

    class Meta:
        model = Score
        fields = SCORE_COLUMNS
        export_order = SCORE_COLUMNS

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("appraisal__employee", "appraisal__unit", "appraisal__period", "indicator")

    def get_user_visible_fields(self):
        # What the import reads (the admin lists these above the upload form); the optional
        # scale column is no field of the model.
        return [self.fields[n] for n in SCORE_IMPORT_COLUMNS if n in self.fields]
