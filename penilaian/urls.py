from django.urls import path

from .views import appraisal, bkpsdm, employee, exports, imports, mapping, recognition, supervisor

app_name = "penilaian"

urlpatterns = [
    path("profil/", employee.my_profile, name="my-profile"),
    path("tim/", supervisor.team, name="team"),
    path("pegawai/", bkpsdm.employee_list, name="employee-list"),
    path("pegawai/<str:nip>/", employee.employee_detail, name="employee-detail"),
    path("pegawai/<str:nip>/kinerja/", employee.employee_performance, name="employee-performance"),
    path("saya/", employee.my_performance, name="my-performance"),
    path("saya/<str:code>/", employee.self_evaluation, name="self-evaluation"),
    path("bawahan/", supervisor.team_assessment, name="team-assessment"),
    path("bawahan/<str:code>/<str:nip>/", supervisor.assessment, name="assessment"),
    path("penilaian/<int:pk>/", appraisal.appraisal_detail, name="appraisal-detail"),
    path("penilaian/<int:pk>/finalisasi/", appraisal.appraisal_finalise, name="appraisal-finalise"),
    path("periode/", bkpsdm.period_list, name="period-list"),
    path("periode/<str:code>/", bkpsdm.period_detail, name="period-detail"),
    path("periode/<str:code>/lanjut/", bkpsdm.period_advance, name="period-advance"),
    path("periode/<str:code>/kesenjangan/", bkpsdm.period_gaps, name="period-gaps"),
    path("periode/<str:code>/penghargaan/", recognition.recognition, name="recognition"),
    path("periode/<str:code>/penghargaan/surat.pdf", recognition.recognition_letters, name="recognition-letters"),
    path("impor/", imports.import_index, name="import-index"),
    path("impor/kolom/<int:pk>/hapus/", mapping.import_profile_delete, name="import-profile-delete"),
    path("impor/<slug:kind>/", imports.import_upload, name="import-upload"),
    path("impor/<slug:kind>/konfirmasi/", imports.import_confirm, name="import-confirm"),
    path("impor/<slug:kind>/galat/", imports.import_errors, name="import-errors"),
    path("impor/<slug:kind>/kolom/", mapping.import_mapping, name="import-mapping"),
    path("ekspor/tim/<slug:fmt>/", exports.export_team, name="export-team"),
    path("ekspor/berkas/<uuid:pk>/", exports.export_file, name="export-file"),
    path("ekspor/berkas/<uuid:pk>/unduh/", exports.export_file_download, name="export-file-download"),
    path("ekspor/<slug:kind>/<slug:fmt>/", exports.export, name="export"),
]
