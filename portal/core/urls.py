from django.urls import path

from . import health, views

app_name = "core"

urlpatterns = [
    path("sistem/kotak-keluar/", views.outbox, name="outbox"),
    path("sistem/kotak-keluar/<int:pk>/kirim-ulang/", views.outbox_retry, name="outbox-retry"),
    path("unduhan/<uuid:pk>/", views.download, name="download"),
    path("unduhan/<uuid:pk>/berkas/", views.download_file, name="download-file"),
]

health_patterns = [
    path("healthz/", health.healthz, name="healthz"),
    path("healthz/live/", health.live, name="healthz-live"),
]
