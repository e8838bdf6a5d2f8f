"""`atomic_step`: a service that is usually one step of a larger flow's transaction, without a savepoint.

Django's `@transaction.atomic` inside an open transaction costs a SAVEPOINT and a RELEASE around every call:
four steps of an intake add eight statements. A function decorated with `atomic_step` runs in its own
transaction when none is open, and otherwise as part of the caller's, with no savepoint. A refusal
(`ApplicationError`: invalid input, no permission, a stale version, a transition the table forbids) must be raised
before the step writes anything, so the caller may catch it and go on; any other error marks the caller's
transaction for rollback, as `atomic(savepoint=False)` does.
"""

import functools

from django.db import transaction

from .errors import ApplicationError


def atomic_step(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if not transaction.get_connection().in_atomic_block:
            with transaction.atomic():
                return func(*args, **kwargs)
        try:
            return func(*args, **kwargs)
        except ApplicationError:
            raise  # raised before anything was written: the caller's transaction is still good
        except BaseException:
            transaction.set_rollback(True)
            raise

    return wrapper
