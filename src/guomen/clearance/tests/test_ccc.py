"""Goods in the CCC catalogue are released only when the consignee holds a valid CCC certificate covering them."""

import datetime as dt

import pytest
from django.utils import timezone

from guomen.certification.models import Certificate, CompulsoryProduct
from guomen.certification.selectors import valid_ccc_certificate
from guomen.clearance.errors import ReleaseRefused
from guomen.clearance.facts import facts_load
from guomen.clearance.rules import evaluate
from guomen.clearance.services import clearance_confirm

from .helpers import fresh, record_conforming


def _holder(task):
    d = task.declaration
    return d.consignee if d.consignee_id else d.declarant


def _hs(task) -> str:
    return task.declaration.lines.order_by("line_no").first().hs_id


@pytest.fixture
def ccc_goods(clean_task):
    """The consignment's commodity is put in the CCC catalogue."""
    CompulsoryProduct.objects.create(hs_prefix=_hs(clean_task)[:4], name_zh="测试类强制性认证产品")
    return clean_task


def _certificate(
    task, orgs, *, hs="", status="valid", days=(-30, 300), scheme="ccc", number="2024010900000001"
):
    today = timezone.localdate()
    return Certificate.objects.create(
        number=number,
        scheme=scheme,
        enterprise=_holder(task),
        products="强制性认证产品",
        hs_code=hs,
        valid_from=today + dt.timedelta(days=days[0]),
        valid_until=today + dt.timedelta(days=days[1]),
        status=status,
        org=orgs["WJD"],
    )


def _ccc(task):
    task = fresh(task)
    return {b.code: b for b in evaluate(facts_load(task.declaration, task=task))}.get(
        "ccc_certificate_missing"
    )


def test_goods_outside_the_catalogue_need_no_certificate(clean_task, inspector):
    record_conforming(clean_task, inspector)
    assert _ccc(clean_task) is None


def test_ccc_goods_without_a_certificate_are_a_hard_stop_naming_line_and_holder(ccc_goods):
    broken = _ccc(ccc_goods)
    assert broken.severity == "hard_stop"
    assert "测试类强制性认证产品" in broken.evidence[0] and _holder(ccc_goods).name_zh in broken.evidence[0]


@pytest.mark.parametrize(
    "kind",
    [
        {"status": "suspended"},
        {"days": (-400, -1)},  # expired by date
        {"days": (5, 400)},  # not yet valid
        {"scheme": "iso9001"},
        {"hs": "9503"},  # covers other goods
    ],
)
def test_a_certificate_that_does_not_cover_the_goods_today_does_not_count(ccc_goods, orgs, kind):
    certificate = _certificate(ccc_goods, orgs, **kind)
    assert _ccc(ccc_goods) is not None
    on = timezone.localdate()
    assert valid_ccc_certificate(enterprise=certificate.enterprise, hs_code=_hs(ccc_goods), on=on) is None


def test_a_certificate_of_another_enterprise_does_not_count(ccc_goods, orgs):
    from guomen.registry.tests.factories import EnterpriseFactory

    certificate = _certificate(ccc_goods, orgs)
    certificate.enterprise = EnterpriseFactory()
    certificate.save()
    assert _ccc(ccc_goods) is not None


def test_ccc_goods_without_a_certificate_are_refused_and_released_once_one_is_on_file(
    ccc_goods, orgs, inspector, supervisor
):
    task = record_conforming(ccc_goods, inspector)
    with pytest.raises(ReleaseRefused) as exc:
        clearance_confirm(task=fresh(task), disposition="release", actor=supervisor)
    assert "ccc_certificate_missing" in {r["code"] for r in exc.value.rules}
    assert fresh(task).declaration.status != "released"

    certificate = _certificate(ccc_goods, orgs, hs=_hs(ccc_goods)[:4])
    on = timezone.localdate()
    assert (
        valid_ccc_certificate(enterprise=certificate.enterprise, hs_code=_hs(ccc_goods), on=on) == certificate
    )
    clearance_confirm(task=fresh(task), disposition="release", actor=supervisor)
    assert fresh(task).declaration.status == "released"


def test_the_rule_adds_one_fixed_statement_whatever_the_catalogue(ccc_goods, django_assert_max_num_queries):
    declaration = fresh(ccc_goods).declaration
    for n in range(20):
        CompulsoryProduct.objects.create(hs_prefix=f"99{n:02d}", name_zh=f"目录{n}")
    with django_assert_max_num_queries(12):
        facts_load(declaration)


def test_an_entry_added_to_the_catalogue_makes_the_rule_bite_and_retiring_it_stops_it(clean_task, admin_user):
    from guomen.certification.services import catalogue_add, catalogue_retire

    assert _ccc(clean_task) is None
    entry = catalogue_add(hs_prefix=_hs(clean_task), name_zh="新列入目录的产品", actor=admin_user)
    assert "新列入目录的产品" in _ccc(clean_task).evidence[0]
    catalogue_retire(entry=entry, reason="已移出目录", actor=admin_user)
    assert _ccc(clean_task) is None


def test_an_entry_not_yet_in_force_or_retired_from_a_later_day(clean_task, admin_user):
    from guomen.certification.services import catalogue_add, catalogue_retire

    later = timezone.localdate() + dt.timedelta(days=30)
    entry = catalogue_add(
        hs_prefix=_hs(clean_task), name_zh="下月实施", in_force_from=later, actor=admin_user
    )
    assert _ccc(clean_task) is None
    entry.in_force_from = timezone.localdate()
    entry.save()
    catalogue_retire(entry=entry, retired_on=later, reason="下月移出", actor=admin_user)
    assert _ccc(clean_task) is not None  # still in force until the day it is retired
