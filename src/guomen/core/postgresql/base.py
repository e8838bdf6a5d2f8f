"""Django's PostgreSQL backend, with the connection health check only after the connection was idle.

With persistent connections (`CONN_MAX_AGE`) and `CONN_HEALTH_CHECKS`, Django sends `SELECT 1` before the first
query of every request, to find a connection the server dropped meanwhile: one more round trip for each intake
(about one in twenty of its waits on the database). A connection that ran a query less than `IDLE_S` seconds ago
is taken as alive without it; one idle longer (a quiet night, a restarted server) is checked as before. A server
restarted within those seconds of a request fails that request's first query once, and Django closes the
connection at the end of the request, as it does for any connection error.
"""

import time

from django.db.backends.postgresql import base

IDLE_S = 5.0


class DatabaseWrapper(base.DatabaseWrapper):
    _last_query = 0.0

    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and getattr(self, "health_check_enabled", False)
            and not getattr(self, "health_check_done", False)
            and time.monotonic() - self._last_query < IDLE_S
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def _cursor(self, name=None):
        cursor = super()._cursor(name)
        self._last_query = time.monotonic()
        return cursor
