"""The public portal on a phone: Chinese by default, English on request, nothing wider than the screen."""

import pytest
from django.core.cache import cache

from guomen.catalog.tests.factories import (
    CountryFactory,
    HazardFactory,
    HsCodeFactory,
    ImportRequirementFactory,
)
from guomen.declarations.tests.factories import DeclarationFactory
from guomen.documents.tests.factories import make_document

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def public_data(orgs):
    thailand, durian = CountryFactory(code="TH"), HsCodeFactory(code="081060")
    req = ImportRequirementFactory(hs=durian, origin=thailand, protocol="泰国水果输华植物检疫议定书")
    req.pests.add(HazardFactory(name_zh="南洋臀纹粉蚧", scientific_name="Planococcus lilacinus"))
    make_document(
        kind="protocol",
        title="泰国鲜榴莲输华植物检疫要求",
        public=True,
        commodities=[durian],
        countries=[thailand],
    )
    return {
        "req": req,
        "decl": DeclarationFactory(port=orgs["WJD"], status="released", verification_code="K7P2Q9"),
    }


@pytest.mark.parametrize(
    "path", ["/public/", "/public/requirements/", "/public/consignment/", "/public/decisions/"]
)
def test_public_pages_fit_a_phone(phone, public_data, path, screenshot):
    phone.goto(path)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "portal" + path.replace("/", "-").rstrip("-"))


def test_requirement_with_its_documents_and_the_english_switch(phone, public_data):
    phone.goto("/public/requirements/?commodity=榴莲")
    phone.click("[data-testid=requirements] a")
    assert "南洋臀纹粉蚧" in phone.locator("[data-testid=pests]").inner_text()
    assert "泰国鲜榴莲输华植物检疫要求" in phone.locator("[data-testid=requirement-documents]").inner_text()
    with phone.expect_navigation():
        phone.click("button[name=language][value=en]")
    assert phone.locator("html").get_attribute("lang") == "en"
    assert "Quarantine pests of concern" in phone.content()


def test_a_trader_checks_a_consignment_status(phone, public_data, screenshot):
    cache.clear()
    decl = public_data["decl"]
    phone.goto("/public/consignment/")
    phone.fill("input[name=number]", decl.number)
    phone.fill("input[name=code]", "k7p2q9")
    with phone.expect_navigation():
        phone.click("main form button[type=submit]")
    box = phone.locator("[data-testid=consignment-status]").inner_text()
    assert decl.number in box and "放行" in box
    assert decl.declarant.name_zh not in phone.content()
    screenshot(phone, "portal-consignment-status")
