from django.urls import path

from . import views, views_matching

app_name = "pelatihan"

urlpatterns = [
    path("", views.session_list, name="session-list"),
    path("sesi/<int:pk>/", views.session_detail, name="session-detail"),
    path("sesi/<int:pk>/kursi/", views.session_seats, name="session-seats"),
    path("sesi/<int:pk>/daftar/", views.session_register, name="session-register"),
    path("sesi/<int:pk>/hadir/<str:token>/", views.checkin, name="checkin"),
    path("pendaftaran/", views.my_enrolments, name="my-enrolments"),
    path("pendaftaran/<int:pk>/batal/", views.enrolment_cancel, name="enrolment-cancel"),
    path("kalender/baru/", views.calendar_feed_create, name="calendar-feed-create"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
    path("persetujuan/", views.approvals, name="approvals"),
    path("persetujuan/<int:pk>/", views.approval_decide, name="approval-decide"),
    path("fasilitator/", views.trainer_sessions, name="trainer-sessions"),
    path("fasilitator/sesi/<int:pk>/hari/<int:day_pk>/", views.attendance_sheet, name="attendance-sheet"),
    path("fasilitator/sesi/<int:pk>/hari/<int:day_pk>/qr/", views.checkin_screen, name="checkin-screen"),
    path("fasilitator/sesi/<int:pk>/hari/<int:day_pk>/qr/kode/", views.checkin_code, name="checkin-code"),
    path("fasilitator/sesi/<int:pk>/presensi.<str:fmt>", views.attendance_export, name="attendance-export"),
    path("fasilitator/sesi/<int:pk>/sertifikat.pdf", views.session_certificates, name="session-certificates"),
    path("sertifikat/<str:number>/", views.certificate_verify, name="certificate-verify"),
    path("sertifikat/<str:number>/unduh/", views.certificate_download, name="certificate-download"),
    path("riwayat/", views.my_history, name="my-history"),
    path("riwayat/<str:nip>/", views.employee_history, name="employee-history"),
    path("bkpsdm/sesi/", views.hr_session_list, name="hr-session-list"),
    path("bkpsdm/sesi/<int:pk>/", views.hr_session_detail, name="hr-session-detail"),
    path("bkpsdm/sesi/<int:pk>/daftarkan/", views.hr_enrol, name="hr-enrol"),
    path("bkpsdm/sesi/<int:pk>/selesai/", views.hr_session_finish, name="hr-session-finish"),
    path("bkpsdm/sesi/<int:pk>/batalkan/", views.hr_session_cancel, name="hr-session-cancel"),
    path("bkpsdm/riwayat/", views.hr_records, name="hr-records"),
    path("bkpsdm/riwayat/<int:pk>/", views.hr_record_decide, name="hr-record-decide"),
    path("bkpsdm/siasn/<int:year>.<str:fmt>", views.siasn_export, name="siasn-export"),
    # Matching (issue 5)
    path("kebutuhan/", views_matching.needs_latest, name="needs-latest"),
    path("kebutuhan/<str:code>/", views_matching.needs_analysis, name="needs-analysis"),
    path("kebutuhan/<str:code>/<slug:indicator>/", views_matching.needs_indicator, name="needs-indicator"),
    path("pencocokan/", views_matching.matching_latest, name="matching-latest"),
    path("pencocokan/tindakan/", views_matching.matching_act, name="matching-act"),
    path("pencocokan/<str:code>/", views_matching.matching_list, name="matching-list"),
    path("undangan/<int:pk>/tolak/", views_matching.invitation_decline, name="invitation-decline"),
]
