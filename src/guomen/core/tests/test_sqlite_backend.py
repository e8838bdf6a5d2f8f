"""Guomen's SQLite backend queues writers on a lock file: held for a transaction, dropped at its end."""

import fcntl
import os
from contextlib import contextmanager

import pytest

from guomen.core.sqlite.base import DatabaseWrapper
from guomen.settings.env import sqlite_options


@pytest.fixture
def wrapper(tmp_path):
    settings = {
        "ENGINE": "guomen.core.sqlite",
        "NAME": str(tmp_path / "w.sqlite3"),
        "OPTIONS": sqlite_options(),
        "TIME_ZONE": None,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }
    connection = DatabaseWrapper(settings, alias="lockcheck")
    yield connection
    connection.close()


@contextmanager
def _atomic(connection):
    """What transaction.atomic does on SQLite: BEGIN under autocommit, then COMMIT or ROLLBACK."""
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    try:
        yield
    except BaseException:
        connection.rollback()
        raise
    else:
        connection.commit()
    finally:
        connection.set_autocommit(True)


def _taken_by_someone(path: str) -> bool:
    fd = os.open(path, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


@pytest.mark.django_db  # lets a connection open (this one is to its own file, not the test database)
def test_a_write_transaction_holds_the_lock_until_it_commits(wrapper):
    path = wrapper.settings_dict["NAME"] + "-writelock"
    with _atomic(wrapper):
        wrapper.cursor().execute("CREATE TABLE t (x integer)")
        assert _taken_by_someone(path)
    assert not _taken_by_someone(path)


@pytest.mark.django_db
def test_a_rolled_back_transaction_drops_the_lock(wrapper):
    path = wrapper.settings_dict["NAME"] + "-writelock"
    with pytest.raises(RuntimeError), _atomic(wrapper):
        wrapper.cursor().execute("CREATE TABLE t (x integer)")
        raise RuntimeError("abandon")
    assert not _taken_by_someone(path)


def test_an_in_memory_database_takes_no_lock(tmp_path):
    settings = {"NAME": ":memory:", "OPTIONS": {}}
    assert DatabaseWrapper(settings, alias="memcheck")._lock_path() is None
