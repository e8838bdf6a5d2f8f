import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from guomen.core.models import AuditEvent
from guomen.core.testing import make_uscc
from guomen.registry.models import Enterprise, ProductionBase
from guomen.registry.tests.factories import EnterpriseFactory, ProductionBaseFactory

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_anonymous_is_sent_to_login(orgs):
    response = _client().get(reverse("registry:enterprise_list"))
    assert response.status_code == 302
    assert "login" in response.url


def test_enterprise_list_searches(orgs, inspector):
    fruit = EnterpriseFactory(name_zh="深圳鲜果公司", org=orgs["WJD"])
    frozen = EnterpriseFactory(name_zh="广州冻品公司", org=orgs["BY"])
    page = _client(inspector).get(reverse("registry:enterprise_list"), {"q": "鲜果"}).content.decode()
    assert fruit.uscc in page
    assert frozen.uscc not in page


def test_htmx_search_returns_only_the_rows(orgs, inspector):
    fruit = EnterpriseFactory(name_zh="深圳鲜果公司")
    response = _client(inspector).get(
        reverse("registry:enterprise_list"), {"q": "鲜果"}, HTTP_HX_REQUEST="true"
    )
    assert fruit.uscc in response.content.decode()
    assert "<nav" not in response.content.decode()


def test_enterprise_user_sees_only_own_enterprise_page(orgs, make_user):
    mine, other = EnterpriseFactory(), EnterpriseFactory()
    client = _client(make_user("enterprise", enterprise=mine))
    assert client.get(reverse("registry:enterprise_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("registry:enterprise_detail", args=[other.pk])).status_code == 404


def test_enterprise_detail_shows_bases_and_timeline(orgs, supervisor):
    client = _client(supervisor)
    client.post(
        reverse("registry:enterprise_create"),
        {
            "uscc": make_uscc(5),
            "name_zh": "鲜果公司",
            "kind": "importer",
            "filing_status": "filed",
            "org": orgs["WJD"].pk,
            "credit_grade": "A",
        },
    )
    ent = Enterprise.objects.get()
    ProductionBaseFactory(code="GAP-TH-77", enterprise=ent)
    page = client.get(reverse("registry:enterprise_detail", args=[ent.pk])).content.decode()
    assert "GAP-TH-77" in page
    assert 'data-testid="timeline"' in page and "Created" in page


def test_inspector_cannot_open_the_create_form(orgs, inspector):
    assert _client(inspector).get(reverse("registry:enterprise_create")).status_code == 403


def test_bad_uscc_in_the_form_is_shown_on_the_field(orgs, supervisor):
    response = _client(supervisor).post(
        reverse("registry:enterprise_create"),
        {
            "uscc": "123",
            "name_zh": "鲜果公司",
            "kind": "importer",
            "filing_status": "filed",
            "org": orgs["WJD"].pk,
            "credit_grade": "A",
        },
    )
    assert response.status_code == 200
    assert "must have 18 characters" in response.content.decode()
    assert not Enterprise.objects.exists()


def test_stale_edit_shows_a_conflict_instead_of_overwriting(orgs, supervisor):
    ent = EnterpriseFactory(org=orgs["WJD"], address="旧址")
    url = reverse("registry:enterprise_edit", args=[ent.pk])
    form = {
        "name_zh": ent.name_zh,
        "kind": "importer",
        "filing_status": "filed",
        "org": orgs["WJD"].pk,
        "credit_grade": "A",
        "version": 1,
    }
    client = _client(supervisor)
    assert client.post(url, {**form, "address": "新址一"}).status_code == 302
    response = client.post(url, {**form, "address": "新址二"})
    assert "changed by someone else" in response.content.decode()
    assert Enterprise.objects.get(pk=ent.pk).address == "新址一"


def test_other_jurisdiction_supervisor_cannot_edit(orgs, make_user):
    ent = EnterpriseFactory(org=orgs["WJD"])
    client = _client(make_user("supervisor", orgs["GZ"]))
    assert client.get(reverse("registry:enterprise_edit", args=[ent.pk])).status_code == 404


def test_suspended_base_is_shouted_in_red(orgs, inspector):
    base = ProductionBaseFactory(status="suspended", status_reason="检出检疫性有害生物")
    page = _client(inspector).get(reverse("registry:base_detail", args=[base.pk])).content.decode()
    assert "gm-alert-red" in page and "SUSPENDED" in page and "检出检疫性有害生物" in page


def test_supervisor_suspends_a_base_with_a_reason(orgs, supervisor):
    base = ProductionBaseFactory()
    response = _client(supervisor).post(
        reverse("registry:base_status", args=[base.pk]),
        {"status": "suspended", "reason": "检出粉蚧", "version": 1},
    )
    assert response.status_code == 302
    base.refresh_from_db()
    assert base.status == "suspended"


def test_status_change_without_reason_shows_the_error(orgs, supervisor):
    base = ProductionBaseFactory()
    response = _client(supervisor).post(
        reverse("registry:base_status", args=[base.pk]), {"status": "suspended", "reason": "", "version": 1}
    )
    assert response.status_code == 422
    assert ProductionBase.objects.get(pk=base.pk).status == "active"


def test_base_list_filters_by_status(orgs, inspector):
    ProductionBaseFactory(code="GAP-A", status="suspended")
    ProductionBaseFactory(code="GAP-B")
    page = _client(inspector).get(reverse("registry:base_list"), {"status": "suspended"}).content.decode()
    assert "GAP-A" in page and "GAP-B" not in page


def test_bulk_import_page_lists_bad_rows_and_imports_nothing(orgs, supervisor):
    body = f"uscc,name_zh,kind,org\n{make_uscc(1)},甲,importer,WJD\nBAD,乙,importer,WJD\n".encode()
    response = _client(supervisor).post(
        reverse("registry:import", args=["enterprises"]), {"file": SimpleUploadedFile("e.csv", body)}
    )
    page = response.content.decode()
    assert "nothing was imported" in page
    assert "<td>3</td>" in page and "unified social credit code" in page
    assert not Enterprise.objects.exists()
    assert not AuditEvent.objects.filter(verb="enterprise.create").exists()


def test_bulk_import_template_download(orgs, supervisor):
    response = _client(supervisor).get(reverse("registry:import_template", args=["bases", "xlsx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('bases-template.xlsx"')


def test_bulk_import_forbidden_for_inspectors(orgs, inspector):
    assert _client(inspector).get(reverse("registry:import", args=["enterprises"])).status_code == 403


def test_pages_speak_chinese_by_default(orgs, inspector):
    base = ProductionBaseFactory(status="revoked", status_reason="多次截获检疫性有害生物")
    client = Client()
    client.force_login(inspector)
    page = client.get(reverse("registry:base_detail", args=[base.pk])).content.decode()
    assert "已撤销：该生产基地的注册已被撤销。" in page
    assert "生产基地" in client.get(reverse("registry:base_list")).content.decode()


def test_edit_form_shows_the_filing_date_so_saving_keeps_it(orgs, supervisor):
    import datetime as dt

    ent = EnterpriseFactory(org=orgs["WJD"], filed_on=dt.date(2024, 3, 5))
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")  # a date input reads only YYYY-MM-DD, in any language
    client.force_login(supervisor)
    page = client.get(reverse("registry:enterprise_edit", args=[ent.pk])).content.decode()
    assert "企业" in page and 'name="filed_on" value="2024-03-05"' in page


@pytest.mark.parametrize(
    "kind",
    ["car_dealer", "inspection_agency", "certification_body", "port_food", "waste_consignee", "dg_packaging"],
)
def test_the_new_enterprise_kinds_can_be_filed_and_filtered(orgs, supervisor, kind):
    response = _client(supervisor).post(
        reverse("registry:enterprise_create"),
        {
            "uscc": make_uscc(7),
            "name_zh": "某口岸单位",
            "kind": kind,
            "filing_status": "filed",
            "org": orgs["WJD"].pk,
            "credit_grade": "A",
        },
    )
    assert response.status_code == 302
    other = EnterpriseFactory(org=orgs["WJD"], name_zh="普通进口商", kind="importer")
    page = _client(supervisor).get(reverse("registry:enterprise_list"), {"kind": kind}).content.decode()
    assert "某口岸单位" in page and other.name_zh not in page


def test_the_kind_filter_offers_the_new_kinds_in_chinese(orgs, supervisor):
    client = Client()
    client.force_login(supervisor)
    with translation.override("zh-hans"):
        page = client.get(reverse("registry:enterprise_list")).content.decode()
    for label in (
        "进口汽车经销商",
        "检验鉴定机构",
        "认证机构",
        "口岸食品经营单位",
        "进口废物原料收货人",
        "危险货物包装",
    ):
        assert label in page
