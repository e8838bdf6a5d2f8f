import hashlib

import pytest
from django.db import transaction

from guomen.declarations.models import Declaration
from guomen.demo.services import seed_demo

SMALL = 3000  # past declarations in the shared test bureau: enough for rates, quick to write


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """One demo bureau per test module, rolled back afterwards (each test runs in a savepoint inside it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        result = seed_demo(size="small", seed=7, declarations=SMALL)
        yield result
        transaction.set_rollback(True)


def bureau_digest() -> str:
    """A fingerprint of the seeded data that ignores database ids and the random API key."""
    digest = hashlib.sha256()
    rows = Declaration.objects.order_by("number").values_list(
        "number",
        "status",
        "channel",
        "outcome",
        "total_value",
        "total_weight_kg",
        "origin_country_id",
        "declarant__uscc",
        "arrival_date",
    )
    for row in rows.iterator(chunk_size=2000):
        digest.update(repr(row).encode())
    return digest.hexdigest()
