"""The hazard review queue as a risk analyst clicks it on a phone: accept a foreign name under the Chinese name
the standards give, merge a spelling into a hazard already in the catalogue, reject one that is no hazard."""

import pytest

from guomen.catalog.choices import HazardKind
from guomen.catalog.models import Hazard, HazardSynonym
from guomen.catalog.tests.factories import HazardFactory

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def _pending(name: str, kind=HazardKind.OTHER) -> Hazard:
    return HazardFactory(
        code=f"rasff-{name[:20]}",
        name_en=name,
        name_zh=name,
        scientific_name="",
        kind=kind,
        needs_review=True,
    )


def _act(page, hazard: Hazard, action: str):
    card = page.locator(f"[data-hazard='{hazard.pk}']")
    with page.expect_navigation():
        card.locator(f"form:has(input[name=action][value={action}]) button[type=submit]").click()


def test_accept_merge_and_reject(orgs, analyst, phone, screenshot):
    salmonella = HazardFactory(
        code="salmonella", name_zh="沙门氏菌", name_en="Salmonella", kind=HazardKind.MICROBIOLOGICAL
    )
    chlorpyrifos = _pending("chlorpyrifos", HazardKind.PESTICIDE_RESIDUE)
    spelling = _pending("Salmonella spp.", HazardKind.MICROBIOLOGICAL)
    noise = _pending("poor temperature log")
    login(phone, "analyst_sz")
    phone.goto("/catalog/hazards/review/")
    screenshot(phone, "hazard-review-phone")
    card = phone.locator(f"[data-hazard='{chlorpyrifos.pk}']")
    assert card.locator("input[name=name_zh]").input_value() == "毒死蜱"  # from GB 2763
    _act(phone, chlorpyrifos, "accept")
    assert "已接受" in phone.inner_text(".alert-success")

    assert "沙门氏菌" in phone.inner_text(f"[data-hazard='{spelling.pk}']")
    _act(phone, spelling, "merge")
    assert "已合并到沙门氏菌" in phone.inner_text(".alert-success")

    phone.locator(f"[data-hazard='{noise.pk}'] input[name=reason]").fill("温度记录问题，不是危害")
    _act(phone, noise, "reject")
    assert "已驳回" in phone.inner_text(".alert-success")
    assert "没有待审核的危害" in phone.inner_text("main")

    chlorpyrifos.refresh_from_db()
    noise.refresh_from_db()
    assert (chlorpyrifos.needs_review, chlorpyrifos.name_zh) == (False, "毒死蜱")
    assert not Hazard.objects.filter(pk=spelling.pk).exists()
    assert HazardSynonym.objects.filter(hazard=salmonella).exists()
    assert noise.rejected_at is not None
