"""Helpers for targeting tests: declarations through intake, results, a small synthetic history."""

import datetime as dt
import itertools
import random
from decimal import Decimal

from django.utils import timezone

from guomen.clearance.services import clearance_submit
from guomen.declarations.models import Declaration, DeclarationLine
from guomen.declarations.tests.factories import submission
from guomen.inspections.models import InspectionTask
from guomen.registry.tests.factories import ProductionBaseFactory
from guomen.targeting.services import outcome_recorded


def submit(world, **overrides):
    return clearance_submit(actor=world["enterprise_user"], **submission(world, **overrides))


def result(declaration, outcome: str) -> None:
    """The inspection of `declaration` found it conforming / non_conforming and the result is confirmed."""
    Declaration.objects.filter(pk=declaration.pk).update(outcome=outcome)
    outcome_recorded(declaration=declaration)


NUMBERS = itertools.count(1)


def past_declaration(world, *, at: dt.datetime, outcome: str = "", confirmed_at=None, base=None, origin=None):
    """A declaration submitted at `at` (not through intake), with its result confirmed at `confirmed_at`."""
    declaration = Declaration.objects.create(
        number=f"HIS{next(NUMBERS):09d}",
        direction="import",
        port=world["WJD"],
        declarant=world["enterprise"],
        origin_country=origin or world["thailand"],
        transport="truck",
        arrival_date=timezone.localtime(at).date(),
        submitted_at=at,
        verification_code="ABCDEF",
        channel="physical",
        outcome=outcome,
        status="released" if outcome else "under_inspection",
    )
    line = DeclarationLine.objects.create(
        declaration=declaration,
        line_no=1,
        hs=world["durian"],
        description="鲜榴莲",
        quantity=Decimal(1000),
        unit="carton",
        net_weight_kg=Decimal(18000),
        value=Decimal(54000),
    )
    if base is not None:
        line.production_bases.add(base)
    if outcome:
        InspectionTask.objects.create(
            declaration=declaration,
            port=world["WJD"],
            channel="physical",
            status="closed",
            outcome=outcome,
            due_date=timezone.localtime(at).date(),
            confirmed_at=confirmed_at or at + dt.timedelta(hours=6),
        )
    return declaration


def synthetic_history(world, *, days: int = 120, per_day: int = 4, seed: int = 3) -> dict:
    """A few months of durian from two orchards: the bad one fails half the time, the good one rarely."""
    rng = random.Random(seed)
    good = world["base"]
    bad = ProductionBaseFactory(country=world["thailand"], code="GAP-TH-BAD")
    start = timezone.now() - dt.timedelta(days=days + 1)
    rows = []
    for day in range(days):
        for k in range(per_day):
            at = start + dt.timedelta(days=day, hours=1 + k)
            base = bad if rng.random() < 0.3 else good
            fails = rng.random() < (0.5 if base is bad else 0.03)
            rows.append(
                past_declaration(world, at=at, outcome="non_conforming" if fails else "conforming", base=base)
            )
    return {"good": good, "bad": bad, "declarations": rows, "start": start}
