"""On PostgreSQL, declarations submitted at the same moment are all accepted with distinct numbers."""

import pytest
from django.db import connection

from guomen.clearance.services import clearance_submit
from guomen.core.testing_threads import run_at_once
from guomen.declarations.models import Declaration
from guomen.declarations.tests.factories import submission

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"),
]


@pytest.mark.parametrize("own_connection", [True, False], ids=["own-connection", "in-transaction"])
def test_eight_declarations_submitted_at_once_are_all_numbered(world, settings, own_connection):
    settings.GUOMEN_NUMBERING_OWN_CONNECTION = own_connection
    calls = [
        lambda i=i: (
            clearance_submit(
                actor=world["enterprise_user"], **submission(world, transport_id=f"粤Z{i:04d}港")
            ).number
        )
        for i in range(8)
    ]

    numbers, errors = run_at_once(calls)

    assert errors == []
    assert len(set(numbers)) == 8
    assert Declaration.objects.count() == 8
