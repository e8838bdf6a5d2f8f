import datetime as dt

import pytest

from guomen.core.errors import IllegalTransition, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.inspections.services import rectification_answer, rectification_close
from guomen.tracebacks import services

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(exporters, notify, analyst):
    n = notify(numbers="EXWJD0000000001")
    candidate = n.candidates.get(enterprise=exporters["wjd"])
    return services.match_confirm(notification=n, candidate=candidate, actor=analyst)


def test_confirm_opens_a_case_attributed_to_the_export_unit(case, orgs):
    n = case.notification
    n.refresh_from_db()
    assert n.status == "confirmed" and n.attributed_org == orgs["WJD"]
    assert case.status == "investigating" and case.number.startswith("ZS")
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"traceback.confirmed", "traceback_case.opened"} <= verbs


def test_whole_case_with_rectification_credit_and_close(case, inspector, supervisor, exporter_user):
    task = services.case_task_add(
        case=case, title="核查用药记录", due_date=TODAY, assignee=inspector, actor=supervisor
    )
    with pytest.raises(ValidationFailed) as exc:
        services.case_close(case=case, report="x", actor=supervisor)
    assert "findings" in exc.value.fields
    services.case_task_done(task=task, result="记录不全", actor=inspector)
    case = services.case_findings(
        case=case,
        findings="未执行安全间隔期",
        cause="exporter",
        severity="general",
        rectify=True,
        subject="完善用药管理",
        due_date=TODAY + dt.timedelta(days=5),
        actor=supervisor,
    )
    assert case.status == "rectifying"
    assert case.credit_event.kind == "violation" and case.credit_event.points < 0
    with pytest.raises(ValidationFailed) as exc:
        services.case_close(case=case, report="结案", actor=supervisor)
    assert "rectification" in exc.value.fields
    rectification_answer(request=case.rectification, answer="已整改", actor=exporter_user)
    case.rectification.refresh_from_db()
    rectification_close(request=case.rectification, actor=supervisor)
    case.refresh_from_db()
    case = services.case_close(case=case, report="整改到位，结案", actor=supervisor)
    assert case.status == "closed" and case.closed_by == supervisor
    assert case.enterprise.credit_events.filter(
        kind="rectification", source_ref__endswith=":rectified"
    ).exists()
    with pytest.raises(IllegalTransition):
        services.case_task_add(case=case, title="再查", due_date=TODAY, actor=supervisor)


def test_findings_need_a_severity_for_a_fault_at_the_exporter(case, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        services.case_findings(case=case, findings="x", cause="exporter", actor=supervisor)
    assert "severity" in exc.value.fields


def test_findings_without_fault_close_without_rectification(case, supervisor):
    services.case_findings(case=case, findings="运输途中温控失效", cause="transport", actor=supervisor)
    case.refresh_from_db()
    assert case.credit_event is None and case.status == "investigating"
    assert services.case_close(case=case, report="非企业原因", actor=supervisor).status == "closed"


def test_bad_hand_entry_names_the_field(analyst):
    with pytest.raises(ValidationFailed) as exc:
        services.notification_enter(
            reference="",
            authority="x",
            notified_on=TODAY + dt.timedelta(days=1),
            subject="",
            hs_code="7a",
            actor=analyst,
        )
    assert {"notified_on", "hs_code"} <= set(exc.value.fields)
