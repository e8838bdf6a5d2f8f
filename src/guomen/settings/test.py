import os

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR
from .env import SQLITE_ENGINE

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"
# Tests that seal the audit log point these at their own temporary directory (core.testing.audit_anchor).
GUOMEN_AUDIT_KEY_FILE = str(VAR_DIR / "test-audit" / f"{os.getpid()}.key")
GUOMEN_AUDIT_CHECKPOINT_FILE = str(VAR_DIR / "test-audit" / f"{os.getpid()}.jsonl")
# GUOMEN_TEST_DB_NAME lets several test runs share a machine without sharing a database.
_test_name = os.environ.get("GUOMEN_TEST_DB_NAME")
if DATABASES["default"]["ENGINE"] == SQLITE_ENGINE:
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"{_test_name or 'test'}.sqlite3")}
elif _test_name:
    DATABASES["default"]["TEST"] = {"NAME": _test_name}
# Numbers come from the caller's connection in tests, so counters roll back with each test like everything else
# (production on PostgreSQL uses a connection of its own: core.numbering; its concurrency test turns this on).
GUOMEN_NUMBERING_OWN_CONNECTION = False
SECRET_KEY = "guomen-test-suite-key"
