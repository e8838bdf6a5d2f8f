"""Dangerous-goods packaging makers and performance tests, the daily expiry, the licences in force as of a
month's end, and the solid-waste headings."""

import csv
import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from guomen.core.errors import ValidationFailed
from guomen.core.models import AuditEvent
from guomen.portlines import choices, selectors, services
from guomen.portlines.models import FoodLicence, PackagingMaker, PackagingUse, PerformanceTest

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
PASSED = {"drop": "passed", "stacking": "passed", "leakproof": "passed", "hydraulic": "not_tested"}


def _maker(packer, supervisor, products="1A1, 4g，31HA1"):
    return services.maker_register(
        enterprise=packer, number="深危包登字第4403012号", products=products, registered_on=dt.date(2026, 1, 1),
        valid_until=dt.date(2031, 1, 1), actor=supervisor,
    )  # fmt: skip


def _use(packer, inspector, batch):
    return services.use_record(
        enterprise=packer, packaging="drum", un_number="UN1263", goods="油漆", inspected_on=TODAY, result="passed",
        valid_until=TODAY + dt.timedelta(days=300), batch=batch, actor=inspector,
    )  # fmt: skip


def test_a_maker_registers_its_un_packaging_codes_checked_one_by_one(packer, supervisor):
    maker = _maker(packer, supervisor)
    assert maker.product_codes == ["1A1", "4G", "31HA1"]
    with pytest.raises(ValidationFailed) as exc:
        services.maker_register(
            enterprise=packer, number="N2", products="1A1, 9Z9", registered_on=TODAY,
            valid_until=TODAY - dt.timedelta(days=1), actor=supervisor,
        )  # fmt: skip
    assert "9Z9" in exc.value.fields["products"][0]
    assert {"products", "valid_until", "enterprise"} <= set(exc.value.fields)
    assert PackagingMaker.objects.count() == 1


@pytest.mark.parametrize(
    "code", ["1A1", "1H2", "3H1", "4G", "4C2", "5M2", "6HA1", "11A", "13H3", "31HA1", "31HZ1"]
)
def test_real_un_packaging_codes_are_accepted(code):
    assert services.packaging.UN_PACKAGING_CODE.match(code)


@pytest.mark.parametrize("code", ["1Z1", "9A1", "A1", "1A9", "4GG", "UN1203", "6HX1"])
def test_malformed_packaging_codes_are_refused(code):
    assert not services.packaging.UN_PACKAGING_CODE.match(code)


def test_a_failed_performance_test_stops_the_batch(packer, supervisor, inspector):
    maker = _maker(packer, supervisor)
    earlier = _use(packer, inspector, "B-7")
    test = services.performance_record(
        maker=maker, un_code="1a1", batch="B-7", tested_on=TODAY, drop="passed", stacking="failed",
        leakproof="passed", hydraulic="passed", actor=inspector,
    )  # fmt: skip
    assert test.status == "failed" and not test.passed and test.valid_until is None
    earlier.refresh_from_db()
    assert earlier.status == "withdrawn" and "B-7" in earlier.status_reason
    with pytest.raises(ValidationFailed) as exc:
        _use(packer, inspector, "B-7")
    assert "B-7" in exc.value.fields["batch"][0] and "不得使用" in exc.value.fields["batch"][0]
    assert _use(packer, inspector, "B-8").status == "valid"
    assert PackagingUse.objects.filter(batch="B-7").count() == 1


def test_a_performance_test_names_its_bad_fields(packer, supervisor, inspector):
    maker = _maker(packer, supervisor)
    with pytest.raises(ValidationFailed) as exc:
        services.performance_record(
            maker=maker, un_code="1H1", batch=" ", tested_on=TODAY, drop="ok", stacking="passed",
            leakproof="passed", hydraulic="passed", actor=inspector,
        )  # fmt: skip
    assert {"un_code", "batch", "drop"} <= set(exc.value.fields)
    with pytest.raises(ValidationFailed) as exc:
        services.performance_record(
            maker=maker, un_code="4G", batch="B1", tested_on=TODAY, actor=inspector, **PASSED
        )
    assert "valid_until" in exc.value.fields
    assert not PerformanceTest.objects.exists()


def _licence(caterer, supervisor, number, valid_until):
    return services.licence_issue(
        enterprise=caterer, number=number, business="shop", premises="出境大厅", valid_from=dt.date(2025, 1, 1),
        valid_until=valid_until, actor=supervisor,
    )  # fmt: skip


def test_the_expiry_job_moves_past_dates_to_expired_once_and_audits_it(
    caterer, packer, supervisor, inspector
):
    old = _licence(caterer, supervisor, "L-OLD", dt.date(2026, 3, 31))
    fresh = _licence(caterer, supervisor, "L-NEW", dt.date(2026, 4, 1))
    maker = _maker(packer, supervisor)
    services.performance_record(
        maker=maker, un_code="4G", batch="B1", tested_on=dt.date(2026, 1, 2), valid_until=dt.date(2026, 2, 1),
        actor=inspector, **PASSED,
    )  # fmt: skip
    counts = services.expire_due(today=dt.date(2026, 4, 1))
    assert counts["foodlicence"] == 1 and counts["performancetest"] == 1 and counts["packagingmaker"] == 0
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert old.status == "expired" and fresh.status == "valid"
    assert "2026-03-31" in old.status_reason
    event = AuditEvent.objects.get(verb="foodlicence.status", object_id=str(old.pk))
    assert event.actor is None and event.after["status"] == "expired"
    assert services.expire_due(today=dt.date(2026, 4, 1))["foodlicence"] == 0
    call_command("portlines-expire", "--date", "2026-04-02")
    fresh.refresh_from_db()
    assert fresh.status == "expired"


