import datetime as dt

import pytest

from guomen.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from guomen.enforcement import selectors, services
from guomen.enforcement.models import Handover, Interview
from guomen.supervision.models import CreditEvent

pytestmark = pytest.mark.django_db


def test_a_held_interview_counts_in_credit_as_a_warning(interview, inspector, firm):
    services.interview_hold(
        interview=interview, attendees="总经理李某", outcome="一个月内完成标签整改", actor=inspector
    )
    interview.refresh_from_db()
    event = CreditEvent.objects.get(enterprise=firm)
    assert interview.status == "held" and interview.credit_event == event and event.kind == "warning"


def test_an_interview_cannot_be_held_twice(interview, inspector):
    services.interview_hold(interview=interview, attendees="总经理", outcome="整改", actor=inspector)
    with pytest.raises(IllegalTransition):
        services.interview_hold(interview=interview, attendees="总经理", outcome="整改", actor=inspector)
    assert CreditEvent.objects.count() == 1


def test_an_interview_without_an_outcome_is_refused_and_nothing_is_counted(interview, inspector):
    with pytest.raises(ValidationFailed) as exc:
        services.interview_hold(interview=interview, attendees="总经理", outcome=" ", actor=inspector)
    assert "outcome" in exc.value.fields and not CreditEvent.objects.exists()


def test_another_jurisdiction_cannot_schedule_an_interview(firm, other_supervisor):
    with pytest.raises(PermissionDenied):
        services.interview_schedule(
            enterprise=firm, scheduled_on=dt.date(2026, 9, 3), subject="x", actor=other_supervisor
        )
    assert not Interview.objects.exists()


def test_a_broken_commitment_counts_in_credit_as_a_violation(firm, inspector, supervisor):
    commitment = services.commitment_record(
        enterprise=firm,
        kind="integrity",
        signed_on=dt.date(2026, 3, 15),
        text="诚信守法经营,如实申报",
        actor=inspector,
    )
    services.commitment_break(
        commitment=commitment, reason="瞒报货物品名", occurred_on=dt.date(2026, 9, 1), actor=supervisor
    )
    event = CreditEvent.objects.get(enterprise=firm)
    assert event.kind == "violation" and "瞒报" in event.evidence


def test_a_commitment_ending_before_it_is_signed_names_the_field(firm, inspector):
    with pytest.raises(ValidationFailed) as exc:
        services.commitment_record(
            enterprise=firm,
            kind="safety",
            signed_on=dt.date(2026, 3, 15),
            valid_until=dt.date(2026, 1, 1),
            text="安全责任书",
            actor=inspector,
        )
    assert "valid_until" in exc.value.fields


def test_a_handover_runs_to_its_conclusion(firm, supervisor):
    handover = services.handover_record(
        direction="out",
        agency="police",
        agency_office="深圳市公安局经侦支队",
        enterprise=firm,
        subject="涉嫌伪造原产地证书",
        handed_on=dt.date(2026, 9, 5),
        reference="深检移〔2026〕3号",
        actor=supervisor,
    )
    services.handover_set_status(handover=handover, to="accepted", actor=supervisor)
    with pytest.raises(ValidationFailed):
        services.handover_set_status(handover=handover, to="concluded", actor=supervisor)
    services.handover_set_status(handover=handover, to="concluded", result="已立案侦查", actor=supervisor)
    assert Handover.objects.get().status == "concluded"


def test_the_enterprise_sees_its_interviews_but_never_the_handovers(firm, interview, supervisor, make_user):
    services.handover_record(
        direction="out",
        agency="market",
        enterprise=firm,
        subject="移送线索",
        handed_on=dt.date(2026, 9, 5),
        actor=supervisor,
    )
    user = make_user("enterprise", None, firm)
    assert list(selectors.interview_list(user=user)) == [interview]
    assert not selectors.handover_list(user=user).exists()
