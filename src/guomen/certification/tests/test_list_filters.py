"""One filter definition per certification list (CertificationFilters, CatalogueFilters): the page, the API and the
Excel export give the same rows, within the user's reach."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.accounts.choices import Role
from guomen.certification.models import CompulsoryProduct

from .factories import CertificateFactory, EnterpriseFactory

pytestmark = pytest.mark.django_db

CERTIFICATES = ("/api/v1/certification/certificates", "certification:list", "certification:export")
CATALOGUE = ("/api/v1/certification/catalogue", "certification:catalogue", "certification:catalogue_export")


def _urls(list_):
    api, page, export = list_
    return {"api": api, "page": reverse(page), "export": reverse(export)}


@pytest.fixture
def certificates(holder, orgs):
    elsewhere = EnterpriseFactory(org=orgs["BY"], name_zh="广州某家电进口公司")
    made = {
        "ccc": CertificateFactory(enterprise=holder, number="CCC-WJD-0001", products="电源适配器"),
        "iso": CertificateFactory(
            enterprise=holder, number="ISO-WJD-0002", scheme="iso9001", products="质量体系"
        ),
        "suspended": CertificateFactory(enterprise=holder, number="CCC-WJD-0003", status="suspended"),
        "elsewhere": CertificateFactory(enterprise=elsewhere, number="CCC-BY-0004"),
    }
    return {name: c.number for name, c in made.items()}


@pytest.fixture
def entries(db):
    today = timezone.localdate()
    made = {
        "adapter": CompulsoryProduct.objects.create(
            hs_prefix="8504", name_zh="电源适配器", in_force_from=today
        ),
        "toy": CompulsoryProduct.objects.create(hs_prefix="9503", name_zh="电玩具"),
        "later": CompulsoryProduct.objects.create(
            hs_prefix="8516", name_zh="电热水器", in_force_from=today + dt.timedelta(days=30)
        ),
        "retired": CompulsoryProduct.objects.create(
            hs_prefix="8471", name_zh="微型计算机", retired_on=today, retired_reason="已移出目录"
        ),
    }
    return {name: e.hs_prefix for name, e in made.items()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"ccc", "iso", "suspended"}),
        ({"scheme": "iso9001"}, {"iso"}),
        ({"status": "suspended"}, {"suspended"}),
        ({"q": "电源适配器", "status": "valid"}, {"ccc"}),
        ({"q": "深圳某电器"}, {"ccc", "iso", "suspended"}),
    ],
)
def test_the_certificate_page_api_and_export_give_the_same_rows(certificates, supervisor, query, expected):
    numbers = {certificates[name] for name in expected}
    same_rows(
        client_of(supervisor),
        **_urls(CERTIFICATES),
        query=query,
        expected=numbers,
        every=set(certificates.values()),
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"adapter", "toy"}),
        ({"state": "retired"}, {"retired"}),
        ({"state": "all"}, {"adapter", "toy", "later", "retired"}),
        ({"state": "all", "q": "85"}, {"adapter", "later"}),
        ({"q": "玩具"}, {"toy"}),
    ],
)
def test_the_catalogue_page_api_and_export_give_the_same_rows(entries, inspector, query, expected):
    prefixes = {entries[name] for name in expected}
    same_rows(
        client_of(inspector),
        **_urls(CATALOGUE),
        query=query,
        expected=prefixes,
        every=set(entries.values()),
        field="hs_prefix",
    )


def test_the_export_carries_the_filters_shown_and_reads_in_chinese(certificates, supervisor):
    """Filtering swaps the rows, and the export link with them."""
    client = client_of(supervisor)
    fragment = client.get(reverse("certification:list"), {"status": "suspended"}, HTTP_HX_REQUEST="true")
    assert f'{reverse("certification:export")}?status=suspended"' in fragment.content.decode()
    rows = sheet(client.get(reverse("certification:export"), {"status": "suspended"}))
    assert rows[0][:3] == ("证书编号", "认证类别", "持证企业")
    assert rows[1][-1] == "暂停"


def test_the_catalogue_export_link_keeps_the_state_asked_for(entries, inspector):
    page = client_of(inspector).get(reverse("certification:catalogue"), {"state": "retired"}).content.decode()
    assert f'{reverse("certification:catalogue_export")}?state=retired"' in page


def test_another_units_certificates_never_appear(certificates, other_supervisor):
    client = client_of(other_supervisor)
    for query in ({}, {"q": "CCC-WJD"}, {"scheme": "iso9001"}):
        expected = {certificates["elsewhere"]} if not query else set()
        same_rows(
            client, **_urls(CERTIFICATES), query=query, expected=expected, every=set(certificates.values())
        )


def test_an_enterprise_sees_only_its_own_certificates(certificates, holder_user):
    every = set(certificates.values())
    expected = every - {certificates["elsewhere"]}
    same_rows(client_of(holder_user), **_urls(CERTIFICATES), query={}, expected=expected, every=every)


@pytest.mark.parametrize(
    ("list_", "name"), [(CERTIFICATES, "scheme"), (CERTIFICATES, "status"), (CATALOGUE, "state")]
)
def test_the_api_refuses_an_unknown_choice_by_name_and_the_page_ignores_it(list_, name, supervisor):
    urls = _urls(list_)
    refuses_bad_choice(client_of(supervisor), page=urls["page"], api=urls["api"], name=name)


@pytest.mark.parametrize("list_", [CERTIFICATES, CATALOGUE])
def test_a_role_without_certification_gets_403_on_the_export_too(list_, make_user, orgs):
    client = client_of(make_user(Role.SYSTEM, orgs["SZ"], username="system_client"))
    urls = _urls(list_)
    assert client.get(urls["page"]).status_code == 403
    assert client.get(urls["export"]).status_code == 403


@pytest.mark.parametrize("list_", [CERTIFICATES, CATALOGUE])
def test_an_anonymous_visitor_is_sent_to_sign_in_from_the_export(list_, client):
    response = client.get(_urls(list_)["export"])
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


MISUSE = ("/api/v1/certification/misuse", "certification:misuse", "certification:misuse_export")


@pytest.fixture
def cases(holder, orgs):
    from guomen.certification.models import MarkMisuseCase

    elsewhere = EnterpriseFactory(org=orgs["BY"], name_zh="广州某灯具公司")
    today = timezone.localdate()
    made = {
        "open": MarkMisuseCase(enterprise=holder, org=orgs["WJD"], description="插头无CCC标志"),
        "decided": MarkMisuseCase(
            enterprise=holder, org=orgs["WJD"], description="伪造认证标志", status="penalised", penalty="罚款"
        ),
        "elsewhere": MarkMisuseCase(enterprise=elsewhere, org=orgs["BY"], description="冒用认证标志"),
    }
    for case in made.values():
        case.found_on = today
        case.save()
    return {name: c.description for name, c in made.items()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [({}, {"open", "decided"}), ({"status": "penalised"}, {"decided"}), ({"q": "CCC"}, {"open"})],
)
def test_the_misuse_page_api_and_export_give_the_same_rows(cases, supervisor, query, expected):
    same_rows(
        client_of(supervisor),
        **_urls(MISUSE),
        query=query,
        expected={cases[name] for name in expected},
        every=set(cases.values()),
        field="description",
        column=3,
    )


def test_another_units_misuse_cases_never_appear(cases, other_supervisor):
    every = set(cases.values())
    same_rows(
        client_of(other_supervisor),
        **_urls(MISUSE),
        query={},
        expected={cases["elsewhere"]},
        every=every,
        field="description",
        column=3,
    )


def test_the_misuse_status_outside_the_choices_is_refused_by_name(cases, supervisor):
    urls = _urls(MISUSE)
    refuses_bad_choice(client_of(supervisor), page=urls["page"], api=urls["api"], name="status")


def test_the_annual_check_status_outside_the_choices_is_refused_by_name(supervisor):
    response = client_of(supervisor).get("/api/v1/certification/checks", {"status": "lost"})
    assert response.status_code == 422 and list(response.json()["fields"]) == ["status"]
