"""Export what I see: on the task, sample and enterprise lists, filter, click 导出 Excel, get the rows shown."""

import io

import pytest
from openpyxl import load_workbook

from guomen.inspections.tests.factories import open_task
from guomen.labs.services import sample_custody
from guomen.labs.tests.factories import LaboratoryFactory, register
from guomen.registry.tests.factories import EnterpriseFactory

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def _download(page, test_id: str) -> list[tuple]:
    with page.expect_download() as info:
        page.get_by_test_id(test_id).click()
    with open(info.value.path(), "rb") as f:
        data = f.read()
    return list(load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(values_only=True))


def test_the_sample_list_exports_the_filtered_rows(desk, orgs, inspector, supervisor, screenshot):
    lab = LaboratoryFactory(org=orgs["WJD"])
    kept = register(open_task(orgs["WJD"]), inspector, lab)
    sealed = register(open_task(orgs["WJD"]), inspector, lab)
    sample_custody(sample=sealed, step="sealed", scanned_code=sealed.number, actor=inspector)
    login(desk, "supervisor_sz")
    desk.goto("/labs/samples/")
    desk.select_option("select[name=status]", "sealed")
    desk.wait_for_url("**status=sealed**")
    desk.get_by_text(sealed.number).wait_for()
    assert kept.number not in desk.inner_text("#results")
    screenshot(desk, "lab-sample-list-filtered")
    rows = _download(desk, "sample-export")
    assert rows[0][0] == "样品编号" and [r[0] for r in rows[1:]] == [sealed.number]


def test_the_enterprise_list_exports_the_filtered_rows(desk, orgs, inspector, screenshot):
    EnterpriseFactory(org=orgs["WJD"], name_zh="深圳鲜果进口公司", kind="importer")
    exporter = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳蔬菜出口公司", kind="exporter")
    login(desk, "inspector_wjd")
    desk.goto("/registry/enterprises/")
    desk.select_option("select[name=kind]", "exporter")
    desk.wait_for_url("**kind=exporter**")
    screenshot(desk, "enterprise-list-filtered")
    rows = _download(desk, "enterprise-export")
    assert [r[0] for r in rows[1:]] == [exporter.name_zh]


def test_the_task_list_exports_the_filtered_rows(phone, orgs, inspector, screenshot):
    document = open_task(orgs["WJD"], channel="document")
    open_task(orgs["WJD"], channel="physical")
    login(phone, "inspector_wjd")
    phone.goto("/inspections/my_tasks/")
    phone.select_option("#task-channel", "document")
    phone.get_by_test_id("task-filters").get_by_role("button").click()
    phone.wait_for_url("**channel=document**")
    screenshot(phone, "my-tasks-filtered")
    rows = _download(phone, "task-export")
    assert [r[0] for r in rows[1:]] == [document.declaration.number]
