from django.urls import path

from . import views

app_name = "penilaian"

urlpatterns = [
    path("profil/", views.my_profile, name="my-profile"),
    path("tim/", views.team, name="team"),
    path("pegawai/", views.employee_list, name="employee-list"),
    path("pegawai/<str:nip>/", views.employee_detail, name="employee-detail"),
]
