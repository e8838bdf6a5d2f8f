from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env

SECRET_KEY = env("GUOMEN_SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("GUOMEN_SECRET_KEY must be set in production.")
DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
