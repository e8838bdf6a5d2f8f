"""One filter definition for the export certificate list (CertificateFilters): the page, the API and the Excel
export give the same rows; an enterprise sees only its own certificates, a unit only its own and those below."""

import pytest
from django.test import Client
from django.urls import reverse
from tests.lists import client_of, refuses_bad_choice, same_rows, sheet

from guomen.certificates.services import certificate_withdraw, certificates_issue_for_declaration

from .conftest import released_export

pytestmark = pytest.mark.django_db

PAGE, API, EXPORT = (
    reverse("certificates:list"),
    "/api/v1/exports/certificates",
    reverse("certificates:export"),
)


@pytest.fixture
def certs(orgs, exporter, other_exporter, supervisor, other_supervisor):
    """The exporter's phytosanitary certificate (valid) and health certificate (withdrawn) at 文锦渡, and another
    exporter's certificate at 白云机场 (广州局)."""
    phyto = certificates_issue_for_declaration(
        declaration=released_export(orgs["WJD"], exporter), actor=supervisor
    )[0]
    health = certificates_issue_for_declaration(
        declaration=released_export(orgs["WJD"], exporter, hs_codes=("0202300000",)), actor=supervisor
    )[0]
    certificate_withdraw(certificate=health, actor=other_supervisor, reason="货物未出运")
    far = certificates_issue_for_declaration(
        declaration=released_export(orgs["BY"], other_exporter, hs_codes=("9503000000",)), actor=None
    )[0]
    return {"phyto": phyto, "health": health, "far": far}


def _check(client, certs, query, expected):
    same_rows(
        client,
        page=PAGE,
        api=API,
        export=EXPORT,
        query=query,
        expected={certs[n].number for n in expected},
        every={c.number for c in certs.values()},
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"phyto", "health"}),
        ({"kind": "health"}, {"health"}),
        ({"status": "valid"}, {"phyto"}),
        ({"status": "withdrawn", "kind": "phytosanitary"}, set()),
    ],
)
def test_page_api_and_export_give_the_same_rows(certs, supervisor, query, expected):
    _check(client_of(supervisor), certs, query, expected)


def test_search_by_declaration_number(certs, supervisor):
    _check(client_of(supervisor), certs, {"q": certs["phyto"].declaration.number}, {"phyto"})


def test_the_export_reads_like_the_page(certs, supervisor):
    rows = sheet(client_of(supervisor).get(EXPORT, {"kind": "health"}))
    assert rows[0][:3] == ("证书编号", "证书种类", "报检单")
    assert rows[1][:3] == (certs["health"].number, "卫生证书", certs["health"].declaration.number)
    assert rows[0][5] == "状态" and rows[1][5] == "已撤销"


def test_an_enterprise_sees_only_its_own_certificates(certs, exporter_user, other_exporter_user):
    _check(client_of(exporter_user), certs, {}, {"phyto", "health"})
    _check(client_of(other_exporter_user), certs, {}, {"far"})
    _check(client_of(other_exporter_user), certs, {"kind": "health"}, set())


def test_another_units_certificates_never_appear(certs, far_supervisor):
    _check(client_of(far_supervisor), certs, {}, {"far"})
    _check(client_of(far_supervisor), certs, {"q": certs["phyto"].declaration.number}, set())


@pytest.mark.parametrize("name", ["status", "kind"])
def test_the_api_refuses_an_unknown_choice_by_name_the_page_ignores_it(certs, supervisor, name):
    refuses_bad_choice(client_of(supervisor), page=PAGE, api=API, name=name)


def test_the_export_link_follows_the_htmx_filters(certs, supervisor):
    fragment = client_of(supervisor).get(PAGE, {"status": "valid"}, HTTP_HX_REQUEST="true").content.decode()
    assert f'{EXPORT}?status=valid"' in fragment


def test_the_export_needs_a_sign_in(certs):
    response = Client().get(EXPORT)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
