from django.urls import path

from . import views
from . import views_import as imports

app_name = "penilaian"

urlpatterns = [
    path("profil/", views.my_profile, name="my-profile"),
    path("tim/", views.team, name="team"),
    path("pegawai/", views.employee_list, name="employee-list"),
    path("pegawai/<str:nip>/", views.employee_detail, name="employee-detail"),
    path("pegawai/<str:nip>/kinerja/", views.employee_performance, name="employee-performance"),
    path("saya/", views.my_performance, name="my-performance"),
    path("saya/<str:code>/", views.self_evaluation, name="self-evaluation"),
    path("bawahan/", views.team_assessment, name="team-assessment"),
    path("bawahan/<str:code>/<str:nip>/", views.assessment, name="assessment"),
    path("penilaian/<int:pk>/", views.appraisal_detail, name="appraisal-detail"),
    path("penilaian/<int:pk>/finalisasi/", views.appraisal_finalise, name="appraisal-finalise"),
    path("periode/", views.period_list, name="period-list"),
    path("periode/<str:code>/", views.period_detail, name="period-detail"),
    path("periode/<str:code>/lanjut/", views.period_advance, name="period-advance"),
    path("periode/<str:code>/kesenjangan/", views.period_gaps, name="period-gaps"),
    path("periode/<str:code>/penghargaan/", views.recognition, name="recognition"),
    path("periode/<str:code>/penghargaan/surat.pdf", views.recognition_letters, name="recognition-letters"),
    path("impor/", imports.import_index, name="import-index"),
    path("impor/<slug:kind>/", imports.import_upload, name="import-upload"),
    path("impor/<slug:kind>/konfirmasi/", imports.import_confirm, name="import-confirm"),
    path("impor/<slug:kind>/galat/", imports.import_errors, name="import-errors"),
    path("ekspor/tim/<slug:fmt>/", imports.export_team, name="export-team"),
    path("ekspor/<slug:kind>/<slug:fmt>/", imports.export, name="export"),
]
