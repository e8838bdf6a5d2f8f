"""The portal shows only published information: unpublished records and personal data stay out of reach."""

import json

import pytest
from django.test import override_settings
from django.urls import reverse

from guomen.catalog.tests.factories import (
    CountryFactory,
    HazardFactory,
    HsCodeFactory,
    ImportRequirementFactory,
)
from guomen.complaints.tests.factories import submit
from guomen.declarations.tests.factories import DeclarationFactory
from guomen.documents.tests.factories import make_document
from guomen.portal import sources

from .factories import PublicDecisionFactory

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "portal:home",
    "portal:warnings",
    "portal:spot_checks",
    "portal:blacklist",
    "portal:credit",
    "portal:decisions",
    "portal:requirements",
    "portal:consignment",
    "complaints:submit",
    "complaints:track",
]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_open_without_login_in_chinese_and_english(client, orgs, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert 'lang="zh-hans"' in response.content.decode()
    client.cookies.load({"django_language": "en"})
    english = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 200 and 'lang="en"' in english.content.decode()


def test_unpublished_decisions_cannot_be_reached_by_id_or_search(client, orgs):
    hidden = PublicDecisionFactory(
        org=orgs["SZ"], decision_number="深关缉违字〔2026〕9999号", enterprise_name="隐秘公司"
    )
    shown = PublicDecisionFactory(org=orgs["SZ"], published=True)
    assert client.get(reverse("portal:decision", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("portal:decision", args=[shown.pk])).status_code == 200
    for q in ("9999", "隐秘", hidden.decision_number):
        assert "隐秘公司" not in client.get(reverse("portal:decisions"), {"q": q}).content.decode()
        assert client.get("/api/v1/public/decisions", {"q": q}).json()["count"] == 0
    assert client.get(f"/api/v1/public/decisions/{hidden.pk}").status_code == 404


def test_personal_data_of_complaints_is_not_reachable_from_public_pages(client, orgs):
    complaint = submit(org=orgs["SZ"])
    for url in (
        reverse("complaints:track_detail", args=[complaint.tracking_code]),
        f"/api/v1/complaints/public/{complaint.tracking_code}",
    ):
        body = client.get(url).content.decode()
        assert "王小明" not in body and "13800138000" not in body
    assert client.get("/api/v1/public/decisions", {"q": "王小明"}).json()["count"] == 0
    assert client.get(reverse("complaints:detail", args=[complaint.pk])).status_code == 302
    assert client.get(f"/api/v1/complaints/{complaint.pk}").status_code == 401


def test_documents_not_marked_public_are_not_found(client, orgs):
    internal = make_document(title="布控参数内部说明")
    public = make_document(title="进境水果检疫须知", public=True)
    assert client.get(reverse("portal:document", args=[internal.pk])).status_code == 404
    assert client.get(reverse("portal:document", args=[public.pk])).status_code == 200


def test_a_public_document_still_being_indexed_says_its_text_is_coming(client, orgs):
    from guomen.documents.models import Document

    doc = make_document(title="进境水果检疫须知", public=True)
    Document.objects.filter(pk=doc.pk).update(
        text="", index_state="queued"
    )  # an upload the worker has not read yet
    page = client.get(reverse("portal:document", args=[doc.pk])).content.decode()
    assert 'data-testid="text-pending"' in page and "进境水果检疫须知" in page


@pytest.fixture
def durian_requirement():
    thailand = CountryFactory(code="TH")
    durian = HsCodeFactory(code="081060")
    pest = HazardFactory(name_zh="南洋臀纹粉蚧", scientific_name="Planococcus lilacinus")
    req = ImportRequirementFactory(
        hs=durian, origin=thailand, required_treatment="", protocol="泰国水果输华议定书"
    )
    req.pests.add(pest)
    protocol = make_document(
        kind="protocol",
        title="泰国鲜榴莲输华植物检疫要求",
        public=True,
        commodities=[durian],
        countries=[thailand],
    )
    internal = make_document(kind="protocol", title="榴莲查验作业指导（内部）", commodities=[durian])
    return req, protocol, internal


def test_requirements_show_pests_marking_and_public_documents(client, durian_requirement):
    req, protocol, internal = durian_requirement
    listing = client.get(
        reverse("portal:requirements"), {"commodity": "榴莲", "origin": "TH"}
    ).content.decode()
    assert reverse("portal:requirement", args=[req.pk]) in listing
    page = client.get(reverse("portal:requirement", args=[req.pk])).content.decode()
    assert "南洋臀纹粉蚧" in page and "输往中华人民共和国" in page
    assert protocol.title in page and internal.title not in page
    api = client.get("/api/v1/public/requirements", {"commodity": "0810"}).json()["results"][0]
    assert api["documents"] == [{"id": protocol.pk, "number": "", "title": protocol.title}]


def test_consignment_status_shows_status_only_for_the_right_code(client, orgs):
    decl = DeclarationFactory(port=orgs["WJD"], status="released", verification_code="K7P2Q9")
    url = reverse("portal:consignment")
    page = client.post(url, {"number": decl.number.lower(), "code": "k7p2q9"}).content.decode()
    assert 'data-testid="consignment-status"' in page
    assert decl.declarant.name_zh not in page and decl.consignor_name not in page
    wrong = client.post(url, {"number": decl.number, "code": "000000"})
    assert wrong.status_code == 404 and 'data-testid="consignment-status"' not in wrong.content.decode()


@override_settings(GUOMEN_RATE_LIMITS={"consignment_lookup": (3, 600)})
def test_guessing_verification_codes_is_rate_limited(client, orgs):
    decl = DeclarationFactory(port=orgs["WJD"], verification_code="K7P2Q9")
    for guess in ("AAAAAA", "BBBBBB", "CCCCCC"):
        client.post(reverse("portal:consignment"), {"number": decl.number, "code": guess})
    blocked = client.post(reverse("portal:consignment"), {"number": decl.number, "code": "K7P2Q9"})
    assert blocked.status_code == 429
    api = client.post(
        "/api/v1/public/consignment-status",
        json.dumps({"number": decl.number, "verification_code": "K7P2Q9"}),
        content_type="application/json",
    )
    assert api.status_code == 429


@pytest.mark.parametrize("code", ["检疫检疫", "' OR '1'='1", "x" * 500, ""])
def test_hostile_lookups_never_error(client, orgs, code):
    decl = DeclarationFactory(port=orgs["WJD"])
    response = client.post(reverse("portal:consignment"), {"number": decl.number, "code": code})
    assert response.status_code in (200, 404)


def test_warnings_and_supervision_sections_show_what_their_owners_publish(client, orgs, monkeypatch):
    monkeypatch.setattr(
        sources,
        "consumer_warnings",
        lambda: [
            {
                "title": "关于谨慎购买某品牌奶粉的消费提示",
                "number": "W-1",
                "text": "…",
                "commodity": "",
                "origin": "",
                "hazard": "",
                "published_on": None,
                "until": None,
            }
        ],
    )
    monkeypatch.setattr(
        sources,
        "blacklist",
        lambda f: [
            {
                "enterprise_name": "失信公司",
                "uscc": "X",
                "reason": "伪造证书",
                "legal_basis": "",
                "listed_on": None,
            }
        ],
    )
    assert "某品牌奶粉" in client.get(reverse("portal:home")).content.decode()
    assert "失信公司" in client.get(reverse("portal:blacklist")).content.decode()


def test_a_missing_source_shows_unavailable_instead_of_failing(client, orgs, monkeypatch):
    monkeypatch.setattr(sources, "_reader", lambda module, name: None)
    assert client.get(reverse("portal:spot_checks")).status_code == 200
    assert client.get("/api/v1/public/blacklist").status_code == 404


def _published_check(label: str, selection: str) -> dict:
    return {
        "enterprise_name": "深圳市抽查对象有限公司",
        "uscc": "91440300MA5F00000X",
        "result_label": "合格",
        "checked_on": None,
        "plan": "2026年度双随机抽查",
        "inspector_selection": selection,
        "inspector_selection_label": label,
    }


def test_spot_check_results_say_when_inspectors_were_assigned_by_hand(client, orgs, monkeypatch):
    monkeypatch.setattr(sources, "spot_check_results", lambda f: [_published_check("人工指派", "manual")])
    page = client.get(reverse("portal:spot_checks")).content.decode()
    assert 'data-testid="manual-assignment"' in page and "人工指派" in page


def test_spot_check_results_drawn_at_random_carry_no_mark(client, orgs, monkeypatch):
    monkeypatch.setattr(sources, "spot_check_results", lambda f: [_published_check("随机抽取", "random")])
    page = client.get(reverse("portal:spot_checks")).content.decode()
    assert "深圳市抽查对象有限公司" in page and 'data-testid="manual-assignment"' not in page
