import datetime as dt

import factory
from django.utils import timezone

from guomen.declarations.tests.factories import DeclarationFactory
from guomen.registry.tests.factories import EnterpriseFactory
from guomen.supervision.models import BlacklistEntry, CreditEvent, SpotCheckPlan

__all__ = ["EnterpriseFactory", "consignments", "BlacklistEntryFactory", "CreditEventFactory", "PlanFactory"]


def consignments(enterprise, outcomes: str, *, start=None, port=None):
    """Declarations of `enterprise` with outcomes from a string: "c" conforming, "n" non-conforming.

    They are submitted one minute apart, oldest first, starting at `start` (default: an hour ago).
    """
    start = start or timezone.now() - dt.timedelta(hours=1)
    made = []
    for i, code in enumerate(outcomes):
        extra = {"port": port} if port is not None else {}
        made.append(
            DeclarationFactory(
                declarant=enterprise,
                outcome="conforming" if code == "c" else "non_conforming",
                submitted_at=start + dt.timedelta(minutes=i),
                arrival_date=timezone.localdate(),
                **extra,
            )
        )
    return made


class CreditEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CreditEvent

    enterprise = factory.SubFactory(EnterpriseFactory)
    kind = "violation"
    severity = "general"
    points = -5
    occurred_on = factory.LazyFunction(timezone.localdate)
    description = "标签不符合要求"
    evidence = "WJD-2026-001"


class BlacklistEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlacklistEntry

    enterprise = factory.SubFactory(EnterpriseFactory)
    status = "listed"
    reason = "伪造检验检疫证单"
    required_conforming = 3
    listed_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpotCheckPlan

    name = factory.Sequence(lambda n: f"2026年度双随机抽查计划{n}")
    sample_count = 3
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
