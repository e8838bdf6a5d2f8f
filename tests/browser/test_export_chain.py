"""The export chain as people click it: an exporter applies for a 供港 lychee orchard, the supervisor registers it,
the exporter records a pesticide and a batch, names the batch on its export declaration, the inspector records
the supervised loading (监装) on a phone, and the supervisor releases the goods."""

import datetime as dt
import json

import pytest
from django.test import Client

from guomen.accounts.choices import Role
from guomen.accounts.services import api_key_create
from guomen.catalog.tests.factories import CountryFactory
from guomen.declarations.models import Declaration
from guomen.exports.models import ExportSite, LoadingRecord
from guomen.exports.tests.factories import lychee, places
from guomen.inspections.tests.factories import jpeg_with_exif
from guomen.registry.tests.factories import EnterpriseFactory
from guomen.targeting.models import SimpleRule

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(name="exporter")
def exporter_firm(orgs, make_user):
    places()
    CountryFactory(code="MO", alpha3="MAC", name_zh="中国澳门", name_en="Macao")
    lychee()
    firm = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳市鲜丰农产品出口有限公司", kind="exporter")
    make_user(Role.ENTERPRISE, None, firm, username="exporter_demo")
    SimpleRule.objects.create(
        name="供港荔枝批批查验",
        hs_prefix="0810",
        direction="export",
        channel="document",
        instruction="核对批次，实施监装",
    )
    return firm


def _declare(firm) -> str:
    _key, raw = api_key_create(name="单一窗口", org_code="WJD")
    payload = {
        "direction": "export",
        "port": "WJD",
        "declarant_uscc": firm.uscc,
        "consignor_name": firm.name_zh,
        "origin_country": "CN",
        "destination_country": "HK",
        "foreign_consignee_name": "Wing Fat Fruit Trading Ltd.",
        "foreign_consignee_address": "Stall 8, Yau Ma Tei Fruit Market, Kowloon",
        "foreign_consignee_country": "HK",
        "transport": "truck",
        "arrival_date": str(dt.date.today()),
        "lines": [
            {"hs_code": "081090", "description": "鲜荔枝", "quantity": 600, "unit": "carton", "net_weight_kg": 6000,
             "value": 90000, "currency": "HKD"}
        ],
    }  # fmt: skip
    response = Client().post(
        "/api/v1/declarations", json.dumps(payload), content_type="application/json", HTTP_X_API_KEY=raw
    )
    assert response.status_code == 201, response.content
    return response.json()["number"]


