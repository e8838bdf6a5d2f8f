"""What the destination demands drives the checklist of an export's inspection: the MRLs of listed substances
(Japan, Korea, the EU), the phytosanitary inspection of plant products, the 供港澳 requirements; each item shows
its source on the phone."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from guomen.catalog.tests.factories import CountryFactory
from guomen.declarations.tests.factories import DeclarationLineFactory
from guomen.exports.requirements import REQUIREMENTS, destination_checks
from guomen.inspections.checklist import checklist_build
from guomen.inspections.services import inspection_task_open

from .factories import export_declaration, lychee

pytestmark = pytest.mark.django_db


def _task(orgs, exporter, destination, channel="physical", direction="export"):
    declaration = export_declaration(
        orgs["WJD"],
        exporter,
        status="under_inspection",
        channel=channel,
        destination=destination,
        direction=direction,
    )
    DeclarationLineFactory(
        declaration=declaration, line_no=1, hs=lychee(), description="鲜荔枝", quantity=Decimal("500")
    )
    return inspection_task_open(declaration=declaration, channel=channel, instruction="出口查验")


def _codes(task) -> dict:
    return {i.code: i for i in checklist_build(task, []) if i.code.startswith("dest.")}


def test_japan_demands_its_mrls_and_the_phytosanitary_inspection(orgs, exporter, site):
    items = _codes(_task(orgs, exporter, "JP"))
    assert set(items) == {"dest.mrl.jp.plant", "dest.phyto"}
    mrl = items["dest.mrl.jp.plant"]
    assert "毒死蜱" in mrl.title and "日本" in mrl.title and mrl.kind == "physical"
    assert "肯定列表" in mrl.source


def test_hong_kong_demands_the_supply_requirements_not_foreign_mrls(orgs, exporter, site):
    items = _codes(_task(orgs, exporter, "HK"))
    assert set(items) == {"dest.phyto", "dest.hkmo.label", "dest.hkmo.loading"}
    assert "供港澳" in items["dest.hkmo.label"].source


def test_a_document_check_keeps_only_the_checks_made_on_papers_and_labels(orgs, exporter, site):
    assert set(_codes(_task(orgs, exporter, "HK", channel="document"))) == {"dest.hkmo.label"}


def test_an_import_gets_no_destination_checks(orgs, exporter, site):
    assert _codes(_task(orgs, exporter, "JP", direction="import")) == {}


def test_the_table_covers_the_eu_and_korea_and_animal_products():
    CountryFactory(code="KR")
    assert [c.code for c in destination_checks("DE", ["0303890000"])] == ["dest.mrl.eu.animal"]
    assert [c.code for c in destination_checks("KR", ["081090"])] == ["dest.mrl.kr.plant", "dest.phyto"]
    assert destination_checks("", ["081090"]) == [] and destination_checks("US", ["8471"]) == []
    assert len({r.code for r in REQUIREMENTS}) == len(REQUIREMENTS)


def test_the_phone_checklist_shows_each_destination_check_with_its_source(orgs, exporter, site, inspector):
    task = _task(orgs, exporter, "JP")
    client = Client()
    client.force_login(inspector)
    html = client.get(reverse("inspections:task_detail", args=[task.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = html.content.decode()
    assert 'data-code="dest.mrl.jp.plant"' in html and 'data-testid="check-source"' in html
    assert "目的地要求" in html and "肯定列表" in html
