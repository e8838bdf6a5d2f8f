"""Sampling to approved lab result on phones: task → sample + label → seal, hand over → lab receipt by typed
code → result above the MRL → second analyst approves → the inspector's task shows the non-conforming result."""

import subprocess

import pytest

from guomen.accounts.choices import Role
from guomen.inspections.tests.factories import open_task
from guomen.labs.tests.factories import LaboratoryFactory, chlorpyrifos
from guomen.risk.models import RiskSignal

from .conftest import SHOTS, login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def new_phone(browser, live_server):
    contexts = []

    def _open():
        context = browser.new_context(
            viewport={"width": 390, "height": 844},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale="zh-CN",
            base_url=live_server.url,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield _open
    for context in contexts:
        context.close()


@pytest.fixture
def world(orgs, inspector, lab_analyst, make_user):
    chlorpyrifos(limit="0.05")
    lab = LaboratoryFactory(org=orgs["WJD"])
    make_user(Role.LAB_ANALYST, orgs["WJD"], username="lab_wjd_2")
    return {"task": open_task(orgs["WJD"]), "lab": lab}


def _no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_sample_to_approved_non_conforming_result(phone, new_phone, world, screenshot):
    task = world["task"]

    # The inspector opens the task on the phone and takes a sample
    login(phone, "inspector_wjd")
    phone.goto(f"/inspections/tasks/{task.pk}/")
    phone.get_by_test_id("sample-new").click()
    phone.get_by_test_id("sample-form").wait_for()
    phone.select_option("[data-testid=sample-type]", "fruit_vegetable")
    phone.fill("[data-testid=quantity]", "2")
    phone.select_option("[data-testid=laboratory]", world["lab"].code)
    _no_horizontal_scroll(phone)
    screenshot(phone, "lab-1-sample-form")
    phone.get_by_test_id("register-sample").click()
    number = phone.get_by_test_id("sample-number").inner_text().strip()
    assert number.startswith("YPWJD")
    screenshot(phone, "lab-2-sample-registered")

    # The label PDF opens: Chinese text and the number
    label_url = phone.get_by_test_id("label-pdf").get_attribute("href")
    response = phone.request.get(label_url)
    assert response.headers["content-type"] == "application/pdf"
    SHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SHOTS / "lab-label.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert number in text and "检验检疫样品" in text

    # Sealed, then handed over: each a scan (typed here) of the label
    for step in ("已封样", "已送样"):
        phone.fill("[data-testid=scan-code]", number)
        phone.get_by_test_id("custody-confirm").click()
        phone.get_by_test_id("custody").get_by_text(step).wait_for()
    screenshot(phone, "lab-3-handed-over")

    # The lab analyst receives it by typing the code at the counter and enters a result above the MRL
    lab = new_phone()
    login(lab, "lab_wjd")
    lab.goto("/labs/queue/")
    lab.fill("[data-testid=receive-code]", number.lower())
    lab.get_by_test_id("receive-submit").click()
    assert lab.get_by_test_id("sample-status").inner_text().strip() == "实验室已收样"
    lab.select_option("[data-testid=result-analyte]", "CHLORPYRIFOS")
    lab.fill("[data-testid=result-value]", "0.08")
    lab.select_option("[data-testid=result-unit]", "mg/kg")
    lab.get_by_test_id("save-result").click()
    verdict = lab.get_by_test_id("item-verdict")
    verdict.wait_for()
    assert verdict.inner_text().strip() == "不合格"
    _no_horizontal_scroll(lab)
    screenshot(lab, "lab-4-result-entered")
    lab.get_by_test_id("submit-results").click()
    lab.get_by_test_id("awaiting-second").wait_for()

    # A second analyst approves
    second = new_phone()
    login(second, "lab_wjd_2")
    second.goto(lab.url)
    second.get_by_test_id("approve").click()
    assert second.get_by_test_id("sample-status").inner_text().strip() == "不合格"
    screenshot(second, "lab-5-approved")
    assert RiskSignal.objects.filter(source="lab").count() == 1

    # The inspector's task shows the non-conforming lab result
    phone.goto(f"/inspections/tasks/{task.pk}/")
    samples = phone.get_by_test_id("samples").inner_text()
    assert number in samples and "不合格" in samples
    phone.goto(f"/labs/tasks/{task.pk}/samples/")
    assert phone.get_by_test_id("sample-verdict").inner_text().strip() == "不合格"
    assert "毒死蜱" in phone.get_by_test_id("failing-item").inner_text()
    screenshot(phone, "lab-6-task-samples")
