"""Targeting of an export: flagged batches and suspensions of the named batches' sites in the last 12 months, and
foreign notifications confirmed against the exporter, raise the check; the reasons are in the explanation only
the bureau reads, never in what the enterprise sees."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from guomen.exports import services
from guomen.exports.floor import FOREIGN_NOTIFICATION, SITE_HISTORY, export_history_floors
from guomen.exports.models import DeclarationBatch
from guomen.targeting.models import TargetingDecision

from .factories import export_declaration, make_batch, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def jp_site(exporter):
    return make_site(exporter, hk_macao=False, number="SZCK20260009")


def _declaration(orgs, exporter, batch):
    declaration = export_declaration(orgs["WJD"], exporter, destination="JP", submitted_at=timezone.now())
    DeclarationBatch.objects.create(declaration=declaration, batch=batch)
    return declaration


def _codes(declaration):
    return {code: params for _c, _r, code, _t, params in export_history_floors(declaration)}


def test_a_clean_history_sets_no_floor_and_an_import_reads_nothing(
    orgs, exporter, jp_site, django_assert_num_queries
):
    declaration = _declaration(orgs, exporter, make_batch(jp_site, destination="JP"))
    with django_assert_num_queries(1):
        assert _codes(declaration) == {}
    declaration.direction = "import"
    with django_assert_num_queries(0):
        assert _codes(declaration) == {}


def test_flagged_batches_and_a_suspension_of_the_site_raise_the_check(orgs, exporter, jp_site, supervisor):
    old = make_batch(jp_site, destination="JP", number="PCWJD202601010001", flagged=True)
    old.harvested_on = timezone.localdate() - dt.timedelta(days=400)  # older than 12 months: not counted
    old.save()
    make_batch(jp_site, destination="JP", number="PCWJD202611010001", flagged=True)
    services.site_set_status(site=jp_site, to="suspended", reason="抽检检出禁用农药", actor=supervisor)
    services.site_set_status(site=jp_site, to="registered", actor=supervisor)
    declaration = _declaration(orgs, exporter, make_batch(jp_site, destination="JP"))
    assert _codes(declaration) == {SITE_HISTORY: {"flagged": 1, "suspended": 1}}


def test_a_confirmed_foreign_notification_raises_the_check_to_sampling(orgs, exporter, jp_site, monkeypatch):
    from guomen.exports import floor

    monkeypatch.setattr(floor, "_history", lambda declaration, since: (0, 0, 2))
    declaration = _declaration(orgs, exporter, make_batch(jp_site, destination="JP"))
    [(channel, rate, code, text, params)] = export_history_floors(declaration)
    assert (channel, rate, code, params) == (
        "physical_sampling",
        1.0,
        FOREIGN_NOTIFICATION,
        {"notifications": 2},
    )


def test_the_reason_is_the_bureaus_alone(orgs, exporter, exporter_user, jp_site, supervisor):
    make_batch(jp_site, destination="JP", number="PCWJD202611010001", flagged=True)
    batch = make_batch(jp_site, destination="JP")
    body = {
        "direction": "export",
        "port": "WJD",
        "declarant_uscc": exporter.uscc,
        "origin_country": "CN",
        "destination_country": "JP",
        "transport": "truck",
        "arrival_date": timezone.localdate().isoformat(),
        "lines": [
            {
                "hs_code": "081090",
                "description": "鲜荔枝",
                "quantity": 500,
                "unit": "kg",
                "net_weight_kg": 500,
                "value": 2000,
            }
        ],
        "batch_numbers": [batch.number],
        "foreign_consignee_name": "Tokyo Fresh Fruits K.K.",
        "foreign_consignee_address": "3-1 Tsukiji, Chuo-ku, Tokyo",
        "foreign_consignee_country": "JP",
    }
    client = Client()
    client.force_login(exporter_user)
    response = client.post("/api/v1/declarations", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    assert "decision" not in response.json() and "flagged" not in response.content.decode()
    decision = TargetingDecision.objects.get(declaration__number=response.json()["number"])
    assert decision.channel in ("physical", "physical_sampling")
    floors = {f["code"]: f for f in decision.explanation["floors"]}
    assert floors[SITE_HISTORY]["drawn"] and floors[SITE_HISTORY]["params"]["flagged"] == 1
    page = client.get(f"/declarations/{decision.declaration.number}/").content.decode()
    assert "export_site_history" not in page and "flagged batches" not in page
