import datetime as dt

import factory

from guomen.accounts.tests.factories import OrgUnitFactory
from guomen.portal.models import PublicDecision


class PublicDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicDecision

    kind = "penalty"
    decision_number = factory.Sequence(lambda n: f"深关缉违字〔2026〕{n:04d}号")
    enterprise_name = factory.Sequence(lambda n: f"深圳市某食品进出口有限公司{n}")
    enterprise_uscc = ""
    decided_on = dt.date(2026, 10, 8)
    summary = "进口食品未经检验擅自销售，处货值金额百分之五罚款。"
    org = factory.SubFactory(OrgUnitFactory, code="SZ")
    published = False
