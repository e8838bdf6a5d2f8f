"""The inspector's phone path: scan (typed code) → dossier → checklist with a pest finding and a photo →
result → supervisor approves "return" → the non-conformity notice PDF, in Chinese."""

import subprocess

import pytest

from guomen.inspections.models import InspectionTask
from guomen.risk.models import RiskSignal

from ._phone_data import durian_requirement, durian_task, photo_file
from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_scan_dossier_checklist_photo_return_and_notice(
    phone, desk, orgs, inspector, supervisor, screenshot, tmp_path
):
    durian_requirement()
    task = durian_task(orgs["WJD"], container="OOLU7654321")
    number = task.declaration.number

    # Scan: the code typed on the scan page opens the task's dossier
    login(phone, "inspector_wjd")
    phone.goto("/inspections/scan/")
    screenshot(phone, "phone-1-scan")
    phone.get_by_test_id("scan-code").fill("oolu7654321")
    phone.get_by_test_id("scan-submit").click()
    phone.get_by_test_id("declaration-number").wait_for()
    assert phone.get_by_test_id("declaration-number").inner_text() == number
    dossier = phone.locator("main").inner_text()
    for expected in ("信用等级 B", "TH-2026-000123", "南洋臀纹粉蚧", "开箱查验，重点检查粉蚧"):
        assert expected in dossier
    assert phone.get_by_test_id("requirement-link").is_visible()
    screenshot(phone, "phone-2-dossier")

    # Checklist: the mealybug item is non-conform; a finding row for it appears; count and a photo
    item = phone.locator('[data-testid=check-item][data-code="pest.PLANLI"]')
    assert "体被白色蜡粉" in item.inner_text()
    item.locator('label[for="c-pest.PLANLI-non_conform"]').click()
    row = phone.get_by_test_id("finding-row").first
    assert row.get_by_test_id("finding-hazard").input_value() == "PLANLI"
    row.get_by_test_id("finding-count").fill("4")
    row.get_by_test_id("finding-photo").set_input_files(str(photo_file(tmp_path)))
    row.get_by_test_id("finding-thumb").wait_for()
    phone.locator('label[for="c-phys.soil-conform"]').click()
    phone.get_by_test_id("outcome-non_conforming").check()
    phone.select_option("select[name=proposed_disposition]", "return")
    screenshot(phone, "phone-3-checklist")
    phone.get_by_test_id("submit-result").click()
    phone.get_by_test_id("result-success").wait_for()
    assert phone.get_by_test_id("finding-photo-shown").count() == 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "phone-4-recorded")

    # The supervisor approves the return
    login(desk, "supervisor_sz")
    desk.goto("/inspections/confirmations/")
    card = desk.get_by_test_id("confirmation-card").filter(has_text=number)
    assert card.get_by_test_id("disposition").input_value() == "return"
    card.get_by_test_id("confirm-disposition").click()
    desk.get_by_test_id("decision-success").wait_for()

    # The inspector opens the non-conformity notice: a PDF in Chinese
    phone.reload()
    link = phone.get_by_test_id("disposition-pdf")
    assert "不合格通知书" in link.inner_text()
    screenshot(phone, "phone-5-closed")
    response = phone.request.get(link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("不合格", "退运", "南洋臀纹粉蚧", number):
        assert expected in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Guomen" in fonts or "Noto" in fonts
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "notice")], check=True
    )

    closed = InspectionTask.objects.get(pk=task.pk)
    assert (closed.status, closed.disposition, closed.declaration.status) == ("closed", "return", "returned")
    assert RiskSignal.objects.filter(source_ref=f"inspections.inspectiontask:{task.pk}").exists()
