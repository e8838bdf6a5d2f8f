"""The clearance flow issues the certificates when it releases an export (here: the green channel at intake)."""

import pytest

from guomen.catalog.tests.factories import CountryFactory
from guomen.clearance.services import clearance_submit
from guomen.declarations.tests.conftest import world  # noqa: F401  (the intake world)
from guomen.declarations.tests.factories import line_data, submission

pytestmark = pytest.mark.django_db


def test_an_export_released_at_intake_gets_its_certificate(world):  # noqa: F811
    CountryFactory(code="CN")
    CountryFactory(code="HK")
    data = submission(
        world,
        direction="export",
        origin_country="CN",
        destination_country="HK",
        documents=[],
        lines=[line_data(world, hs_code="848180", description="阀门", production_base_codes=[])],
    )
    declaration = clearance_submit(actor=world["enterprise_user"], **data)
    assert declaration.status == "released"
    (cert,) = declaration.export_certificates.all()  # valves: the exit goods certificate, without ePhyto
    assert cert.kind == "exit" and not cert.has_ephyto and cert.issued_by is None and cert.pdf


def test_an_import_released_at_intake_gets_none(world):  # noqa: F811
    declaration = clearance_submit(actor=world["enterprise_user"], **submission(world))
    assert not declaration.export_certificates.exists()
