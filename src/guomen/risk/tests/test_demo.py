import random

import pytest

from guomen.demo.masterdata import BaseInfo, Bureau
from guomen.risk import demo
from guomen.risk.models import EarlyWarning, RiskCluster
from guomen.risk.selectors import public_consumer_warnings

pytestmark = pytest.mark.django_db


def test_demo_makes_recurring_signals_a_published_warning_and_a_draft(
    rw, analyst, supervisor, make_user, monkeypatch, tmp_path
):
    from guomen.catalog.tests.factories import HazardFactory
    from guomen.registry.tests.factories import ProductionBaseFactory

    monkeypatch.setattr(demo, "RASFF_FILE", tmp_path / "absent.sqlite")
    make_user("supervisor", rw["SZ"], username="supervisor2_sz")  # the second pair of eyes publishes
    HazardFactory(code="BACTDO")
    second = ProductionBaseFactory(country=rw["thailand"])
    second.commodities.add(rw["durian"])
    bases = [
        BaseInfo(id=b.pk, code=b.code, country="TH", kind="orchard", commodities=("081060",), bad=True)
        for b in (rw["base"], second)
    ]
    bureau = Bureau(
        bases=bases, hazard_ids={"PLANLI": rw["pest"].pk, "BACTDO": HazardFactory(code="BACTDO").pk}
    )
    counts = demo.seed_demo(bureau, random.Random(1))
    assert counts["risk_signals"] >= 9
    assert RiskCluster.objects.filter(signal_count__gte=3).exists()
    assert set(EarlyWarning.objects.values_list("status", flat=True)) == {"published", "draft"}
    assert len(public_consumer_warnings()) == 1
    published = EarlyWarning.objects.get(status="published")
    assert len({published.drafted_by_id, published.validated_by_id, published.published_by_id}) == 3
