"""A person files a complaint on a phone, staff handle it to closure, the person reads the reply."""

import io

import pytest
from django.core.cache import cache

from guomen.risk.models import RiskSignal

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), (180, 40, 40)).save(out, format="PNG")
    return out.getvalue()


def _logout(page):
    page.context.clear_cookies()


def test_complaint_from_phone_to_closure_and_back_to_the_complainant(
    phone, desk, orgs, supervisor, inspector, screenshot
):
    cache.clear()
    phone.goto("/complaints/submit/")
    phone.fill("input[name=product]", "泰国进口榴莲")
    phone.fill("input[name=place]", "深圳市罗湖区东门某水果店")
    phone.fill("input[name=enterprise_name]", "深圳市万家果业进出口有限公司")
    phone.fill("textarea[name=description]", "榴莲果肉有虫，家人食用后腹泻，请核查。")
    phone.select_option("select[name=org]", label="深圳局")
    phone.set_input_files(
        "input[name=photos]", files=[{"name": "durian.png", "mimeType": "image/png", "buffer": _png()}]
    )
    phone.fill("input[name=contact_phone]", "13800138000")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "complaint-form-phone")
    with phone.expect_navigation():
        phone.click("form[data-testid=complaint-form] button[type=submit]")
    code = phone.locator("[data-testid=tracking-code]").inner_text().strip()
    assert code.startswith("TS")
    assert phone.locator("[data-testid=track-status]").inner_text() == "已受理"
    screenshot(phone, "complaint-tracking-code-phone")

    login(desk, "supervisor_sz")
    desk.goto("/complaints/")
    desk.click(f"text={code}")
    desk.select_option("form[data-testid=triage-form] select[name=category]", "product_safety")
    desk.select_option("form[data-testid=triage-form] select[name=org]", label="文锦渡局")
    desk.select_option("form[data-testid=triage-form] select[name=assignee]", label="inspector_wjd")
    with desk.expect_navigation():
        desk.click("form[data-testid=triage-form] button[type=submit]")
    assert desk.locator("[data-testid=complaint-status]").inner_text() == "处理中"
    assert RiskSignal.objects.filter(source="complaint").count() == 1
    _logout(desk)

    login(desk, "inspector_wjd")
    desk.goto("/complaints/?mine=1")
    desk.click(f"text={code}")
    desk.fill(
        "form[data-testid=reply-form] textarea[name=reply]", "经现场核查，涉事批次已下架封存，企业已召回。"
    )
    with desk.expect_navigation():
        desk.click("form[data-testid=reply-form] button[type=submit]")
    assert desk.locator("[data-testid=complaint-status]").inner_text() == "已答复"
    _logout(desk)

    login(desk, "supervisor_sz")
    desk.goto("/complaints/")
    desk.click(f"text={code}")
    desk.select_option("form[data-testid=close-form] select[name=outcome]", "substantiated")
    with desk.expect_navigation():
        desk.click("form[data-testid=close-form] button[type=submit]")
    assert desk.locator("[data-testid=complaint-status]").inner_text() == "已办结"
    screenshot(desk, "complaint-closed-desk")

    phone.goto("/complaints/track/")
    phone.fill("input[name=code]", code.lower())
    with phone.expect_navigation():
        phone.click("main button[type=submit]")
    assert "涉事批次已下架封存" in phone.locator("[data-testid=track-reply]").inner_text()
    assert phone.locator("[data-testid=track-status]").inner_text() == "已办结"
    assert "13800138000" not in phone.content()
    screenshot(phone, "complaint-reply-phone")


def test_a_rejected_submission_keeps_the_text_on_the_phone(phone, orgs):
    cache.clear()
    phone.goto("/complaints/submit/")
    phone.fill("input[name=product]", "进口奶粉")
    phone.fill("textarea[name=description]", "罐内有异物，疑似金属碎片。")
    phone.set_input_files(
        "input[name=photos]", files=[{"name": "x.jpg", "mimeType": "image/jpeg", "buffer": b"not an image"}]
    )
    with phone.expect_navigation():
        phone.click("form[data-testid=complaint-form] button[type=submit]")
    assert phone.locator("[data-testid=form-rejected]").is_visible()
    assert phone.input_value("textarea[name=description]") == "罐内有异物，疑似金属碎片。"
    assert phone.input_value("input[name=product]") == "进口奶粉"


def test_a_complaint_against_an_inspection_agency_reaches_its_unit_and_shows_on_its_page(
    phone, desk, orgs, supervisor, make_user, screenshot
):
    from guomen.accounts.choices import Role
    from guomen.registry.tests.factories import EnterpriseFactory

    cache.clear()
    agency = EnterpriseFactory(org=orgs["HG"], name_zh="深圳华测检验鉴定有限公司", kind="inspection_agency")
    make_user(Role.SUPERVISOR, orgs["HG"], username="supervisor_hg")
    phone.goto("/complaints/submit/")
    phone.fill("input[name=product]", "出口服装验货报告")
    phone.select_option("select[name=agency]", label="深圳华测检验鉴定有限公司")
    phone.fill("textarea[name=description]", "检验鉴定机构未到现场验货即出具合格报告，货到后发现大量不合格。")
    screenshot(phone, "complaint-agency-form-phone")
    with phone.expect_navigation():
        phone.click("form[data-testid=complaint-form] button[type=submit]")
    code = phone.locator("[data-testid=tracking-code]").inner_text().strip()

    login(desk, "supervisor_hg")
    desk.goto("/notifications/")
    desk.get_by_text(code).first.wait_for()
    desk.goto(f"/registry/enterprises/{agency.pk}/")
    panel = desk.locator("[data-testid=agency-complaints]")
    assert panel.locator("[data-testid=agency-complaints-count]").inner_text() == "1"
    assert code in panel.inner_text()
    screenshot(desk, "complaint-agency-enterprise-page")
    panel.get_by_text(code).click()
    assert "深圳华测检验鉴定有限公司" in desk.locator("[data-testid=complaint-enterprise]").inner_text()
