from decimal import Decimal

import factory

from guomen.catalog.choices import HazardKind
from guomen.catalog.models import ResidueLimit
from guomen.catalog.tests.factories import HazardFactory, HsCodeFactory
from guomen.labs.choices import TestKind
from guomen.labs.models import Laboratory


class LaboratoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Laboratory
        django_get_or_create = ("code",)

    code = "SZLAB"
    name = "深圳海关食品检验检疫技术中心"
    tests = factory.LazyFunction(lambda: list(TestKind.values))


def chlorpyrifos(limit="0.05", unit="mg/kg", hs_code="081060"):
    """Chlorpyrifos with a limit for durians (HS 081060) — the residue most tests use."""
    hazard = HazardFactory(
        code="CHLORPYRIFOS", kind=HazardKind.PESTICIDE_RESIDUE, name_zh="毒死蜱", name_en="Chlorpyrifos"
    )
    ResidueLimit.objects.get_or_create(
        hazard=hazard,
        hs=HsCodeFactory(code=hs_code),
        defaults={"value": Decimal(limit), "unit": unit, "standard": "GB 2763-2021"},
    )
    return hazard


def mealybug():
    return HazardFactory(code="PLANLI", kind=HazardKind.QUARANTINE_PEST, name_zh="南洋臀纹粉蚧")


def register(task, actor, lab, **overrides):
    from guomen.labs.services import sample_register

    data = {
        "task": task,
        "sample_type": "fruit_vegetable",
        "quantity": "2",
        "unit": "kg",
        "tests": [TestKind.PESTICIDE_RESIDUES],
        "laboratory": lab,
        "actor": actor,
    }
    data.update(overrides)
    return sample_register(**data)


def to_received(sample, inspector, analyst):
    from guomen.labs.services import sample_custody, sample_receive_by_code

    sample_custody(sample=sample, step="sealed", scanned_code=sample.number, actor=inspector)
    sample_custody(sample=sample, step="handed_over", scanned_code=sample.number, actor=inspector)
    return sample_receive_by_code(code=sample.number, actor=analyst)
