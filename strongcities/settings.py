"""Settings for the Strong Cities Network portal, read from the environment.

Every variable is documented in README.md ("Configuration").
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from strongcities import observability
from strongcities.env import email_settings, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"  # noqa: S105

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])

INSTALLED_APPS = [
    # modeltranslation must come before the admin to show translated fields as tabs
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "rest_framework",
    "drf_spectacular",
    "django_celery_beat",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "auditlog",
    "strongcities",
    "members",
    "hubs",
    "resources",
    "events",
    "steering",
    "surveys",
    "audit",
    "privacy",
]

MIDDLEWARE = [
    # First: every log line of the request, and the tasks it queues, carry its id.
    "strongcities.observability.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "strongcities.middleware.RememberLanguageMiddleware",
    # Anonymous public pages answered from the cache skip everything below it.
    "strongcities.pagecache.AnonymousPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Its 400 page is the site's, in the visitor's language: after locale, user, messages.
    "strongcities.middleware.RejectNullCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "audit.context.AuditContextMiddleware",
    "strongcities.middleware.StaffRequireMFAMiddleware",
]

ROOT_URLCONF = "strongcities.urls"
WSGI_APPLICATION = "strongcities.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "strongcities.context_processors.portal",
            ],
        },
    },
]
# Widgets written in Python, exactly as Django's widget templates write them (faster).
FORM_RENDERER = "strongcities.formrenderer.FastWidgetRenderer"

# --- Database ---------------------------------------------------------------
# PostgreSQL is the database of record; SQLite only serves the zero-setup quick start.
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The quick start's SQLite ignores the covering columns (INCLUDE) of PostgreSQL's indexes:
# harmless there, so `make run` does not print it as a warning on every start.
SILENCED_SYSTEM_CHECKS = (
    ["models.W040"] if DATABASES["default"]["ENGINE"].endswith("sqlite3") else []
)

# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "strongcities.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "strongcities.adapters.PortalAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "login": "30/m/ip",
    # per address, and per email address so nobody's inbox can be flooded
    "reset_password": "20/m/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
ACCOUNT_PREVENT_ENUMERATION = True
# Behind nginx (and a TLS proxy) every request comes from the proxy: count the proxies
# so login rate limits see the visitor's address in X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Strong Cities Network"
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "14"))

# Sessions are read from the cache (Redis in production, shared by every node) and
# written through to the database: one query less on every signed-in page.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(60 * 60 * 8)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Languages --------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("en", _("English")),
    ("fr", _("French")),
]
RTL_LANGUAGES = {"ar"}
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["strongcities.formats"]  # what Django's own locales lack (ar dates)
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("ar", "en", "fr")
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("en", "fr", "ar"),
}
# modeltranslation's admin tabs load jQuery UI from a CDN unless told otherwise
# (its setting names have no prefix): serve the vendored copies.
JQUERY_URL = "admin/js/vendor/jquery/jquery.min.js"
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Committee papers: never under MEDIA_ROOT, served only by a permission-checked view.
STEERING_PAPERS_ROOT = Path(
    os.environ.get("STEERING_PAPERS_ROOT", VAR_DIR / "private" / "steering-papers")
)
# Ticket attachments, resource attachments and imports: outside MEDIA_ROOT too, served only
# by views that ask strongcities.permissions (strongcities/uploads.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private" / "files"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Several web nodes: MEDIA_ROOT on a volume they all mount (docker-compose.yml), or an
# S3-compatible bucket through django-storages (`pip install "django-storages[s3]"`).
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            # empty: boto3 finds credentials itself (environment, instance role)
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": os.environ.get("S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": env_bool("S3_SIGNED_URLS", True),
        },
    }
WHITENOISE_USE_FINDERS = DEBUG

# --- Email ------------------------------------------------------------------
globals().update(
    email_settings(os.environ.get("EMAIL_URL", "console://" if DEBUG else "smtp://localhost:25"))
)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Strong Cities Network <no-reply@strongcities.example>"
)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Operations", addr) for addr in env_list("ADMINS", [])]

# --- Celery -----------------------------------------------------------------
# The cache holds anonymous public pages (strongcities/pagecache.py) and login rate
# limits. Several web nodes must share it: set CACHE_URL to a Redis database (not the
# broker's). Without it each process keeps its own (fine for one node).
CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": (
        {
            # Django's, keeping one Redis client per process (strongcities/cache.py)
            "BACKEND": "strongcities.cache.RedisCache",
            "LOCATION": CACHE_URL,
            # portals (or benchmark databases) sharing one Redis database keep apart
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
        }
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# Resource search: a word in more than 2 % of the published resources, and in at least
# this many, no longer makes a resource match on its own (resources/search.py).
RESOURCE_SEARCH_COMMON_MIN_DOCUMENTS = int(
    os.environ.get("RESOURCE_SEARCH_COMMON_MIN_DOCUMENTS", "2000")
)

# Without REDIS_URL (the quick start) tasks run eagerly in the web process.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Schedules kept in code (django-celery-beat copies them into its table at start; the
# others are created by migrations and edited in the admin).
CELERY_BEAT_SCHEDULE = {
    "refresh-engagement-snapshot": {
        "task": "members.tasks.refresh_engagement_snapshot",
        "schedule": 5 * 60,
    },
    "refresh-annual-reports": {
        "task": "steering.tasks.refresh_annual_reports",
        "schedule": 10 * 60,
    },
}
CELERY_TIMEZONE = TIME_ZONE
# Deployments (or test clusters) sharing one Redis keep their tasks apart by queue name.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "strongcities")

# --- API --------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Strong Cities Network portal API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Fields of the same name with different choices get explicit, stable enum names.
    "ENUM_NAME_OVERRIDES": {
        "ResourceKindEnum": "resources.models.Resource.Kind",
        "TicketStatusEnum": "hubs.models.helpdesk.Ticket.Status",
        "ResourceLanguageEnum": "resources.models.LANGUAGE_CHOICES",
        "LanguageEnum": "strongcities.settings.LANGUAGES",
    },
}

# --- Audit trail and personal data -------------------------------------------
# django-auditlog writes into the portal's own entry model (audit/models.py).
AUDITLOG_LOGENTRY_MODEL = "audit.AuditEntry"
# auditlog's migrations would create its own entry table, unused once swapped (and one that
# holds foreign keys nothing flushes); without them, no table is made for a swapped model.
MIGRATION_MODULES = {"auditlog": None}
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_CID_GETTER = "audit.context.current_request_id"
AUDITLOG_DISABLE_ON_RAW_SAVE = True  # fixtures and loaddata are not people's actions
AUDIT_RETENTION_DAYS = int(os.environ.get("AUDIT_RETENTION_DAYS", str(3 * 365)))
# Closed helpdesk requests keep their status and dates; their free text goes after this.
HELPDESK_TEXT_RETENTION_DAYS = int(os.environ.get("HELPDESK_TEXT_RETENTION_DAYS", str(2 * 365)))
# Invitations never accepted are deleted this long after they expired.
INVITATION_RETENTION_DAYS = int(os.environ.get("INVITATION_RETENTION_DAYS", "90"))
PRIVACY_CONTACT_EMAIL = os.environ.get("PRIVACY_CONTACT_EMAIL", "privacy@strongcities.example")

# --- Security ---------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if S3_BUCKET:  # uploaded images (logos, covers) are loaded from the bucket
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(
        f"https://{os.environ['S3_CUSTOM_DOMAIN']}"
        if os.environ.get("S3_CUSTOM_DOMAIN")
        else os.environ.get("S3_ENDPOINT_URL") or f"https://{S3_BUCKET}.s3.amazonaws.com"
    )
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    if env_bool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# --- Logs, errors, abuse -------------------------------------------------------
# JSON lines in production (one object per line, with the request id), readable text
# with DEBUG; LOG_FORMAT=json|text overrides. Celery workers use the same configuration.
observability.install_log_record_factory()
LOGGING = observability.logging_config(
    json_logs=os.environ.get("LOG_FORMAT", "text" if DEBUG else "json") == "json",
    level=os.environ.get("LOG_LEVEL", "INFO"),
)
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
observability.init_sentry(
    SENTRY_DSN,
    environment=os.environ.get("SENTRY_ENVIRONMENT", ""),
    traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    release=os.environ.get("SENTRY_RELEASE", ""),
)
# Per person (or per address when signed out), counted in the shared cache
# (strongcities/ratelimit.py); sign-in and password reset: ACCOUNT_RATE_LIMITS above.
RATE_LIMITS = {
    "invitation_accept": "10/h",
    "helpdesk_ticket": "10/h",
    "resource_submission": "10/h",
    "survey_answer": "60/h",
}
# /.well-known/security.txt (RFC 9116): where to report a vulnerability.
SECURITY_CONTACT = env_list(
    "SECURITY_CONTACT",
    [f"mailto:{address}" for _name, address in ADMINS[:1]]
    or [f"mailto:security@{SITE_URL.split('://', 1)[-1].split('/', 1)[0].split(':')[0]}"],
)
# make backup: where dated archives are written (strongcities/backup.py).
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))

# Kosovo has no ISO 3166-1 code yet; XK is the code the UN and the EU use.
COUNTRIES_OVERRIDE = {"XK": _("Kosovo")}
