from django.contrib import admin

from .models import Certificate, DevelopmentRecord, Enrolment, Programme, Session, SessionDay


class SessionDayInline(admin.TabularInline):
    model = SessionDay
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "code", "route", "jp", "is_active"]
    search_fields = ["title", "code"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "capacity"]
    list_filter = ["status"]
    inlines = [SessionDayInline]
    list_select_related = ["programme"]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["employee", "session", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["employee", "session"]
    list_select_related = ["employee", "session__programme"]


@admin.register(DevelopmentRecord)
class DevelopmentRecordAdmin(admin.ModelAdmin):
    list_display = ["employee", "title", "year", "jp", "status"]
    list_filter = ["status", "source", "year"]
    raw_id_fields = ["employee", "enrolment"]
    list_select_related = ["employee"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["number", "issued_on"]
    search_fields = ["number"]
    raw_id_fields = ["enrolment"]
