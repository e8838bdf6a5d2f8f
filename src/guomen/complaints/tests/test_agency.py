"""Complaints against inspection agencies: named on the public form or at triage, routed to the agency's
supervising unit and its supervisors, shown on the agency's enterprise page."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from guomen.accounts.choices import Role
from guomen.complaints import services
from guomen.complaints.models import Complaint
from guomen.core.errors import ValidationFailed
from guomen.notifications.models import Notification
from guomen.registry.tests.factories import EnterpriseFactory

from .factories import complaint_data, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(orgs):
    return EnterpriseFactory(org=orgs["HG"], name_zh="深圳某检验鉴定公司", kind="inspection_agency")


@pytest.fixture
def hg_supervisor(orgs, make_user):
    return make_user(Role.SUPERVISOR, orgs["HG"], username="supervisor_hg")


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_a_public_complaint_naming_an_agency_goes_to_its_supervising_unit_and_supervisors(
    orgs, agency, hg_supervisor, supervisor
):
    complaint = services.complaint_submit(data=complaint_data(enterprise_name=""), agency=agency)
    assert complaint.enterprise == agency and complaint.org == orgs["HG"]
    assert complaint.enterprise_name == "深圳某检验鉴定公司"
    told = set(Notification.objects.filter(kind="queue_item").values_list("recipient__username", flat=True))
    assert told == {"supervisor_hg"}


def test_an_enterprise_that_is_not_an_inspection_agency_is_refused(orgs):
    importer = EnterpriseFactory(org=orgs["HG"], kind="importer")
    with pytest.raises(ValidationFailed) as exc:
        services.complaint_submit(data=complaint_data(), agency=importer)
    assert "agency" in exc.value.fields and not Complaint.objects.exists()


def test_the_public_form_lists_agencies_and_routes_the_complaint(orgs, agency, hg_supervisor):
    client = _client()
    page = client.get(reverse("complaints:submit")).content.decode()
    assert "深圳某检验鉴定公司" in page and "被投诉的检验鉴定机构" in page
    response = client.post(reverse("complaints:submit"), {**complaint_data(), "agency": agency.pk})
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.enterprise == agency and complaint.org == orgs["HG"]


def test_the_public_api_names_the_agency_by_its_credit_code(orgs, agency):
    body = {**complaint_data(), "agency": agency.uscc}
    response = _client().post("/api/v1/complaints/public", json.dumps(body), content_type="application/json")
    assert response.status_code == 201
    assert Complaint.objects.get().enterprise == agency
    body["agency"] = "91440300000000000X"
    response = _client().post("/api/v1/complaints/public", json.dumps(body), content_type="application/json")
    assert response.status_code == 422 and "agency" in response.json()["fields"]


def test_triage_naming_an_agency_routes_it_to_the_agency_s_unit(orgs, agency, supervisor, hg_supervisor):
    complaint = submit(org=orgs["SZ"])
    services.complaint_triage(
        complaint=complaint, category="service", org=orgs["SZ"], enterprise=agency, actor=supervisor
    )
    complaint.refresh_from_db()
    assert complaint.enterprise == agency and complaint.org == orgs["HG"]
    assert Notification.objects.filter(recipient=hg_supervisor, kind="queue_item").count() == 1


def test_triage_on_the_page_keeps_the_named_agency(orgs, agency, supervisor):
    complaint = services.complaint_submit(data=complaint_data(), agency=agency)
    _client(supervisor).post(
        reverse("complaints:triage", args=[complaint.pk]),
        {
            "category": "service",
            "org": orgs["HG"].pk,
            "enterprise": agency.uscc,
            "version": complaint.version,
        },
    )
    complaint.refresh_from_db()
    assert complaint.status == "in_progress" and complaint.enterprise == agency


def test_triage_through_the_api_without_an_enterprise_keeps_the_one_on_file(orgs, agency, supervisor):
    complaint = services.complaint_submit(data=complaint_data(), agency=agency)
    body = {"category": "service", "org": "HG"}
    response = _client(supervisor).post(
        f"/api/v1/complaints/{complaint.pk}/triage", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["enterprise"] == agency.uscc


def test_the_agency_s_enterprise_page_counts_and_lists_its_complaints(orgs, agency, supervisor):
    first = services.complaint_submit(data=complaint_data(), agency=agency)
    second = services.complaint_submit(data=complaint_data(product="验货报告"), agency=agency)
    submit(org=orgs["HG"])  # about something else
    page = _client(supervisor).get(reverse("registry:enterprise_detail", args=[agency.pk])).content.decode()
    assert 'data-testid="agency-complaints-count">2<' in page
    assert first.tracking_code in page and second.tracking_code in page


def test_another_enterprise_s_page_has_no_complaint_panel(orgs, supervisor):
    importer = EnterpriseFactory(org=orgs["HG"], kind="importer")
    page = _client(supervisor).get(reverse("registry:enterprise_detail", args=[importer.pk])).content.decode()
    assert 'data-testid="agency-complaints"' not in page


def test_triage_sending_it_to_an_agency_of_another_branch_returns_to_the_list(orgs, supervisor):
    gz_agency = EnterpriseFactory(org=orgs["BY"], name_zh="广州某检验鉴定公司", kind="inspection_agency")
    complaint = submit(org=orgs["SZ"])
    response = _client(supervisor).post(
        reverse("complaints:triage", args=[complaint.pk]),
        {
            "category": "service",
            "org": orgs["SZ"].pk,
            "enterprise": gz_agency.uscc,
            "version": complaint.version,
        },
    )
    complaint.refresh_from_db()
    assert complaint.org == orgs["BY"] and response.url == reverse("complaints:list")
