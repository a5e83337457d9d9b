from django.urls import path

from . import views
from . import views_import as imports

app_name = "penilaian"

urlpatterns = [
    path("profil/", views.my_profile, name="my-profile"),
    path("tim/", views.team, name="team"),
    path("pegawai/", views.employee_list, name="employee-list"),
    path("pegawai/<str:nip>/", views.employee_detail, name="employee-detail"),
    path("impor/", imports.import_index, name="import-index"),
    path("impor/<slug:kind>/", imports.import_upload, name="import-upload"),
    path("impor/<slug:kind>/konfirmasi/", imports.import_confirm, name="import-confirm"),
    path("impor/<slug:kind>/galat/", imports.import_errors, name="import-errors"),
    path("ekspor/tim/<slug:fmt>/", imports.export_team, name="export-team"),
    path("ekspor/<slug:kind>/<slug:fmt>/", imports.export, name="export"),
]
