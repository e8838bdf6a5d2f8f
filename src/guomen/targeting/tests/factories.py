import factory
from django.utils import timezone

from guomen.targeting.models import ControlMeasure, RuleProfile


class RuleProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RuleProfile

    name = factory.Sequence(lambda n: f"规则{n}")
    hs_prefix = "08"
    channel = "physical"
    instruction = "开箱查验"
    active = True


SimpleRuleFactory = RuleProfileFactory


class ControlMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ControlMeasure

    scope = "enterprise"
    consignments = 3
    lift_after_conforming = 2
    starts_on = factory.LazyFunction(timezone.localdate)
    reason = "境外通报"
