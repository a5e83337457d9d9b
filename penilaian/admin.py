from django.contrib import admin
from import_export.admin import ImportExportModelAdmin

from .models import Employee, Indicator, Score, Unit
from .resources import EmployeeResource, IndicatorResource, SafeCSV, SafeXLSX, ScoreResource


class FastImportExportAdmin(ImportExportModelAdmin):
    """django-import-export's buttons, CSV and XLSX only. The resources route every import to
    ``penilaian.imports`` (bulk, all or nothing, one audit record) and neutralise exports.
    The admin's own per-row LogEntry is skipped: the import's audit record is the trace."""

    formats = [SafeCSV, SafeXLSX]
    skip_admin_log = True


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code", "short_name"]
    autocomplete_fields = ["parent"]


@admin.register(Employee)
class EmployeeAdmin(FastImportExportAdmin):
    resource_classes = [EmployeeResource]
    list_display = ["nip", "name", "employee_type", "position_name", "unit", "is_active"]
    list_filter = ["employee_type", "position_kind", "is_active"]
    search_fields = ["nip", "name", "email"]
    autocomplete_fields = ["unit", "supervisor", "user"]
    list_select_related = ["unit"]


@admin.register(Indicator)
class IndicatorAdmin(FastImportExportAdmin):
    resource_classes = [IndicatorResource]
    list_display = ["code", "name", "kind", "expected_level", "audience", "is_active"]
    list_filter = ["kind", "audience", "is_active"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]


@admin.register(Score)
class ScoreAdmin(FastImportExportAdmin):
    resource_classes = [ScoreResource]
    list_display = ["appraisal", "indicator", "expected_level", "self_score", "supervisor_score"]
    list_filter = ["appraisal__period", "indicator__kind"]
    search_fields = ["appraisal__employee__nip", "appraisal__employee__name", "indicator__code"]
    raw_id_fields = ["appraisal"]
    autocomplete_fields = ["indicator"]
    list_select_related = ["appraisal__employee", "appraisal__period", "indicator"]
