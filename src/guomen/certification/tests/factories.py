import datetime as dt

import factory

from guomen.certification.models import AnnualCheck, Certificate
from guomen.registry.tests.factories import EnterpriseFactory

__all__ = ["AnnualCheckFactory", "CertificateFactory", "EnterpriseFactory"]


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    number = factory.Sequence(lambda n: f"2026010901{n:06d}")
    scheme = "ccc"
    enterprise = factory.SubFactory(EnterpriseFactory)
    body_name = "中国质量认证中心"
    products = "电源适配器"
    hs_code = "8504"
    valid_from = dt.date(2025, 1, 1)
    valid_until = dt.date(2030, 1, 1)
    org = factory.LazyAttribute(lambda o: o.enterprise.org)


class AnnualCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualCheck

    certificate = factory.SubFactory(CertificateFactory)
    org = factory.LazyAttribute(lambda o: o.certificate.org)
    planned_on = dt.date(2026, 9, 1)
