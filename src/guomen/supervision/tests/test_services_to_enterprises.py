"""Services to enterprises (帮扶): meetings and training recorded with who, when, topics and attendance; shown on
the enterprise's page, to the enterprises that attended, and counted in campaign reports that link them."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.supervision import selectors, services

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def record(actor, people, **overrides):
    kwargs = {
        "kind": "quality_meeting",
        "title": "进口水果企业质量分析会",
        "held_on": TODAY - dt.timedelta(days=3),
        "topics": "冷链温控、标签标识常见问题",
        "hosts": "陈刚",
        "place": "文锦渡局会议室",
        "attendance": people,
        "actor": actor,
    }
    return services.enterprise_service_record(**(kwargs | overrides))


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_meeting_is_recorded_with_its_attendance(firm, supervisor):
    service = record(supervisor, [(firm, 3, "刘洋、孙悦、王强")])
    assert (service.org, service.attendances.get().attendees) == (supervisor.org, 3)


def test_recording_is_audited(firm, supervisor):
    record(supervisor, [(firm, 1, "")])
    assert AuditEvent.objects.filter(verb="service.recorded").exists()


def test_an_enterprise_of_another_jurisdiction_cannot_be_named(other_firm, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        record(supervisor, [(other_firm, 1, "")])
    assert "attendance" in exc.value.fields


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("kind", {"kind": "party"}),
        ("held_on", {"held_on": TODAY + dt.timedelta(days=1)}),
        ("title", {"title": " "}),
        ("topics", {"topics": ""}),
        ("attendance", {"attendance": []}),
    ],
)
def test_bad_input_names_the_field(firm, supervisor, field, overrides):
    with pytest.raises(ValidationFailed) as exc:
        record(supervisor, [(firm, 1, "")], **overrides)
    assert field in exc.value.fields


def test_an_enterprise_named_twice_is_refused(firm, supervisor):
    with pytest.raises(ValidationFailed):
        record(supervisor, [(firm, 1, ""), (firm, 2, "")])


def test_enterprise_users_cannot_record(firm, firm_user):
    with pytest.raises(PermissionDenied):
        record(firm_user, [(firm, 1, "")])


def test_the_attending_enterprise_sees_the_service_and_no_other(
    firm, other_firm, firm_user, supervisor, gz_supervisor
):
    mine = record(supervisor, [(firm, 1, "")])
    record(gz_supervisor, [(other_firm, 1, "")], title="广州培训", kind="training")
    assert list(selectors.service_list(user=firm_user)) == [mine]


def test_the_enterprise_page_shows_the_meeting(firm, firm_user, supervisor):
    record(supervisor, [(firm, 2, "")])
    html = client_for(firm_user).get(f"/supervision/enterprises/{firm.pk}/").content.decode()
    assert "进口水果企业质量分析会" in html


def test_the_services_page_records_from_lines_of_uscc(firm, supervisor):
    response = client_for(supervisor).post(
        "/supervision/services/",
        {
            "kind": "training",
            "title": "RCEP 原产地规则培训",
            "held_on": str(TODAY),
            "topics": "原产地证书",
            "attendance": f"{firm.uscc}, 4, 刘洋",
        },
    )
    assert response.status_code == 302
    assert firm.service_attendances.get().attendees == 4


def test_the_services_page_names_a_bad_line(supervisor):
    response = client_for(supervisor).post(
        "/supervision/services/",
        {"kind": "training", "title": "x", "held_on": str(TODAY), "topics": "y", "attendance": "NOPE, 2"},
    )
    assert response.status_code == 422 and 'data-testid="attendance-error"' in response.content.decode()


@pytest.mark.parametrize(("who", "status"), [("firm_user", 403), ("supervisor", 200)])
def test_services_page_is_for_staff(request, firm, who, status):
    assert client_for(request.getfixturevalue(who)).get("/supervision/services/").status_code == status


def test_a_linked_service_is_counted_in_the_campaign_report(firm, supervisor, orgs):
    from guomen.campaigns import services as campaigns
    from guomen.campaigns.figures import campaign_figures
    from guomen.campaigns.report import build

    campaign = campaigns.campaign_create(
        data={
            "code": "QM",
            "name": "质量月",
            "kind": "quality_month",
            "starts_on": TODAY - dt.timedelta(days=9),
            "ends_on": TODAY + dt.timedelta(days=20),
            "org": orgs["SZ"],
        },
        actor=supervisor,
    )
    service = record(supervisor, [(firm, 5, "")])
    campaigns.campaign_link(campaign=campaign, kind="service", object_id=service.pk, actor=supervisor)
    assert campaign_figures(campaign)["services"] == {
        "count": 1,
        "meetings": 1,
        "trainings": 0,
        "enterprises": 1,
        "people": 5,
    }
    report = build(campaign)
    assert any("进口水果企业质量分析会" in item for s in report["sections"] for item in s["items"])
