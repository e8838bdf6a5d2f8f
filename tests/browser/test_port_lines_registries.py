"""The newer port lines as people click them on a phone: an inspector records an inspection agency's application
with its scope, the supervisor registers it, a finding against it is penalised and the agency's page shows scope,
finding and penalty; an inspector records a non-conforming hygiene monitoring result that turns the licence red;
a failed packaging performance test stops the batch; the licence list filtered on a phone exports the rows shown."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from guomen.portlines import services
from guomen.portlines.models import AgencyRegistration, PackagingUse, PerformanceTest
from guomen.portlines.tests.factories import FoodLicenceFactory
from guomen.registry.tests.factories import EnterpriseFactory

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def _submit(phone):
    phone.click("[data-testid=record-form] button[type=submit]")


def test_agency_registration_finding_and_penalty_on_a_phone(orgs, supervisor, inspector, phone, screenshot):
    agency = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳华检检验鉴定有限公司", kind="inspection_agency")
    today = timezone.localdate().isoformat()
    login(phone, "inspector_wjd")
    phone.goto("/portlines/agencies/")
    phone.click("[data-testid=record-new]")
    phone.fill("#id_enterprise", agency.uscc)
    phone.check("input[name=scope][value=weight]")
    phone.check("input[name=scope][value=damage]")
    phone.fill("#id_applied_on", today)
    screenshot(phone, "portlines-agency-new-phone")
    _submit(phone)
    phone.wait_for_selector("[data-testid=agency-status]:has-text('已申请')")

    phone.context.clear_cookies()
    login(phone, "supervisor_sz")
    phone.goto("/portlines/agencies/")
    phone.click("details:has([data-testid=agency-register-form]) summary")
    phone.fill("[data-testid=agency-register-form] input[name=number]", "深检鉴字第0021号")
    phone.fill("[data-testid=agency-register-form] input[name=registered_on]", today)
    phone.fill("[data-testid=agency-register-form] input[name=valid_until]", "2030-12-31")
    phone.click("[data-testid=agency-register-form] button[type=submit]")
    phone.wait_for_selector("[data-testid=agency-status]:has-text('已登记')")
    screenshot(phone, "portlines-agencies-phone")
    assert AgencyRegistration.objects.get().number == "深检鉴字第0021号"

    phone.goto("/portlines/findings/new/")
    phone.fill("#id_enterprise", agency.uscc)
    phone.select_option("#id_check_kind", "goods")
    phone.fill("#id_found_on", today)
    phone.fill("#id_description", "重量鉴定未复秤,鉴定报告与实际不符")
    _submit(phone)
    phone.wait_for_selector("[data-testid=finding-status]")
    phone.click("text=作出处理决定")
    phone.fill("input[name=penalty]", "警告,暂停重量鉴定业务一个月")
    phone.fill("input[name=reason]", "口岸天平行动检查属实")
    phone.click("form button:has-text('作出处理决定')")
    phone.wait_for_selector("[data-testid=finding-status]:has-text('已处罚')")

    phone.goto("/portlines/agencies/")
    phone.click("[data-testid=agency-link]")
    phone.wait_for_selector("[data-testid=agency-scope]")
    assert "重量鉴定" in phone.inner_text("[data-testid=agency-scope]")
    assert "残损鉴定" in phone.inner_text("[data-testid=agency-scope]")
    assert "暂停重量鉴定业务一个月" in phone.inner_text("[data-testid=agency-penalties]")
    assert phone.inner_text("[data-testid=penalty-count]") == "1"
    screenshot(phone, "portlines-agency-page-phone")


def test_hygiene_monitoring_and_packaging_performance_on_a_phone(
    orgs, supervisor, inspector, phone, screenshot
):
    caterer = EnterpriseFactory(org=orgs["WJD"], name_zh="文锦渡口岸旅检餐饮服务部", kind="port_food")
    packer = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳某化工包装公司", kind="dg_packaging")
    today = timezone.localdate()
    services.licence_issue(
        enterprise=caterer, number="深卫口食证字第0012号", business="catering", premises="旅检大楼二层",
        valid_from=today - dt.timedelta(days=30), valid_until=today + dt.timedelta(days=900), actor=supervisor,
    )  # fmt: skip
    maker = services.maker_register(
        enterprise=packer, number="深危包登字第4403012号", products="1A1, 4G, 31HA1",
        registered_on=today - dt.timedelta(days=100), valid_until=today + dt.timedelta(days=1000), actor=supervisor,
    )  # fmt: skip
    services.use_record(
        enterprise=packer, packaging="ibc", un_number="UN1993", goods="易燃液体", inspected_on=today,
        result="passed", valid_until=today + dt.timedelta(days=200), batch="BT-31HA1-2612", actor=supervisor,
    )  # fmt: skip
    login(phone, "inspector_wjd")
    phone.goto("/portlines/monitoring/")
    phone.click("[data-testid=record-new]")
    phone.fill("#id_licence", "深卫口食证字第0012号")
    phone.select_option("#id_category", "food_contact")
    phone.fill("#id_item", "大肠菌群")
    phone.fill("#id_sampling_point", "餐厅消毒后餐具")
    phone.fill("#id_sampled_on", today.isoformat())
    phone.fill("#id_value", "2")
    phone.fill("#id_unit", "个/50cm²")
    phone.fill("#id_limit", "0")
    phone.select_option("#id_limit_kind", "max")
    screenshot(phone, "portlines-monitoring-new-phone")
    _submit(phone)
    phone.wait_for_selector("[data-testid=monitoring-status]:has-text('不合格')")
    screenshot(phone, "portlines-monitoring-phone")
    phone.goto("/portlines/licences/")
    assert "1 项不合格" in phone.inner_text("[data-testid=licence-nonconforming]")
    screenshot(phone, "portlines-licence-red-phone")

    phone.goto("/portlines/makers/")
    assert "31HA1" in phone.inner_text("[data-testid=makers]")
    screenshot(phone, "portlines-makers-phone")
    phone.goto("/portlines/tests/")
    phone.click("[data-testid=record-new]")
    phone.fill("#id_maker", maker.number)
    phone.fill("#id_un_code", "31ha1")
    phone.fill("#id_batch", "BT-31HA1-2612")
    phone.fill("#id_tested_on", today.isoformat())
    phone.select_option("#id_drop", "passed")
    phone.select_option("#id_stacking", "failed")
    phone.select_option("#id_leakproof", "passed")
    phone.select_option("#id_hydraulic", "failed")
    screenshot(phone, "portlines-test-new-phone")
    _submit(phone)
    phone.wait_for_selector("[data-testid=test-status]:has-text('不合格')")
    screenshot(phone, "portlines-tests-phone")
    assert PerformanceTest.objects.get().un_code == "31HA1"
    assert PackagingUse.objects.get().status == "withdrawn"

    phone.goto("/portlines/uses/new/")
    phone.fill("#id_enterprise", packer.uscc)
    phone.select_option("#id_packaging", "ibc")
    phone.fill("#id_batch", "BT-31HA1-2612")
    phone.fill("#id_un_number", "UN1993")
    phone.fill("#id_goods", "易燃液体")
    phone.fill("#id_inspected_on", today.isoformat())
    phone.select_option("#id_result", "passed")
    phone.fill("#id_valid_until", (today + dt.timedelta(days=100)).isoformat())
    _submit(phone)
    phone.wait_for_selector(".invalid-feedback")
    assert "不得使用" in phone.inner_text("[data-testid=record-form]")
    assert PackagingUse.objects.count() == 1


def test_the_licence_list_exports_what_the_phone_shows(orgs, inspector, phone, screenshot):
    caterer = EnterpriseFactory(org=orgs["WJD"], name_zh="文锦渡口岸旅检餐饮服务部", kind="port_food")
    FoodLicenceFactory(enterprise=caterer, number="深卫口食证字第0101号")
    suspended = FoodLicenceFactory(enterprise=caterer, number="深卫口食证字第0102号", status="suspended")
    login(phone, "inspector_wjd")
    phone.goto("/portlines/licences/")
    phone.select_option("select[name=status]", "suspended")
    phone.wait_for_selector("[data-testid=licences-export][href*='status=suspended']")
    assert "0101" not in phone.inner_text("[data-testid=licences]")
    screenshot(phone, "portlines-licences-filtered-phone")
    with phone.expect_download() as info:
        phone.get_by_test_id("licences-export").click()
    with open(info.value.path(), "rb") as f:
        rows = list(load_workbook(io.BytesIO(f.read())).worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "许可证编号" and [r[0] for r in rows[1:]] == [suspended.number]
