import factory

from guomen.targeting.models import SimpleRule


class SimpleRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SimpleRule

    name = factory.Sequence(lambda n: f"规则{n}")
    hs_prefix = "08"
    channel = "physical"
    instruction = "开箱查验"
    active = True