def test_licences_in_force_are_counted_as_they_stood_at_the_months_end(caterer, supervisor):
    suspended_later = _licence(caterer, supervisor, "L-1", dt.date(2028, 1, 1))
    services.status_set(record=suspended_later, to="suspended", reason="停业整改", actor=supervisor)
    AuditEvent.objects.filter(verb="foodlicence.status").update(
        at=timezone.make_aware(dt.datetime(2026, 12, 3, 10))
    )
    suspended_before = _licence(caterer, supervisor, "L-2", dt.date(2028, 1, 1))
    services.status_set(record=suspended_before, to="suspended", reason="停业整改", actor=supervisor)
    AuditEvent.objects.filter(verb="foodlicence.status", object_id=str(suspended_before.pk)).update(
        at=timezone.make_aware(dt.datetime(2026, 11, 20, 10))
    )
    _licence(caterer, supervisor, "L-3", dt.date(2026, 11, 15))  # ran out before the end of November
    _licence(caterer, supervisor, "L-4", dt.date(2026, 11, 30))  # in force on 30 November, its last day
    qs = FoodLicence.objects.all()
    # 30 November: L-1 (suspended only in December) and L-4; not L-2 (suspended on 20 November) nor L-3 (dates)
    assert selectors.licences_in_force(qs, dt.date(2026, 11, 30)) == 2
    # 31 October: L-1, L-2, L-3, L-4 were all valid then
    assert selectors.licences_in_force(qs, dt.date(2026, 10, 31)) == 4
    # 31 December: both suspended, L-3 and L-4 past their dates
    assert selectors.licences_in_force(qs, dt.date(2026, 12, 31)) == 0


def test_the_solid_waste_headings_are_the_checked_list_and_exist_in_the_catalogue():
    assert choices.WASTE_HS_PREFIXES == (
        "2618", "2619", "2620", "3915", "4004", "440141", "440149", "4707", "5103", "6310",
        "7204", "7404", "7503", "7602", "7802", "7902", "8002", "810830", "8549", "8908",
    )  # fmt: skip
    catalogue = Path(__file__).resolve().parents[4] / "data" / "hs" / "harmonized-system.csv"
    with catalogue.open(encoding="utf-8") as fh:
        codes = {row["hscode"] for row in csv.DictReader(fh)}
    assert all(prefix in codes for prefix in choices.WASTE_HS_PREFIXES)
    recycled = {prefix for prefix, _name, regime in choices.WASTE_HEADINGS if regime == "recycled"}
    assert recycled == {"7204", "7404", "7602"}
    for code, _name, _standard, _notice in choices.RECYCLED_RAW_MATERIALS:
        assert len(code) == 10 and code[:4] in recycled


def test_the_scheduled_job_expires_what_is_past_its_date(caterer, supervisor):
    licence = _licence(caterer, supervisor, "L-PAST", TODAY - dt.timedelta(days=1))
    call_command("schedule", "run", "portlines.expire")
    licence.refresh_from_db()
    assert licence.status == "expired"


def test_the_monthly_report_counts_a_licence_suspended_since_as_in_force_in_its_month(caterer, supervisor):
    from guomen.reports import sources
    from guomen.reports.scope import build_filter

    licence = _licence(caterer, supervisor, "L-R", dt.date(2029, 1, 1))
    services.status_set(record=licence, to="suspended", reason="停业整改", actor=supervisor)
    AuditEvent.objects.filter(verb="foodlicence.status").update(
        at=timezone.make_aware(dt.datetime(2026, 10, 9, 9))
    )

    def in_force(period):
        table = sources.port_lines(build_filter(supervisor, {"period": period}))
        return table.rows[0][1]

    assert (in_force("2026-09"), in_force("2026-10")) == (1, 0)


@pytest.mark.parametrize(
    ("who", "answer", "status"), [("inspector", 403, "valid"), ("supervisor", 302, "withdrawn")]
)
def test_a_performance_test_is_withdrawn_from_its_page_by_a_supervisor_not_an_inspector(
    client, packer, inspector, supervisor, who, answer, status
):
    test = services.performance_record(
        maker=_maker(packer, supervisor), un_code="1A1", batch="B-8", tested_on=TODAY,
        valid_until=TODAY + dt.timedelta(days=300), actor=inspector, **PASSED,
    )  # fmt: skip
    client.force_login({"inspector": inspector, "supervisor": supervisor}[who])
    url = reverse("portlines:test_status", args=[test.pk])
    response = client.post(url, {"to": "withdrawn", "reason": "批次召回"})
    test.refresh_from_db()
    assert (response.status_code, test.status) == (answer, status)
