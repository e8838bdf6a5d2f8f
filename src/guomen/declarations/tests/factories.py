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
