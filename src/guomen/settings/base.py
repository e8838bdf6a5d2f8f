from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import (
    BASE_DIR,
    PROJECT_DIR,
    database_config,
    env,
    env_bool,
    installation_secret_key,
    replica_config,
)

VAR_DIR = PROJECT_DIR / "var"
# No shared default key: GUOMEN_SECRET_KEY, or one generated for this installation under var/ on first start.
SECRET_KEY = env("GUOMEN_SECRET_KEY") or installation_secret_key(VAR_DIR / "secret_key")
# Django's debug pages (settings, source, every URL pattern) only when asked for explicitly.
DEBUG = env_bool("GUOMEN_DEBUG", False)
ALLOWED_HOSTS = (env("GUOMEN_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver") or "").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "guomen.core",
    "guomen.accounts",
    "guomen.catalog",
    "guomen.registry",
    "guomen.declarations",
    "guomen.targeting",
    "guomen.inspections",
    "guomen.labs",
    "guomen.risk",
    "guomen.clearance",
    "guomen.certificates",
    "guomen.supervision",
    "guomen.campaigns",
    "guomen.certification",
    "guomen.exports",
    "guomen.recalls",
    "guomen.enforcement",
    "guomen.emergency",
    "guomen.portlines",
    "guomen.complaints",
    "guomen.documents",
    "guomen.reports",
    "guomen.portal",
    "guomen.tracebacks",
    "guomen.notifications",
    "guomen.workspace",
    "guomen.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "guomen.core.limits.RequestLimitsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "guomen.core.middleware.ApplicationErrorMiddleware",
    "guomen.core.security.SecurityHeadersMiddleware",
]

ROOT_URLCONF = "guomen.urls"
WSGI_APPLICATION = "guomen.wsgi.application"

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
                "guomen.core.context_processors.navigation",
                "guomen.notifications.context_processors.notifications",
            ],
        },
    },
]

DATABASES = {"default": database_config(VAR_DIR / "guomen.sqlite3")}
if replica_config():  # reports and exports read here (core.replica); writes never do
    DATABASES["replica"] = replica_config()
DATABASE_ROUTERS = ["guomen.core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sign-in goes through the throttle (accounts.signin): 5 failures per account, 20 per address, per 15 minutes.
AUTHENTICATION_BACKENDS = [
    "guomen.accounts.signin.ThrottledModelBackend",
    "guomen.accounts.admin_access.AdministratorAdminBackend",  # /admin/: edit master data, read the rest
]
GUOMEN_SIGNIN_LIMITS = {"account": (5, 900), "address": (20, 900)}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["guomen.formats"]  # ISO dates first, for <input type="date">
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024  # any body that is not multipart: past it, 413
DATA_UPLOAD_MAX_NUMBER_FILES = 20
GUOMEN_MAX_REQUEST_BYTES = 64 * 1024 * 1024  # a whole multipart request, checked from Content-Length
GUOMEN_MAX_UPLOAD_FILE_BYTES = 50 * 1024 * 1024  # one uploaded file, counted while it streams in
GUOMEN_MAX_IMAGE_PIXELS = 80_000_000  # Pillow refuses to decode larger images anywhere (decompression bombs)

# Security headers (see core.security for the Content-Security-Policy): no framing, no referrer off-site.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# GUOMEN_HTTPS=1 when the site is reached over TLS (directly or through a terminating proxy): secure cookies, HSTS.
GUOMEN_HTTPS = env_bool("GUOMEN_HTTPS", False)
# Scheme and host the QR codes on issued certificates point to (the public check page); empty: the path only.
GUOMEN_PUBLIC_URL = env("GUOMEN_PUBLIC_URL") or ""
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = GUOMEN_HTTPS
SECURE_HSTS_SECONDS = 31536000 if GUOMEN_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = GUOMEN_HTTPS
if env_bool("GUOMEN_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The worker queues the periodic jobs (core.schedule); times move with GUOMEN_SCHEDULE = {"job": "HH:MM"}.
GUOMEN_SCHEDULE_DISABLED = env_bool("GUOMEN_SCHEDULE_DISABLED", False)
GUOMEN_SCHEDULE: dict[str, str] = {}

# The audit log's anchor outside the database (core.checkpoints): the checkpoint signing key and the append-only
# file of signed checkpoints. Development generates the key under var/audit/; production requires a path (prod.py).
GUOMEN_AUDIT_KEY_FILE = env("GUOMEN_AUDIT_KEY_FILE") or str(VAR_DIR / "audit" / "checkpoint.key")
# One checkpoint file per database by default, so switching GUOMEN_DATABASE_URL does not mix two logs.
_AUDIT_LOG_NAME = "".join(c if c.isalnum() else "-" for c in Path(str(DATABASES["default"]["NAME"])).stem)
GUOMEN_AUDIT_CHECKPOINT_FILE = env("GUOMEN_AUDIT_CHECKPOINT_FILE") or str(
    VAR_DIR / "audit" / f"checkpoints-{_AUDIT_LOG_NAME}.jsonl"
)
GUOMEN_AUDIT_KEY_GENERATE = True
GUOMEN_AUDIT_SEAL_EVERY_MINUTES = 1
# PostgreSQL: sealed audit events are kept in range partitions of this many positions (core.partitions).
GUOMEN_AUDIT_PARTITION_SIZE = 50_000_000
# Declaration and sample numbers (core.numbering): on PostgreSQL the counter is advanced on a connection of its
# own, outside the submitting transaction, so concurrent submissions never wait on each other for a number.
GUOMEN_NUMBERING_OWN_CONNECTION = True

# E-mail of notifications (guomen.notifications): written to files under var/mail by default; production sets
# GUOMEN_EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and the SMTP settings below (README).
EMAIL_BACKEND = env("GUOMEN_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = env("GUOMEN_EMAIL_FILE_PATH") or str(VAR_DIR / "mail")
EMAIL_HOST = env("GUOMEN_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("GUOMEN_EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = env("GUOMEN_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("GUOMEN_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("GUOMEN_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("GUOMEN_EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env("GUOMEN_EMAIL_FROM", "国门 <noreply@guomen.local>")
# Links in e-mails are made absolute with this address.
GUOMEN_SITE_URL = env("GUOMEN_SITE_URL", "http://127.0.0.1:8000")

SHARED_DATA_DIR = PROJECT_DIR.parent / "shared" / "data"
HS_DATA_DIR = PROJECT_DIR / "data" / "hs"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("GUOMEN_LOG_LEVEL", "WARNING")},
}
