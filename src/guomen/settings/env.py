"""The one place that reads the environment."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def installation_secret_key(path: Path) -> str:
    """This installation's own secret key: read from `path`, written there (owner-only) on first start."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    import secrets

    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process wrote it first
        return path.read_text().strip()
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


SQLITE_ENGINE = "guomen.core.sqlite"  # Django's SQLite backend with fairly queued writers
POSTGRESQL_ENGINE = (
    "guomen.core.postgresql"  # Django's PostgreSQL backend, health-checking idle connections only
)


def database_config(default_sqlite_path: Path) -> dict:
    """SQLite under var/ unless GUOMEN_DATABASE_URL names another database."""
    url = env("GUOMEN_DATABASE_URL")
    if url:
        import dj_database_url

        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"].endswith("sqlite3"):
            config["ENGINE"] = SQLITE_ENGINE
            config["OPTIONS"] = sqlite_options()
        elif config["ENGINE"] == "django.db.backends.postgresql":
            config["ENGINE"] = POSTGRESQL_ENGINE  # health check only after the connection was idle
        return config
    default_sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": SQLITE_ENGINE,
        "NAME": str(default_sqlite_path),
        "OPTIONS": sqlite_options(),
    }


def sqlite_options() -> dict:
    return {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; "
            "PRAGMA foreign_keys=ON; PRAGMA cache_size=-64000;"
        ),
    }


def replica_config() -> dict | None:
    """The read replica for reports and exports (core.replica), when GUOMEN_REPLICA_URL names one."""
    url = env("GUOMEN_REPLICA_URL")
    if not url:
        return None
    import dj_database_url

    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    config["TEST"] = {"MIRROR": "default"}
    return config
