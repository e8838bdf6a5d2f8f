"""The port lines as people click them on a phone: a supervisor files a port caterer's food hygiene licence, an
inspector records its annual grade, the supervisor suspends it with a reason and the enterprise page shows it;
an agency finding is penalised."""

import pytest
from django.utils import timezone

from guomen.portlines.models import AgencyFinding, FoodLicence
from guomen.registry.tests.factories import EnterpriseFactory
from guomen.supervision.models import CreditEvent

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_licence_grade_suspend_and_agency_penalty_on_a_phone(orgs, supervisor, inspector, phone, screenshot):
    caterer = EnterpriseFactory(org=orgs["WJD"], name_zh="文锦渡口岸旅检餐饮服务部", kind="port_food")
    agency = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳华检检验鉴定有限公司", kind="inspection_agency")
    today = timezone.localdate().isoformat()
    login(phone, "supervisor_sz")
    phone.goto("/portlines/licences/")
    phone.click("[data-testid=record-new]")
    phone.fill("#id_enterprise", caterer.uscc)
    phone.fill("#id_number", "深卫口食证字〔2026〕第0012号")
    phone.select_option("#id_business", "catering")
    phone.fill("#id_premises", "文锦渡口岸旅检大楼二层")
    phone.fill("#id_valid_from", "2026-01-01")
    phone.fill("#id_valid_until", "2030-01-01")
    phone.click("[data-testid=record-form] button[type=submit]")
    phone.wait_for_selector("[data-testid=licence-status]")
    assert phone.inner_text("[data-testid=licence-status]") == "有效"

    phone.context.clear_cookies()
    login(phone, "inspector_wjd")
    phone.goto("/portlines/licences/")
    phone.click("text=记录年度量化分级")
    phone.select_option("[data-testid=grade-form] select[name=grade]", "C")
    phone.fill("[data-testid=grade-form] input[name=graded_on]", today)
    phone.click("text=记录等级")
    phone.wait_for_selector("[data-testid=licence-grade]")
    assert "C" in phone.inner_text("[data-testid=licence-grade]")

    phone.context.clear_cookies()
    login(phone, "supervisor_sz")
    phone.goto("/portlines/licences/")
    phone.click("text=变更状态")
    phone.select_option("select[name=to]", "suspended")
    phone.fill("input[name=reason]", "量化分级C级,责令停业整改")
    phone.click("form button:has-text('变更状态')")
    phone.wait_for_selector("[data-testid=licence-status]:has-text('暂停')")
    screenshot(phone, "portlines-licences-phone")
    assert FoodLicence.objects.get().status == "suspended"
    phone.goto(f"/registry/enterprises/{caterer.pk}/")
    assert "责令停业整改" in phone.inner_text("[data-testid=licence-alert]")

    phone.context.clear_cookies()
    login(phone, "inspector_wjd")
    phone.goto("/portlines/findings/")
    phone.click("[data-testid=record-new]")
    phone.fill("#id_enterprise", agency.uscc)
    phone.select_option("#id_check_kind", "goods")
    phone.fill("#id_found_on", today)
    phone.fill("#id_description", "验货报告照片与实际货物不符")
    phone.click("[data-testid=record-form] button[type=submit]")
    phone.wait_for_selector("[data-testid=finding-status]")

    phone.context.clear_cookies()
    login(phone, "supervisor_sz")
    phone.goto("/portlines/findings/")
    phone.click("text=作出处理决定")
    phone.fill("input[name=penalty]", "警告,暂停验货业务一个月")
    phone.fill("input[name=reason]", "口岸天平行动检查属实")
    phone.click("form button:has-text('作出处理决定')")
    phone.wait_for_selector("[data-testid=finding-status]:has-text('已处罚')")
    screenshot(phone, "portlines-findings-phone")
    assert AgencyFinding.objects.get().status == "penalised"
    assert CreditEvent.objects.filter(enterprise=agency, kind="violation").exists()
