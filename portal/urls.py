from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from . import views
from .accounts import views as account_views
from .core.urls import health_patterns

portal_patterns = (
    [path("dasbor/", views.dashboard, name="dashboard")],
    "portal",
)

# Every way to sign in or reset a password leads to allauth's pages and their limits.
login_doors = [
    path("admin/login/", account_views.login_door),
    re_path(r"^admin/password_reset/", account_views.password_reset_door),
    path("django-admin/login/", account_views.login_door),
    path("_util/login/", account_views.login_door),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        account_views.limited_restriction_password(wagtail_views.authenticate_with_password),
        name="wagtailcore_authenticate_with_password",
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        account_views.limited_restriction_password(wagtaildocs_serve.authenticate_with_password),
        name="wagtaildocs_authenticate_with_password",
    ),
]

urlpatterns = [
    *login_doors,
    *health_patterns,
    # The language switch is in every page's footer; without a CSRF token there, anonymous
    # pages can come from the shared cache (switching language is harmless to forge).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("portal.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    path("", include(portal_patterns)),
    path("", include("portal.core.urls")),
    path("kinerja/", include("penilaian.urls")),
    path("pelatihan/", include("pelatihan.urls")),
    path("", include("home.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # Only image renditions are public files; everything else in MEDIA_ROOT goes through a view
    # that checks permission (portal.core.files), in development too.
    urlpatterns += static(settings.MEDIA_URL + "images/", document_root=settings.MEDIA_ROOT / "images")

# The Wagtail page tree answers everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
