import datetime as dt

import pytest

from guomen.tracebacks import matching, services
from guomen.tracebacks.models import TraceNotification

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def fields(candidate):
    return {e["field"] for e in candidate.evidence}


def test_a_quoted_declaration_number_and_the_name_put_the_exporter_first(exporters, notify):
    n = notify(numbers="EXWJD0000000001", operator="深圳市优果农业发展有限公司")
    best = n.candidates.order_by("-score").first()
    assert best.enterprise == exporters["wjd"]
    assert best.declaration == exporters["decls"]["wjd"]
    assert best.score == 100
    assert {"number", "name", "group"} <= fields(best)
    assert n.status == "pending"


def test_without_identity_every_exporter_of_the_group_is_offered_with_a_lower_score(exporters, notify):
    n = notify()
    scores = {c.enterprise_id: c.score for c in n.candidates.all()}
    assert set(scores) == {exporters["wjd"].pk, exporters["other"].pk, exporters["gz"].pk}
    assert all(30 <= s < 60 for s in scores.values())
    best = n.candidates.get(enterprise=exporters["wjd"])
    assert best.declaration == exporters["decls"]["wjd"]  # the shipment in the window, not the old one
    assert {"group", "destination"} <= fields(best)


def test_hs_and_date_evidence(exporters, notify):
    n = notify(hs_code="0704.90", notified_on=TODAY - dt.timedelta(days=1))
    c = n.candidates.get(enterprise=exporters["wjd"])
    assert "hs6" in fields(c)
    assert fields(c) & {"date_near", "date_window"}


def test_a_notification_nothing_fits_is_unmatched_and_still_listed(exporters, notify, analyst):
    from guomen.catalog.tests.factories import CommodityGroupFactory

    n = notify(subject="密胺餐具甲醛迁移", commodity_group=CommodityGroupFactory(code="food_contact"))
    assert n.status == "unmatched"
    from guomen.tracebacks.selectors import notification_list

    assert n in notification_list(analyst, queue="unmatched")


def test_number_sources_resolve_certificate_numbers(exporters, notify):
    decl = exporters["decls"]["other"]
    source = lambda numbers: {"CERT-0001": decl.pk} if "CERT-0001" in numbers else {}  # noqa: E731
    matching.register_number_source(source)
    try:
        n = notify(numbers="CERT-0001")
    finally:
        matching.NUMBER_SOURCES.remove(source)
    best = n.candidates.order_by("-score").first()
    assert best.enterprise == exporters["other"] and "number" in fields(best)


def test_every_china_origin_rasff_notification_enters_the_queue(exporters, veg):
    from django.utils import timezone

    from guomen.catalog.tests.factories import CountryFactory
    from guomen.risk.models import ForeignNotification

    cn, th = CountryFactory(code="CN"), CountryFactory(code="TH")
    made = []
    for i, origin in enumerate((cn, cn, th)):
        f = ForeignNotification.objects.create(
            reference=f"2026.{i}",
            subject="chlorpyrifos in choy sum",
            notified_at=timezone.now(),
            notifying_country="Germany",
            commodity_group=veg.group,
        )
        f.origins.add(origin)
        made.append(f)
    assert services.intake_foreign() == 2
    assert services.intake_foreign() == 0  # idempotent
    assert set(TraceNotification.objects.values_list("foreign__reference", flat=True)) == {"2026.0", "2026.1"}
    assert TraceNotification.objects.filter(status="pending").count() == 2


def test_a_quoted_export_certificate_number_ties_the_notification_to_its_declaration(exporters, notify):
    from django.utils import timezone

    from guomen.certificates.models import ExportCertificate

    decl = exporters["decls"]["other"]
    ExportCertificate.objects.create(
        number="PCWJD202612040001",
        kind="phytosanitary",
        declaration=decl,
        org=decl.port,
        issued_at=timezone.now(),
        verification_code="ABCDEF",
    )
    n = notify(numbers="PCWJD202612040001")
    best = n.candidates.order_by("-score").first()
    assert (best.enterprise, best.declaration) == (exporters["other"], decl)
    assert "number" in fields(best)
