from django.utils.translation import gettext_lazy as _

from .env import BASE_DIR, PROJECT_DIR, database_config, env, env_bool

SECRET_KEY = env("GUOMEN_SECRET_KEY", "guomen-local-development-key-not-for-production")
DEBUG = env_bool("GUOMEN_DEBUG", True)
ALLOWED_HOSTS = (env("GUOMEN_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver") or "").split(",")
VAR_DIR = PROJECT_DIR / "var"

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
    "guomen.supervision",
    "guomen.campaigns",
    "guomen.certification",
    "guomen.recalls",
    "guomen.enforcement",
    "guomen.emergency",
    "guomen.complaints",
    "guomen.documents",
    "guomen.reports",
    "guomen.portal",
    "guomen.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "guomen.core.middleware.ApplicationErrorMiddleware",
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
            ],
        },
    },
]

DATABASES = {"default": database_config(VAR_DIR / "guomen.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
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
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The worker queues the periodic jobs (core.schedule); times move with GUOMEN_SCHEDULE = {"job": "HH:MM"}.
GUOMEN_SCHEDULE_DISABLED = env_bool("GUOMEN_SCHEDULE_DISABLED", False)
GUOMEN_SCHEDULE: dict[str, str] = {}

SHARED_DATA_DIR = PROJECT_DIR.parent / "shared" / "data"
HS_DATA_DIR = PROJECT_DIR / "data" / "hs"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("GUOMEN_LOG_LEVEL", "WARNING")},
}
