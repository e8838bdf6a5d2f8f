import os

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR
from .env import SQLITE_ENGINE

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"
# GUOMEN_TEST_DB_NAME lets several test runs share a machine without sharing a database.
_test_name = os.environ.get("GUOMEN_TEST_DB_NAME")
if DATABASES["default"]["ENGINE"] == SQLITE_ENGINE:
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"{_test_name or 'test'}.sqlite3")}
elif _test_name:
    DATABASES["default"]["TEST"] = {"NAME": _test_name}
SECRET_KEY = "guomen-test-suite-key"
