"""Django's SQLite backend, with write transactions queued on a lock file next to the database.

Every transaction Guomen opens on SQLite is `BEGIN IMMEDIATE` (it takes the write lock at once). When
several processes or threads write together, SQLite makes the losers wait in its busy handler, which sleeps
in steps of up to 100 ms and wakes in no order: under four concurrent intake clients a few requests waited
two seconds while the median was 17 ms. Taking an advisory lock on `<database>-writelock` before `BEGIN`
(and dropping it at commit, rollback or close) lets each waiting writer in within a millisecond of the
previous one finishing. The lock is per connection, so threads of one process queue like processes do.
In-memory databases (the test suite's default) have a single writer and are left as they are.
"""

import fcntl
import os
import time

from django.db.backends.sqlite3 import base

POLL_FIRST_S = 0.0005
POLL_MAX_S = 0.002


class DatabaseWrapper(base.DatabaseWrapper):
    _lock_fd: int | None = None
    _lock_held = False

    def _lock_path(self) -> str | None:
        name = str(self.settings_dict["NAME"] or "")
        if not name or self.is_in_memory_db() or name.startswith("file:"):
            return None
        return f"{name}-writelock"

    def _write_lock_acquire(self) -> None:
        path = self._lock_path()
        if path is None or self._lock_held:
            return
        if self._lock_fd is None:
            self._lock_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + float(self.settings_dict.get("OPTIONS", {}).get("timeout", 30))
        pause = POLL_FIRST_S
        while True:
            try:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    return  # leave the wait to SQLite's own busy timeout
                time.sleep(pause)
                pause = min(POLL_MAX_S, pause * 2)
                continue
            self._lock_held = True
            return

    def _write_lock_release(self) -> None:
        if self._lock_held and self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
        self._lock_held = False

    def _start_transaction_under_autocommit(self):
        self._write_lock_acquire()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._write_lock_release()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._write_lock_release()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._write_lock_release()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._write_lock_release()
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None
