"""Production settings: what `guomen serve` runs. DEBUG is off whatever the environment says."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env, env_bool

# The audit checkpoint key lives outside the database and outside var/ (a mounted secret); never generated here.
if not env("GUOMEN_AUDIT_KEY_FILE") or not env("GUOMEN_AUDIT_CHECKPOINT_FILE"):
    raise ImproperlyConfigured(
        "GUOMEN_AUDIT_KEY_FILE and GUOMEN_AUDIT_CHECKPOINT_FILE must be set in production."
    )
GUOMEN_AUDIT_KEY_GENERATE = False
DEBUG = False
# Cookies are sent over TLS only unless GUOMEN_HTTPS=0 says the site is reached over plain HTTP (a trial on 127.0.0.1).
GUOMEN_HTTPS = env_bool("GUOMEN_HTTPS", True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = GUOMEN_HTTPS
SECURE_HSTS_SECONDS = 31536000 if GUOMEN_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = GUOMEN_HTTPS
# Static files keep their names (the vendored bundles name source maps that are not shipped, which the
# hashing storage refuses); granian serves them from STATIC_ROOT.
