from django.urls import path

app_name = "pelatihan"

urlpatterns: list[path] = []
