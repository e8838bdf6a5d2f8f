import datetime as dt

import pytest

from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.portal.services import decision_create, decision_set_published, decision_update
from guomen.registry.tests.factories import EnterpriseFactory

from .factories import PublicDecisionFactory

pytestmark = pytest.mark.django_db


def data(orgs, **overrides):
    base = {
        "kind": "licence",
        "decision_number": "深关许〔2026〕0001号",
        "enterprise_name": "深圳市万家果业进出口有限公司",
        "decided_on": dt.date(2026, 10, 1),
        "summary": "准予进境水果指定监管场地经营许可。",
        "org": orgs["SZ"],
    }
    base.update(overrides)
    return base


def test_a_new_decision_is_not_published(orgs, supervisor):
    decision = decision_create(data=data(orgs), actor=supervisor)
    assert not decision.published and decision.published_at is None


def test_an_enterprise_on_file_fills_in_its_name_and_credit_code(orgs, supervisor):
    firm = EnterpriseFactory(org=orgs["SZ"])
    decision = decision_create(data=data(orgs, enterprise=firm, enterprise_name=""), actor=supervisor)
    assert decision.enterprise_name == firm.name_zh and decision.enterprise_uscc == firm.uscc


def test_publishing_records_the_time_and_withdrawal_needs_a_reason(orgs, supervisor):
    decision = decision_create(data=data(orgs), actor=supervisor)
    decision_set_published(decision=decision, published=True, actor=supervisor)
    assert decision.published and decision.published_at
    with pytest.raises(ValidationFailed) as exc:
        decision_set_published(decision=decision, published=False, actor=supervisor)
    assert "reason" in exc.value.fields
    decision_set_published(decision=decision, published=False, actor=supervisor, reason="信息有误")
    assert not decision.published
    assert AuditEvent.objects.filter(verb="decision.withdrawn", reason="信息有误").exists()


def test_a_published_decision_cannot_be_edited(orgs, supervisor):
    decision = PublicDecisionFactory(org=orgs["SZ"], published=True)
    with pytest.raises(ValidationFailed):
        decision_update(decision=decision, data={"summary": "改"}, actor=supervisor)


@pytest.mark.parametrize("who", ["inspector", "analyst"])
def test_only_supervisors_and_administrators_enter_decisions(orgs, request, who):
    with pytest.raises(PermissionDenied):
        decision_create(data=data(orgs), actor=request.getfixturevalue(who))


def test_a_decision_of_another_jurisdiction_is_refused(orgs, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        decision_create(data=data(orgs, org=orgs["GZ"]), actor=supervisor)
    assert "org" in exc.value.fields
