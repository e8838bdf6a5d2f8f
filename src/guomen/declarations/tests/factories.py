import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from guomen.accounts.tests.factories import OrgUnitFactory
from guomen.catalog.tests.factories import CountryFactory, HsCodeFactory
from guomen.declarations.models import Declaration, DeclarationLine
from guomen.registry.tests.factories import EnterpriseFactory


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaration

    number = factory.Sequence(lambda n: f"WJD20261121{n:06d}")
    direction = "import"
    port = factory.SubFactory(OrgUnitFactory, code="WJD")
    declarant = factory.SubFactory(EnterpriseFactory)
    consignor_name = "Chanthaburi Fruit Export Co., Ltd."
    origin_country = factory.SubFactory(CountryFactory)
    transport = "truck"
    arrival_date = factory.LazyFunction(lambda: timezone.localdate())
    submitted_at = factory.LazyFunction(timezone.now)
    verification_code = "A1B2C3"


class DeclarationLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeclarationLine

    declaration = factory.SubFactory(DeclarationFactory)
    line_no = factory.Sequence(lambda n: n + 1)
    hs = factory.SubFactory(HsCodeFactory)
    description = "鲜榴莲"
    quantity = Decimal("1200")
    unit = "carton"
    net_weight_kg = Decimal("18000")
    value = Decimal("54000")
    currency = "USD"


def tomorrow():
    return timezone.localdate() + dt.timedelta(days=1)


def submission(world, **overrides) -> dict:
    """Keyword arguments for a valid clearance_submit call in the `world` fixture."""
    data = {
        "direction": "import",
        "port_code": "WJD",
        "declarant_uscc": world["enterprise"].uscc,
        "consignor_name": "Chanthaburi Fruit Export Co., Ltd.",
        "origin_country": "TH",
        "transport": "truck",
        "arrival_date": tomorrow(),
        "lines": [line_data(world)],
        "documents": [{"type": "phytosanitary_certificate", "number": "TH-2026-000123"}],
    }
    data.update(overrides)
    return data


def line_data(world, **overrides) -> dict:
    data = {
        "hs_code": "081060",
        "description": "鲜榴莲",
        "quantity": "1200",
        "unit": "carton",
        "net_weight_kg": "18000",
        "value": "54000",
        "currency": "USD",
        "production_base_codes": [world["base"].code],
    }
    data.update(overrides)
    return data
