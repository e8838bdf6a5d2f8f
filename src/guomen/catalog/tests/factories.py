import factory

from guomen.catalog.choices import HazardKind
from guomen.catalog.models import CommodityGroup, Country, Hazard, HsCode, ImportRequirement


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "TH"
    alpha3 = factory.LazyAttribute(
        lambda o: {"TH": "THA", "VN": "VNM", "CL": "CHL", "CN": "CHN"}.get(o.code, o.code + "X")
    )
    name_en = factory.LazyAttribute(
        lambda o: {"TH": "Thailand", "VN": "Viet Nam", "CL": "Chile", "CN": "China"}.get(o.code, o.code)
    )
    name_zh = factory.LazyAttribute(
        lambda o: {"TH": "泰国", "VN": "越南", "CL": "智利", "CN": "中国"}.get(o.code, o.code)
    )


class CommodityGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommodityGroup
        django_get_or_create = ("code",)

    code = "fresh_fruit"
    name_zh = "新鲜水果"
    name_en = "Fresh fruit"
    hs_prefixes = ["08"]


class HsCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HsCode
        django_get_or_create = ("code",)

    code = "081060"
    level = factory.LazyAttribute(lambda o: len(o.code))
    name_en = "Durians, fresh"
    name_zh = "鲜榴莲"
    group = factory.SubFactory(CommodityGroupFactory)


class HazardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hazard
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"PEST{n:03d}")
    kind = HazardKind.QUARANTINE_PEST
    name_zh = factory.Sequence(lambda n: f"有害生物{n}")
    name_en = factory.Sequence(lambda n: f"Pest {n}")
    scientific_name = factory.Sequence(lambda n: f"Pestus {n}")


class ImportRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ImportRequirement

    hs = factory.SubFactory(HsCodeFactory)
    origin = factory.SubFactory(CountryFactory)
    access_granted = True
    marking = "输往中华人民共和国"
    registered_base_required = True
