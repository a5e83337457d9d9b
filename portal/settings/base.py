"""Settings shared by every environment. Production is this module plus environment variables.

Every variable read here is listed, with its meaning, in ``.env.example`` and the README.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_public_url, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)

DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
# Values that are public (.env.example, tutorials) or too short to be secret: production refuses them.
WEAK_SECRET_KEYS = {"change-me", "changeme", "secret", "secret-key", "your-secret-key", "django-insecure", DEV_SECRET_KEY}
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = DEV_SECRET_KEY
elif not DEBUG and (
    SECRET_KEY.strip().lower() in WEAK_SECRET_KEYS
    or SECRET_KEY.startswith("django-insecure-")
    or len(SECRET_KEY) < 32
    or len(set(SECRET_KEY)) < 10
):
    raise ImproperlyConfigured(
        "SECRET_KEY is a known or weak value; set a long random one: "
        'python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])

# The site's public address. Every link that leaves the browser — e-mails, calendar files, the
# check-in QR, certificates and their QR, Wagtail's notifications — is built from it, through
# ``portal.core.links.public_url``; never from the request's host. ``make run`` sets it from
# $PORT; production must set it.
PUBLIC_URL = env_public_url("PUBLIC_URL", debug=DEBUG, default="http://127.0.0.1:8000")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first so their templates and translations win over the libraries'.
    "portal",
    "portal.core",
    "penilaian",
    "pelatihan",
    "home",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    # Data exchange
    "import_export",
    "django_htmx",
    # Background tasks (Django's task API through the django-tasks backport) in the database
    "django_tasks",
    "django_tasks_db",
    "csp",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "portal.core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.core.csp.PortalCSPMiddleware",
    "portal.core.guard.InputGuardMiddleware",
    # Outside sessions, CSRF and messages: it must see the cookies they would set.
    "portal.core.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.roles",
                "portal.core.pagecache.context",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# The embedded default is an SQLite file in the project folder; production sets DATABASE_URL
# (postgres://user:password@host:5432/name).
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Long-lived connections buy nothing on SQLite and keep the file locked between requests.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
# Rate limits (allauth) live in the cache. One process: local memory is enough. Several
# gunicorn workers: point REDIS_URL at a Redis server so every worker counts the same attempts.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous visitors' CMS pages are served from this cache (portal.core.pagecache); publishing
# empties it. Seconds a stored page lives at most (0 turns the page cache off).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)

# Sessions are read from the cache and written through to the database: one query less on every
# signed-in page, and with Redis every instance sees every session.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Authentication -------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "/"

# The username of an employee's account is their NIP, so "username" login means login by NIP.
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"  # employees verify through activation (portal.accounts)
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_ADAPTER = "portal.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "portal.accounts.forms.LoginForm"}
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# One set of limits for every way in: /admin/login/, /django-admin/login/, /_util/login/ and
# /admin/password_reset/ lead here (portal.accounts.views.login_door). Failed logins are limited
# per account ("key": 5 in 5 minutes, then even the right password waits), with a generous
# ceiling per address: the 200 staff of one SKPK behind one NAT address at 07:30 must all get
# in. The address is the client's as the trusted proxies report it (TRUSTED_PROXY_COUNT).
ACCOUNT_RATE_LIMITS = {
    "login": "600/m/ip",
    "login_failed": "100/m/ip,5/5m/key",
    "reset_password": "30/m/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    # Our own activation flow (portal.accounts.views) consumes these two.
    "activate": "30/m/ip,5/h/key",
    "activate_from_key": "20/m/ip",
    # Wagtail's shared passwords of private pages and document collections.
    "restriction_password": "20/m/ip",
}
# How many proxies (nginx, a load balancer) stand in front and append to X-Forwarded-For; the
# client address is the entry that many places from the right. 0: REMOTE_ADDR, the header is
# ignored (a client could write anything in it).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Portal Kinerja] "
# How long an activation link stays valid (seconds); the link also dies once used.
ACCOUNT_ACTIVATION_TIMEOUT = env_int("ACCOUNT_ACTIVATION_TIMEOUT", 3 * 24 * 3600)
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 3 * 24 * 3600)

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = [("id", "Bahasa Indonesia")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploads (documents, certificates, files built in the background) get random folder names and
# are handed out only by views that check permission (portal.core.files); the proxy never serves
# /media/ itself. With nginx in front set PRIVATE_FILES_ACCEL_PREFIX (e.g. /_private/): Django
# then answers with X-Accel-Redirect and nginx sends the bytes from an internal location.
PRIVATE_FILES_ACCEL_PREFIX = env_str("PRIVATE_FILES_ACCEL_PREFIX")
SENDFILE_BACKEND = "portal.core.files"  # Wagtail's document view hands its files to the same helper
STORAGES = {
    "default": {"BACKEND": "portal.core.files.PrivateFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- E-mail ---------------------------------------------------------------------------------
# Every e-mail goes through the outbox (portal.core.mail): Django's backend only queues it; the
# worker delivers it with EMAIL_DELIVERY_BACKEND — the transport the EMAIL_BACKEND variable
# names (console by default, SMTP in production) — and retries with backoff.
EMAIL_BACKEND = "portal.core.mail.OutboxBackend"
EMAIL_DELIVERY_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
if EMAIL_DELIVERY_BACKEND == EMAIL_BACKEND:
    raise ImproperlyConfigured("EMAIL_BACKEND names how mail leaves (e.g. the SMTP backend), not the outbox itself.")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Portal Kinerja BKPSDM Subulussalam <noreply@portal.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------------------
# Behind a TLS-terminating proxy (nginx) set SECURE_PROXY_SSL_HEADER via USE_X_FORWARDED_PROTO.
if env_bool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail lifts it to SAMEORIGIN on its own preview views
# Content-Security-Policy on every page (portal.core.csp): nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600)
# /healthz/ is probed by the load balancer over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Portal Kinerja & Pelatihan ASN Kota Subulussalam"
WAGTAILADMIN_BASE_URL = PUBLIC_URL  # links in Wagtail's notification e-mails
# The Wagtail admin signs in through the same allauth pages as everyone else.
WAGTAILADMIN_LOGIN_URL = "/accounts/login/"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False  # allauth's reset, with its limits, is the only one
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv", "mp4", "zip"]
# Documents go through Django (never straight from /media/) so that a collection's view
# restriction (internal material: login required) applies to the file itself.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL ships an Indonesian stemmer (since 13): "pelatihan" and "melatih" meet at "latih".
    # SQLite's FTS5 backend has no such option and matches whole words.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "indonesian"
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no outgoing requests at run time
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # nor avatars from gravatar.com in the admin
WAGTAIL_ALLOW_UNICODE_SLUGS = False
TAGGIT_CASE_INSENSITIVE = True  # "skp" and "SKP" are one topic

# --- Background tasks and the schedule -------------------------------------------------------
# Every e-mail, reminder, certificate batch and re-evaluation run is a task (Wagtail queues its
# search-index updates the same way). They wait in the database (SQLite under `make run`,
# PostgreSQL in production: no broker) until `manage.py worker` runs them; the worker also runs
# the periodic jobs of PORTAL_SCHEDULE (see portal/schedule.py) — no cron.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PORTAL_SCHEDULE = "portal.schedule.JOBS"

# --- Exports --------------------------------------------------------------------------------
# An export with more rows than this (per format) is prepared by a background task and the user
# gets a download link; a smaller one streams at once. Prepared files are kept this many hours.
EXPORT_BACKGROUND_ROWS = {
    "csv": env_int("EXPORT_BACKGROUND_ROWS_CSV", 200_000),
    "xlsx": env_int("EXPORT_BACKGROUND_ROWS_XLSX", 20_000),
}
EXPORT_FILE_HOURS = env_int("EXPORT_FILE_HOURS", 24)

# --- Logging --------------------------------------------------------------------------------
# One line per record, each with the request's id (or the background task's): see
# portal.core.logs. A 403 is one line with user and path, never a traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "portal.core.logs.RequestIdFilter"},
        "no_403_traceback": {"()": "portal.core.logs.ForbiddenWithoutTraceback"},
    },
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line", "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"filters": ["no_403_traceback"]},
        "django.db.backends": {"level": "WARNING"},
        # Wagtail runs its index updates as tasks; one log line per task drowns everything else.
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},  # page events are in the audit log already
    },
}

# --- Portal ---------------------------------------------------------------------------------
PORTAL_DEMO_PASSWORD = "portal-demo-2026"  # noqa: S105 - demo accounts only, refused when DEBUG is off

# --- SIASN (the national civil-service register) ----------------------------------------
# Sending verified training history to SIASN is off until every address and credential below is
# set. Start with BKN's training environment (.env.example); the agency's instansiId is a setting
# in the Wagtail admin (Settings → SIASN). See the README, "SIASN".
SIASN = {
    "API_URL": env_str("SIASN_API_URL"),
    "GATEWAY_TOKEN_URL": env_str("SIASN_GATEWAY_TOKEN_URL"),
    "CONSUMER_KEY": env_str("SIASN_CONSUMER_KEY"),
    "CONSUMER_SECRET": env_str("SIASN_CONSUMER_SECRET"),
    "SSO_TOKEN_URL": env_str("SIASN_SSO_TOKEN_URL"),
    "SSO_CLIENT_ID": env_str("SIASN_SSO_CLIENT_ID"),
    "SSO_USERNAME": env_str("SIASN_SSO_USERNAME"),
    "SSO_PASSWORD": env_str("SIASN_SSO_PASSWORD"),
    "TIMEOUT": env_int("SIASN_TIMEOUT", 30),
    "MAX_ATTEMPTS": env_int("SIASN_MAX_ATTEMPTS", 6),
}

# --- Appraisal fairness: objections and stakeholder links -----------------------------------
# PP 30/2019 art. 59: days after receiving a final appraisal in which the employee may object.
PENILAIAN_OBJECTION_DAYS = env_int("PENILAIAN_OBJECTION_DAYS", 14)
# Days a stakeholder's one-time feedback link stays valid.
PENILAIAN_STAKEHOLDER_LINK_DAYS = env_int("PENILAIAN_STAKEHOLDER_LINK_DAYS", 21)
