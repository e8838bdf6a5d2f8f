"""Run one callable per thread at the same moment, each on its own database connections (PostgreSQL tests)."""

import threading
from collections.abc import Callable

from django.db import connection

from .numbering import close_own_connection


def run_at_once(calls: list[Callable[[], object]]) -> tuple[list[object], list[BaseException]]:
    """Start every call together behind a barrier; returns (results, errors)."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(call):
        try:
            barrier.wait()
            value = call()
            with lock:
                results.append(value)
        except BaseException as exc:
            with lock:
                errors.append(exc)
        finally:
            close_own_connection()
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors
