"""What a user does from the enforcement pages: cancel an interview, record a broken commitment (a credit
violation), record a partner's reply to a handed-over case and its outcome, page through each list; the enterprise
page shows the interviews and commitments."""

import datetime as dt

import pytest
from django.urls import reverse

from guomen.enforcement import services
from guomen.enforcement.models import Commitment, Handover, Interview
from guomen.supervision.models import CreditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def handover(firm, supervisor):
    return services.handover_record(
        direction="out", agency="market", agency_office="深圳市市场监督管理局", enterprise=firm,
        subject="涉嫌销售假冒进口化妆品", handed_on=dt.date(2026, 9, 5), actor=supervisor,
    )  # fmt: skip


@pytest.fixture
def commitment(firm, inspector):
    return services.commitment_record(
        enterprise=firm, kind="integrity", signed_on=dt.date(2026, 9, 1), text="诚信守法经营", actor=inspector
    )


def test_a_supervisor_cancels_an_interview_with_a_reason(client, interview, supervisor):
    client.force_login(supervisor)
    client.post(reverse("enforcement:interview_cancel", args=[interview.pk]), {"reason": "企业已停业"})
    assert Interview.objects.get().status == "cancelled"


def test_a_broken_commitment_recorded_on_the_page_is_a_credit_violation(client, commitment, supervisor, firm):
    client.force_login(supervisor)
    client.post(
        reverse("enforcement:commitment_break", args=[commitment.pk]),
        {"occurred_on": "2026-09-20", "reason": "再次瞒报货物品名"},
    )
    assert Commitment.objects.get().status == "broken"
    assert CreditEvent.objects.get(enterprise=firm).kind == "violation"


def test_the_reply_and_the_outcome_of_a_handed_over_case_are_recorded(client, handover, supervisor):
    client.force_login(supervisor)
    url = reverse("enforcement:handover_status", args=[handover.pk])
    client.post(url, {"to": "accepted", "result": "市场监管局回函：已受理，立案调查"})
    page = client.get(reverse("enforcement:handover", args=[handover.pk])).content.decode()
    assert "已受理，立案调查" in page
    response = client.post(url, {"to": "concluded", "result": ""}, follow=True)
    assert Handover.objects.get().status == "accepted" and "此项为必填项" in response.content.decode()
    client.post(url, {"to": "concluded", "result": "罚款5万元，没收假冒商品"})
    assert Handover.objects.get().status == "concluded"


def test_the_lists_page_and_filter(client, interview, commitment, handover, supervisor):
    client.force_login(supervisor)
    assert (
        "进口食品标签不合格问题"
        in client.get(reverse("enforcement:interviews"), {"status": "scheduled"}).content.decode()
    )
    assert (
        "进口食品标签不合格问题"
        not in client.get(reverse("enforcement:interviews"), {"status": "held"}).content.decode()
    )
    assert (
        "诚信守法经营"
        in client.get(reverse("enforcement:commitments"), {"kind": "integrity"}).content.decode()
    )
    page = client.get(
        reverse("enforcement:handovers"), {"direction": "out", "agency": "market"}
    ).content.decode()
    assert "涉嫌销售假冒进口化妆品" in page
    assert (
        "涉嫌销售假冒进口化妆品"
        not in client.get(reverse("enforcement:handovers"), {"direction": "in"}).content.decode()
    )


def test_the_enterprise_page_shows_its_interviews_and_commitments(
    client, interview, commitment, supervisor, firm
):
    client.force_login(supervisor)
    page = client.get(reverse("supervision:enterprise_detail", args=[firm.pk])).content.decode()
    assert "进口食品标签不合格问题" in page and "诚信守法经营" in page


def test_the_api_cancels_an_interview_and_reads_a_handover_with_its_reply(
    client, interview, handover, supervisor, firm, make_user
):
    import json

    client.force_login(supervisor)
    response = client.post(
        f"/api/v1/enforcement/interviews/{interview.pk}/cancel",
        json.dumps({"reason": ""}),
        content_type="application/json",
    )
    assert response.status_code == 422 and "reason" in response.json()["fields"]
    response = client.post(
        f"/api/v1/enforcement/interviews/{interview.pk}/cancel",
        json.dumps({"reason": "企业已停业"}),
        content_type="application/json",
    )
    assert response.json()["status"] == "cancelled"
    services.handover_set_status(handover=handover, to="accepted", result="已受理", actor=supervisor)
    assert client.get(f"/api/v1/enforcement/handovers/{handover.pk}").json()["result"] == "已受理"
    client.force_login(make_user("enterprise", None, firm))
    assert client.get(f"/api/v1/enforcement/handovers/{handover.pk}").status_code in (403, 404)


def test_attendees_too_long_name_the_field_and_nothing_is_counted(interview, inspector):
    from guomen.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as exc:
        services.interview_hold(interview=interview, attendees="总" * 300, outcome="整改", actor=inspector)
    assert "attendees" in exc.value.fields and not CreditEvent.objects.exists()
