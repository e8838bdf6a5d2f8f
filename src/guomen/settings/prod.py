from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env

SECRET_KEY = env("GUOMEN_SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("GUOMEN_SECRET_KEY must be set in production.")
# The audit checkpoint key lives outside the database and outside var/ (a mounted secret); never generated here.
if not env("GUOMEN_AUDIT_KEY_FILE") or not env("GUOMEN_AUDIT_CHECKPOINT_FILE"):
    raise ImproperlyConfigured(
        "GUOMEN_AUDIT_KEY_FILE and GUOMEN_AUDIT_CHECKPOINT_FILE must be set in production."
    )
GUOMEN_AUDIT_KEY_GENERATE = False
DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
