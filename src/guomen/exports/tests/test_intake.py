"""An export declaration names its production batches as it is submitted (form and API): the declarant's own, for
the declared destination and a declared commodity, attached in the intake's transaction; a flagged batch never
leaves on the green channel at intake."""

import json
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from guomen.clearance.services import submit as submit_module
from guomen.declarations.models import Declaration
from guomen.exports.models import DeclarationBatch
from guomen.registry.tests.factories import EnterpriseFactory

from .factories import make_batch, make_site

pytestmark = pytest.mark.django_db
CONSIGNEE_ABROAD = {  # lychees get a phytosanitary certificate: the consignee abroad is required
    "foreign_consignee_name": "Tokyo Fresh Fruits K.K.",
    "foreign_consignee_address": "3-1 Tsukiji, Chuo-ku, Tokyo",
    "foreign_consignee_country": "JP",
}


def _body(exporter, numbers, *, destination="JP", hs="081090", direction="export"):
    return {
        "direction": direction,
        "port": "WJD",
        "declarant_uscc": exporter.uscc,
        "consignor_name": exporter.name_zh,
        "origin_country": "CN",
        "destination_country": destination,
        "transport": "truck",
        "arrival_date": timezone.localdate().isoformat(),
        "lines": [
            {
                "hs_code": hs,
                "description": "鲜荔枝",
                "quantity": 500,
                "unit": "kg",
                "net_weight_kg": 500,
                "value": 2000,
                "currency": "USD",
            }
        ],
        "batch_numbers": numbers,
        **CONSIGNEE_ABROAD,
    }


def _post(user, body):
    client = Client()
    client.force_login(user)
    return client.post("/api/v1/declarations", json.dumps(body), content_type="application/json")


@pytest.fixture
def jp_site(exporter):
    return make_site(exporter, hk_macao=False, number="SZCK20260009")  # no supervised loading to Japan


@pytest.fixture
def green(monkeypatch):
    """Targeting chooses the green channel: only the release rules may stop the release at intake."""
    real = submit_module.decide

    def decide(*, declaration, actor):
        real(declaration=declaration, actor=actor)
        return SimpleNamespace(channel="release", instruction="")

    monkeypatch.setattr(submit_module, "decide", decide)


def test_a_clean_batch_is_attached_at_intake_and_releases(exporter, exporter_user, jp_site, green):
    batch = make_batch(jp_site, destination="JP")
    response = _post(exporter_user, _body(exporter, [batch.number]))
    assert response.status_code == 201, response.content
    declaration = Declaration.objects.get(number=response.json()["number"])
    assert [link.batch_id for link in DeclarationBatch.objects.filter(declaration=declaration)] == [batch.pk]
    assert declaration.status == "released"


def test_a_flagged_batch_never_releases_on_the_green_channel(exporter, exporter_user, jp_site, green):
    batch = make_batch(jp_site, destination="JP", flagged=True)
    response = _post(exporter_user, _body(exporter, [batch.number.lower()]))
    assert response.status_code == 201, response.content
    declaration = Declaration.objects.get(number=response.json()["number"])
    assert declaration.status == "under_inspection" and declaration.channel == "document"
    from guomen.inspections.models import InspectionTask

    task = InspectionTask.objects.get(declaration=declaration)
    assert batch.number in task.instruction and "孔雀石绿" in task.instruction


@pytest.mark.parametrize(
    "case",
    ["unknown", "other_enterprise", "destination", "commodity", "import"],
)
def test_a_batch_that_does_not_fit_is_refused_naming_the_field(case, orgs, exporter, exporter_user, jp_site):
    batch = make_batch(jp_site, destination="JP")
    body = _body(exporter, [batch.number])
    if case == "unknown":
        body["batch_numbers"] = ["PCWJD209901010001"]
    elif case == "other_enterprise":
        other = make_site(EnterpriseFactory(org=orgs["WJD"]), hk_macao=False, number="SZCK20260077")
        body["batch_numbers"] = [make_batch(other, number="PCWJD202612060077", destination="JP").number]
    elif case == "destination":
        body["destination_country"] = "HK"
    elif case == "commodity":
        from guomen.catalog.tests.factories import HsCodeFactory

        body["lines"][0]["hs_code"] = HsCodeFactory(code="080450").code
    else:
        body.update(direction="import", origin_country="JP", destination_country=None)
        for name in CONSIGNEE_ABROAD:
            del body[name]
    response = _post(exporter_user, body)
    assert response.status_code in (400, 422), response.content
    assert "batch_numbers" in json.dumps(response.json())
    assert not Declaration.objects.exists() and not DeclarationBatch.objects.exists()


