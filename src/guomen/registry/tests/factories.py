import factory

from guomen.accounts.tests.factories import OrgUnitFactory
from guomen.catalog.tests.factories import CountryFactory
from guomen.core.testing import make_uscc
from guomen.registry.choices import BaseKind, EnterpriseKind
from guomen.registry.models import Enterprise, ProductionBase


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    uscc = factory.Sequence(lambda n: make_uscc(n + 1))
    name_zh = factory.Sequence(lambda n: f"深圳市果品进出口有限公司{n}")
    name_en = factory.Sequence(lambda n: f"Shenzhen Fruit Trading Co. {n}")
    kind = EnterpriseKind.IMPORTER
    org = factory.SubFactory(OrgUnitFactory, code="SZ")


class ProductionBaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductionBase

    code = factory.Sequence(lambda n: f"GAP-TH-{n:05d}")
    kind = BaseKind.ORCHARD
    name = factory.Sequence(lambda n: f"Chanthaburi Durian Orchard {n}")
    country = factory.SubFactory(CountryFactory)
    region = "Chanthaburi"