def walk_to_release(phone, desk, exporter, screenshot, tmp_path) -> str:
    """Site application → registration → input record → batch → declaration naming it → 监装 on the phone →
    result → release; the declaration number."""
    # The exporter applies for its orchard
    login(desk, "exporter_demo")
    desk.goto("/exports/sites/new/")
    desk.fill("input[name=name]", "增城仙村荔枝种植基地")
    desk.select_option("select[name=kind]", "planting")
    desk.fill("input[name=address]", "广州市增城区仙村镇")
    desk.fill("input[name=commodities]", "081090")
    desk.fill("input[name=destinations]", "HK, MO")
    desk.check("input[name=hk_macao]")
    desk.get_by_test_id("exports-form").locator("button[type=submit]").click()
    assert desk.get_by_test_id("site-status").inner_text() == "已申请"
    site = ExportSite.objects.get()

    # The supervisor reviews and registers it
    desk.context.clear_cookies()
    login(desk, "supervisor_sz")
    for status in ("reviewing", "registered"):
        desk.goto(f"/exports/sites/{site.pk}/")
        desk.get_by_test_id("site-status-form").locator("select[name=to]").select_option(status)
        desk.get_by_test_id("site-status-form").locator("button[type=submit]").click()
    assert desk.get_by_test_id("site-status").inner_text() == "已注册"
    assert desk.get_by_test_id("site-number").inner_text().startswith("WJDCK")

    # The exporter records a pesticide (a future date is refused, naming the field) and a batch
    desk.context.clear_cookies()
    login(desk, "exporter_demo")
    desk.goto(f"/exports/sites/{site.pk}/inputs/new/")
    desk.select_option("select[name=kind]", "pesticide")
    desk.fill("input[name=product]", "10%吡虫啉可湿性粉剂")
    desk.select_option("select[name=substance]", "imidacloprid")
    desk.fill("input[name=dose]", "0.3")
    desk.fill("input[name=unit]", "kg/亩")
    desk.fill("input[name=used_on]", str(dt.date.today() + dt.timedelta(days=3)))
    desk.get_by_test_id("exports-form").locator("button[type=submit]").click()
    assert "日期不能晚于今天" in desk.get_by_test_id("exports-form").inner_text()
    desk.fill("input[name=used_on]", str(dt.date.today() - dt.timedelta(days=30)))
    desk.get_by_test_id("exports-form").locator("button[type=submit]").click()
    desk.get_by_test_id("batch-new").click()
    desk.fill("input[name=quantity]", "6000")
    desk.fill("input[name=harvested_on]", str(dt.date.today() - dt.timedelta(days=1)))
    desk.get_by_test_id("exports-form").locator("input[name=inputs]").first.check()
    desk.get_by_test_id("exports-form").locator("button[type=submit]").click()
    assert "无异常" in desk.locator("main").inner_text()
    batch_number = desk.locator("main h1").inner_text().split()[0]

    # ... declares the goods and names the batch on the declaration
    number = _declare(exporter)
    desk.goto(f"/declarations/{number}/")
    desk.get_by_test_id("export-batches").click()
    desk.get_by_test_id("attach-form").locator("input[name=batches]").first.check()
    desk.get_by_test_id("attach-form").locator("button[type=submit]").click()
    assert batch_number in desk.get_by_test_id("declaration-batches").inner_text()

    # The inspector records the supervised loading on the phone, with a photo
    login(phone, "inspector_wjd")
    phone.get_by_test_id("task-card").filter(has_text=number).click()
    task_url = phone.url
    phone.get_by_test_id("export-loading").click()
    assert batch_number in phone.get_by_test_id("declaration-batches").inner_text()
    phone.get_by_test_id("loading-new").click()
    phone.fill("input[name=container_number]", "CSQU3054384")
    phone.fill("input[name=seal_number]", "SZ2026001234")
    photo = tmp_path / "loading.jpg"
    photo.write_bytes(jpeg_with_exif())
    phone.set_input_files("input[name=photos]", str(photo))
    phone.get_by_test_id("loading-form").locator("button[type=submit]").click()
    assert "集装箱号无效" in phone.get_by_test_id("loading-form").inner_text()  # a wrong check digit
    phone.fill("input[name=container_number]", "CSQU3054383")
    phone.set_input_files("input[name=photos]", str(photo))
    phone.get_by_test_id("loading-form").locator("button[type=submit]").click()
    assert "CSQU3054383" in phone.get_by_test_id("loading").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "exports-loading-phone")
    assert LoadingRecord.objects.get().photos.count() == 1

    # ... and the document check's result on the task
    phone.goto(task_url)
    phone.get_by_test_id("outcome-conforming").check()
    phone.select_option("select[name=proposed_disposition]", "release")
    phone.get_by_test_id("submit-result").click()
    phone.get_by_test_id("result-success").wait_for()

    # The supervisor confirms the release: the batch is clean and the loading recorded
    desk.context.clear_cookies()
    login(desk, "supervisor_sz")
    desk.goto("/inspections/confirmations/")
    card = desk.get_by_test_id("confirmation-card").filter(has_text=number)
    card.get_by_test_id("confirm-disposition").click()
    desk.get_by_test_id("decision-success").wait_for()
    assert Declaration.objects.get(number=number).status == "released"
    return number


def test_site_to_release_with_supervised_loading_on_a_phone(
    phone, desk, exporter, inspector, supervisor, screenshot, tmp_path
):
    number = walk_to_release(phone, desk, exporter, screenshot, tmp_path)
    desk.goto(f"/exports/declarations/{number}/")
    screenshot(desk, "exports-declaration")
    # the declaration page names the consignee abroad and links the batch
    desk.goto(f"/declarations/{number}/")
    assert "Wing Fat Fruit Trading Ltd." in desk.get_by_test_id("consignee-abroad").inner_text()
    batch = desk.get_by_test_id("declaration-batches").locator("a").first
    screenshot(desk, "declaration-export-batches")
    batch.click()
    assert "/exports/batches/" in desk.url
