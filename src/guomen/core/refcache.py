"""Reference rows (ports, countries, HS codes…) kept in memory by the process that read them.

`ReferenceCache(name, models, ttl)` keeps what a loader found under a key. Only rows that were found are kept (an
unknown code is looked up again each time, so a row added anywhere is seen at once). A save or delete of one of
the models in this process clears the cache at once (explicit invalidation); another process's change is seen
here within `ttl` seconds. Use it for tables that change by administration, not by the daily work.
"""

import threading
import time

from django.db.models.signals import post_delete, post_save

_ALL: list["ReferenceCache"] = []


class ReferenceCache:
    def __init__(self, name: str, models: tuple, *, ttl: float = 60.0):
        self.name, self.ttl = name, ttl
        self._rows: dict = {}
        self._lock = threading.Lock()
        for model in models:
            post_save.connect(
                self._changed, sender=model, weak=False, dispatch_uid=f"refcache:{name}:{model}"
            )
            post_delete.connect(
                self._changed, sender=model, weak=False, dispatch_uid=f"refcache:{name}:d:{model}"
            )
        _ALL.append(self)

    def _changed(self, **_kwargs) -> None:
        self.clear()

    def clear(self) -> None:
        with self._lock:
            self._rows = {}

    def get(self, key, loader):
        """The row under `key`, from memory when read less than `ttl` seconds ago, else from `loader()`."""
        now = time.monotonic()
        found = self._rows.get(key)
        if found is not None and now - found[0] < self.ttl:
            return found[1]
        row = loader()
        if row is not None:
            with self._lock:
                self._rows[key] = (now, row)
        return row


def reference_caches_clear() -> None:
    """Empty every reference cache (tests, after the database was rolled back under it)."""
    for cache in _ALL:
        cache.clear()
