"""Hand-counted fixtures for the report figures (see `world` in conftest.py for the counts)."""

import datetime as dt

from guomen.catalog.tests.factories import CommodityGroupFactory, CountryFactory, HazardFactory, HsCodeFactory
from guomen.declarations.tests.factories import DeclarationFactory, DeclarationLineFactory
from guomen.inspections.models import Finding, InspectionTask
from guomen.targeting.models import TargetingDecision


def consignment(
    port,
    day: dt.date,
    *,
    direction="import",
    origin="TH",
    hs="081060",
    declarant=None,
    status="released",
    decided_by="rules",
):
    """A declaration at `port` arriving (or leaving) on `day`, with one line of `hs` and its targeting decision."""
    extra = {"declarant": declarant} if declarant is not None else {}
    declaration = DeclarationFactory(
        port=port,
        arrival_date=day,
        direction=direction,
        status=status,
        origin_country=CountryFactory(code=origin),
        **extra,
    )
    DeclarationLineFactory(declaration=declaration, line_no=1, hs=HsCodeFactory(code=hs))
    TargetingDecision.objects.create(
        declaration=declaration,
        channel="physical",
        decided_by=decided_by,
        decided_at=dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC),
    )
    return declaration


def inspection(
    port,
    day: dt.date,
    outcome: str = "conforming",
    *,
    hazard=None,
    status="closed",
    channel="physical",
    disposition=None,
    **kwargs,
) -> InspectionTask:
    """An inspection task with its result (outcome "" = not yet inspected) and, if given, a finding."""
    declaration = consignment(port, day, **kwargs)
    if disposition is None:
        disposition = "" if not outcome else ("release" if outcome == "conforming" else "return")
    task = InspectionTask.objects.create(
        declaration=declaration,
        port=port,
        channel=channel,
        due_date=day,
        status=status,
        outcome=outcome,
        disposition=disposition,
    )
    if hazard is not None:
        Finding.objects.create(task=task, hazard=hazard, description=hazard.name_zh, count=3)
    return task


def fruit_and_meat():
    fruit = CommodityGroupFactory(code="fresh_fruit", name_zh="新鲜水果", name_en="Fresh fruit")
    meat = CommodityGroupFactory(code="meat", name_zh="肉类", name_en="Meat", hs_prefixes=["02"])
    HsCodeFactory(code="081060", group=fruit)
    HsCodeFactory(code="020130", group=meat, name_zh="鲜冷去骨牛肉", name_en="Beef, boneless")
    return fruit, meat


def pest(code="BACTDO", name="橘小实蝇"):
    return HazardFactory(code=code, name_zh=name, name_en="Oriental fruit fly")
