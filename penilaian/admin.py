from django.contrib import admin

from .models import Employee, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "code", "short_name"]
    autocomplete_fields = ["parent"]


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ["nip", "name", "employee_type", "position_name", "unit", "is_active"]
    list_filter = ["employee_type", "position_kind", "is_active"]
    search_fields = ["nip", "name", "email"]
    autocomplete_fields = ["unit", "supervisor", "user"]
    list_select_related = ["unit"]
