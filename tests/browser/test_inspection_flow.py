"""The first slice as people click it: declared over the API → inspector on a phone → supervisor → timeline."""

import json

import pytest
from django.test import Client

from guomen.accounts.services import api_key_create
from guomen.catalog.tests.factories import CountryFactory, HsCodeFactory
from guomen.registry.tests.factories import EnterpriseFactory, ProductionBaseFactory
from guomen.targeting.models import SimpleRule

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def durian_declared_over_api(orgs):
    """Thai durian declared at 文锦渡 by a system client; a rule sends HS 0810 from TH to inspection."""
    thailand = CountryFactory(code="TH")
    hs = HsCodeFactory(code="081060")
    importer = EnterpriseFactory(org=orgs["SZ"], name_zh="深圳市万家果业进出口有限公司")
    orchard = ProductionBaseFactory(country=thailand, code="GAP-TH-00077")
    orchard.commodities.add(hs)
    SimpleRule.objects.create(
        name="泰国榴莲查验",
        hs_prefix="0810",
        origin=thailand,
        channel="physical",
        instruction="开箱查验，重点检查粉蚧",
    )
    _key, raw = api_key_create(name="单一窗口", org_code="WJD")
    payload = {
        "direction": "import",
        "port": "WJD",
        "declarant_uscc": importer.uscc,
        "consignor_name": "Chanthaburi Fruit",
        "origin_country": "TH",
        "transport": "truck",
        "arrival_date": str(__import__("datetime").date.today()),
        "lines": [
            {
                "hs_code": "081060",
                "description": "鲜榴莲",
                "quantity": 1200,
                "unit": "carton",
                "net_weight_kg": 18000,
                "value": 54000,
                "currency": "USD",
                "production_base_codes": ["GAP-TH-00077"],
            }
        ],
        "documents": [{"type": "phytosanitary_certificate", "number": "TH-2026-000123"}],
    }
    response = Client().post(
        "/api/v1/declarations", json.dumps(payload), content_type="application/json", HTTP_X_API_KEY=raw
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_inspector_records_on_a_phone_and_supervisor_releases(
    phone, desk, durian_declared_over_api, inspector, supervisor, analyst, screenshot
):
    number = durian_declared_over_api["number"]

    # The inspector sees today's task for 文锦渡 on the phone and opens it
    login(phone, "inspector_wjd")
    card = phone.get_by_test_id("task-card").filter(has_text=number)
    card.click()
    assert phone.get_by_test_id("declaration-number").inner_text() == number
    assert "GAP-TH-00077" in phone.locator("main").inner_text()
    screenshot(phone, "flow-1-dossier")

    # ... records a conforming result and proposes release
    phone.get_by_test_id("outcome-conforming").check()
    phone.locator("label[for='c-phys.decay-conform']").click()  # the physical check the channel asked for
    phone.select_option("select[name=proposed_disposition]", "release")
    phone.get_by_test_id("submit-result").click()
    phone.get_by_test_id("result-success").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "flow-2-recorded")

    # The supervisor confirms the release
    login(desk, "supervisor_sz")
    desk.goto("/inspections/confirmations/")
    decision = desk.get_by_test_id("confirmation-card").filter(has_text=number)
    decision.get_by_test_id("confirm-disposition").click()
    desk.get_by_test_id("decision-success").wait_for()

    # The analyst sees the whole chain on the declaration's timeline
    desk.context.clear_cookies()
    login(desk, "analyst_sz")
    desk.goto(f"/declarations/{number}/")
    timeline = desk.get_by_test_id("timeline").inner_text()
    for step in ("提交报检", "查验", "放行"):
        assert step in timeline
    screenshot(desk, "flow-3-timeline")
