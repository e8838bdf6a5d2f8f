"""The inspector's phone checklist of an export to Japan lists what Japan demands (MRLs of listed substances, the
phytosanitary inspection), each with its source, in Chinese and without sideways scrolling."""

from decimal import Decimal

import pytest

from guomen.declarations.tests.factories import DeclarationLineFactory
from guomen.exports.tests.factories import EnterpriseFactory, export_declaration, lychee
from guomen.inspections.services import inspection_task_open

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_phone_checklist_shows_the_destinations_requirements(phone, orgs, inspector, screenshot):
    exporter = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳市鲜果出口有限公司", kind="exporter")
    declaration = export_declaration(
        orgs["WJD"], exporter, status="under_inspection", channel="physical", destination="JP"
    )
    DeclarationLineFactory(
        declaration=declaration, line_no=1, hs=lychee(), description="鲜荔枝", quantity=Decimal("500")
    )
    task = inspection_task_open(declaration=declaration, channel="physical", instruction="出口查验")

    login(phone, inspector.username)
    phone.goto(f"/inspections/tasks/{task.pk}/")
    item = phone.locator('[data-testid=check-item][data-code="dest.mrl.jp.plant"]')
    item.scroll_into_view_if_needed()
    text = item.inner_text()
    assert "日本" in text and "毒死蜱" in text and "目的地要求依据" in text and "肯定列表" in text
    assert phone.locator('[data-testid=check-item][data-code="dest.phyto"]').count() == 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "phone-export-checklist")
