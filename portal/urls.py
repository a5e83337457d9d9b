from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import views

portal_patterns = (
    [path("dasbor/", views.dashboard, name="dashboard")],
    "portal",
)

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("portal.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    path("", include(portal_patterns)),
    path("kinerja/", include("penilaian.urls")),
    path("pelatihan/", include("pelatihan.urls")),
    path("", include("home.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The Wagtail page tree answers everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
