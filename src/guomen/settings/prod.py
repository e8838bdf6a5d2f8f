"""Production settings: what `guomen serve` runs. DEBUG is off whatever the environment says."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = False
# Cookies are sent over TLS only unless GUOMEN_HTTPS=0 says the site is reached over plain HTTP (a trial on 127.0.0.1).
GUOMEN_HTTPS = env_bool("GUOMEN_HTTPS", True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = GUOMEN_HTTPS
SECURE_HSTS_SECONDS = 31536000 if GUOMEN_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = GUOMEN_HTTPS
# Static files keep their names (the vendored bundles name source maps that are not shipped, which the
# hashing storage refuses); granian serves them from STATIC_ROOT.