def test_the_form_names_batches_and_shows_a_refusal_on_the_field(exporter, exporter_user, jp_site):
    batch = make_batch(jp_site, destination="JP")
    data = {
        "direction": "export",
        "port": "WJD",
        "declarant_uscc": exporter.uscc,
        "consignee_uscc": "",
        "consignor_name": exporter.name_zh,
        "origin_country": "CN",
        "destination_country": "JP",
        "transport": "truck",
        "transport_id": "",
        "arrival_date": timezone.localdate().isoformat(),
        "batch_numbers": f"{batch.number}，PCWJD209901010001",
        **CONSIGNEE_ABROAD,
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-hs_code": "081090",
        "lines-0-description": "鲜荔枝",
        "lines-0-quantity": "500",
        "lines-0-unit": "kg",
        "lines-0-net_weight_kg": "500",
        "lines-0-value": "2000",
        "lines-0-currency": "USD",
        "lines-0-production_base_codes": "",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
    }
    client = Client()
    client.force_login(exporter_user)
    response = client.post("/declarations/new/", data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 422
    assert "PCWJD209901010001" in response.content.decode() and not Declaration.objects.exists()
    data["batch_numbers"] = batch.number
    response = client.post("/declarations/new/", data)
    assert response.status_code == 302
    assert DeclarationBatch.objects.get().batch_id == batch.pk


def test_naming_batches_costs_two_fixed_statements_whatever_their_number(exporter, exporter_user, jp_site):
    """One read of the batches and one write of the links; the release-rule facts then need none of their own
    (before batches were named at intake, the facts read them in one statement: one more in all)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    batches = [make_batch(jp_site, destination="JP", number=f"PCWJD20261206{n:04d}") for n in range(1, 5)]

    def count(numbers):
        with CaptureQueriesContext(connection) as ctx:
            assert _post(exporter_user, _body(exporter, numbers)).status_code == 201
        return len(ctx.captured_queries)

    count([])  # reference data read once
    none, one, four = count([]), count([batches[0].number]), count([b.number for b in batches])
    assert one == four and one - none <= 2


def test_the_declaration_api_lists_the_named_batches_and_the_consignee_abroad(
    exporter, exporter_user, jp_site
):
    batch = make_batch(jp_site, destination="JP")
    number = _post(exporter_user, _body(exporter, [batch.number])).json()["number"]
    client = Client()
    client.force_login(exporter_user)
    detail = client.get(f"/api/v1/declarations/{number}").json()
    assert detail["batch_numbers"] == [batch.number]
    assert (detail["foreign_consignee_name"], detail["foreign_consignee_country"]) == (
        "Tokyo Fresh Fruits K.K.",
        "JP",
    )
    (row,) = client.get("/api/v1/declarations").json()["results"]
    assert row["batch_numbers"] == [batch.number]


def test_the_declaration_list_reads_the_batches_of_a_page_in_one_statement(exporter, exporter_user, jp_site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(exporter_user)

    def statements():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/declarations").status_code == 200
        return len(ctx.captured_queries)

    _post(exporter_user, _body(exporter, [make_batch(jp_site, destination="JP").number]))
    one = statements()
    for n in range(2, 5):
        batch = make_batch(jp_site, destination="JP", number=f"PCWJD20261206{n:04d}")
        _post(exporter_user, _body(exporter, [batch.number]))
    assert statements() == one


def test_the_declaration_page_links_its_batches_and_shows_the_consignee_abroad(
    exporter, exporter_user, jp_site
):
    batch = make_batch(jp_site, destination="JP")
    number = _post(exporter_user, _body(exporter, [batch.number])).json()["number"]
    client = Client()
    client.force_login(exporter_user)
    html = client.get(f"/declarations/{number}/").content.decode()
    assert f'href="/exports/batches/{batch.number}/"' in html
    assert "Tokyo Fresh Fruits K.K." in html


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"foreign_consignee_country": "XX"}, "foreign_consignee_country"),
        (
            {"foreign_consignee_name": "", "foreign_consignee_address": "", "foreign_consignee_country": ""},
            "foreign_consignee_name",
        ),
        ({"foreign_consignee_address": ""}, "foreign_consignee_address"),
    ],
)
def test_a_bad_consignee_abroad_is_refused_naming_the_field(change, field, exporter, exporter_user, jp_site):
    body = {**_body(exporter, []), **change}
    response = _post(exporter_user, body)
    assert response.status_code == 422 and field in response.json()["fields"]
    assert not Declaration.objects.exists()


def test_an_alpha3_code_of_the_consignee_abroad_is_kept_as_alpha2(exporter, exporter_user, jp_site):
    body = {**_body(exporter, []), "foreign_consignee_country": "jpn"}
    assert _post(exporter_user, body).status_code == 201
    assert Declaration.objects.get().foreign_consignee_country == "JP"
