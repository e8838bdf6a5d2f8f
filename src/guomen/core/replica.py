"""Reports and exports read from a replica when `GUOMEN_REPLICA_URL` is set; everything else uses the primary.

`DATABASE_ROUTERS` holds `ReplicaRouter`: reads go to the "replica" alias only inside `replica_reads()` (the
`reads_from_replica` view decorator), writes and migrations never go there. A replica that cannot be reached —
at connection time or in the middle of the page — is logged as a warning and the page is read from the primary:
never a server error. Only read-only views (GET) are decorated.
"""

import functools
import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections

REPLICA = "replica"
logger = logging.getLogger("guomen.replica")
_reading: ContextVar[bool] = ContextVar("guomen_replica_reads", default=False)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _reading.get() else None

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA


def replica_configured() -> bool:
    return REPLICA in connections.settings


@contextmanager
def replica_reads():
    """Route reads to the replica for the block when one is configured and answers; yields whether it does."""
    if not replica_configured():
        yield False
        return
    try:
        connections[REPLICA].ensure_connection()
    except (OperationalError, InterfaceError) as exc:
        logger.warning("replica database unavailable, reading from the primary: %s", exc)
        connections[REPLICA].close()
        yield False
        return
    token = _reading.set(True)
    try:
        yield True
    finally:
        _reading.reset(token)


def reads_from_replica(view):
    """Run a read-only view against the replica; if the replica fails during the view, run it on the primary."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        with replica_reads() as on_replica:
            if not on_replica:
                return view(request, *args, **kwargs)
            try:
                return view(request, *args, **kwargs)
            except (OperationalError, InterfaceError) as exc:
                logger.warning(
                    "replica database failed during %s, reading from the primary: %s", request.path, exc
                )
                connections[REPLICA].close()
        return view(request, *args, **kwargs)

    return wrapped
