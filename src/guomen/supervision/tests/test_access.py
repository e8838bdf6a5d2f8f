"""Access management: applications, review, suspend, revoke, restore; audited and effective at once."""

import pytest

from guomen.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.registry.models import ProductionBase
from guomen.registry.tests.factories import ProductionBaseFactory
from guomen.supervision import services

from .factories import EnterpriseFactory


@pytest.fixture
def pending_firm(orgs):
    return EnterpriseFactory(org=orgs["WJD"], filing_status="pending")


@pytest.fixture
def pending_user(pending_firm, make_user):
    return make_user("enterprise", None, enterprise=pending_firm, username="pending_user")


def test_enterprise_applies_and_supervisor_approves_the_filing(pending_firm, pending_user, supervisor):
    app = services.application_submit(enterprise=pending_firm, statement="ISO 9001 证书", actor=pending_user)
    services.application_decide(application=app, approve=True, reason="材料齐全", actor=supervisor)
    pending_firm.refresh_from_db()
    assert (app.status, pending_firm.filing_status) == ("approved", "filed")
    assert pending_firm.filed_on is not None
    assert AuditEvent.objects.filter(verb="enterprise.filing_filed", reason="材料齐全").exists()


def test_rejected_filing_application_revokes_the_pending_filing(pending_firm, pending_user, supervisor):
    app = services.application_submit(enterprise=pending_firm, actor=pending_user)
    services.application_decide(application=app, approve=False, reason="无固定经营场所", actor=supervisor)
    pending_firm.refresh_from_db()
    assert (app.status, pending_firm.filing_status, pending_firm.filing_reason) == (
        "rejected",
        "revoked",
        "无固定经营场所",
    )


def test_a_revoked_enterprise_may_apply_again(pending_firm, pending_user, supervisor):
    services.enterprise_filing_change(enterprise=pending_firm, action="revoke", reason="x", actor=supervisor)
    services.application_submit(
        enterprise=pending_firm.__class__.objects.get(pk=pending_firm.pk), actor=pending_user
    )
    pending_firm.refresh_from_db()
    assert pending_firm.filing_status == "pending"


def test_a_filed_enterprise_needs_no_application(firm, firm_user):
    with pytest.raises(ValidationFailed) as exc:
        services.application_submit(enterprise=firm, actor=firm_user)
    assert "enterprise" in exc.value.fields


def test_an_enterprise_user_cannot_apply_for_another_enterprise(pending_firm, firm_user):
    with pytest.raises(PermissionDenied):
        services.application_submit(enterprise=pending_firm, actor=firm_user)


def test_a_decision_needs_a_reason(pending_firm, pending_user, supervisor):
    app = services.application_submit(enterprise=pending_firm, actor=pending_user)
    with pytest.raises(ValidationFailed) as exc:
        services.application_decide(application=app, approve=True, reason=" ", actor=supervisor)
    assert "reason" in exc.value.fields


def test_a_decided_application_cannot_be_decided_again(pending_firm, pending_user, supervisor):
    app = services.application_submit(enterprise=pending_firm, actor=pending_user)
    services.application_decide(application=app, approve=True, reason="ok", actor=supervisor)
    with pytest.raises(IllegalTransition):
        services.application_decide(application=app, approve=False, reason="no", actor=supervisor)


@pytest.mark.parametrize("role_fixture", ["inspector", "analyst", "pending_user"])
def test_only_supervisors_decide_applications(request, pending_firm, pending_user, role_fixture):
    app = services.application_submit(enterprise=pending_firm, actor=pending_user)
    with pytest.raises(PermissionDenied):
        services.application_decide(
            application=app, approve=True, reason="ok", actor=request.getfixturevalue(role_fixture)
        )


def test_supervisor_of_another_branch_cannot_decide(pending_firm, pending_user, gz_supervisor):
    app = services.application_submit(enterprise=pending_firm, actor=pending_user)
    with pytest.raises(PermissionDenied):
        services.application_decide(application=app, approve=True, reason="ok", actor=gz_supervisor)


def test_base_registration_is_pending_until_approved(firm, firm_user, supervisor, orgs):
    from guomen.catalog.tests.factories import CountryFactory

    data = {"code": "GAP-TH-99", "kind": "orchard", "name": "尖竹汶榴莲园", "country": CountryFactory()}
    app = services.base_registration_apply(enterprise=firm, data=data, actor=firm_user)
    assert ProductionBase.objects.get(code="GAP-TH-99").status == "pending"
    services.application_decide(application=app, approve=True, reason="现场核查合格", actor=supervisor)
    base = ProductionBase.objects.get(code="GAP-TH-99")
    assert (base.status, base.registered_on is not None) == ("active", True)


def test_suspend_and_restore_a_filing_with_reasons(firm, supervisor):
    services.enterprise_filing_change(enterprise=firm, action="suspend", reason="整改期间", actor=supervisor)
    assert firm.filing_status == "suspended"
    services.enterprise_filing_change(enterprise=firm, action="restore", reason="整改完成", actor=supervisor)
    assert firm.filing_status == "filed"
    verbs = list(
        AuditEvent.objects.filter(object_id=str(firm.pk), verb__startswith="enterprise.filing").values_list(
            "verb", flat=True
        )
    )
    assert verbs == ["enterprise.filing_suspended", "enterprise.filing_filed"]


def test_a_revoked_filing_cannot_be_restored_directly(firm, supervisor):
    services.enterprise_filing_change(enterprise=firm, action="revoke", reason="x", actor=supervisor)
    with pytest.raises(IllegalTransition):
        services.enterprise_filing_change(enterprise=firm, action="restore", reason="y", actor=supervisor)


def test_inspector_cannot_suspend_a_filing(firm, inspector):
    with pytest.raises(PermissionDenied):
        services.enterprise_filing_change(enterprise=firm, action="suspend", reason="x", actor=inspector)


def test_unknown_filing_action_names_the_field(firm, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        services.enterprise_filing_change(enterprise=firm, action="explode", reason="x", actor=supervisor)
    assert "action" in exc.value.fields


def test_revoking_a_base_is_audited_with_its_reason(firm, supervisor):
    base = ProductionBaseFactory(enterprise=firm, org=firm.org)
    services.base_status_change(base=base, action="revoke", reason="截获检疫性有害生物", actor=supervisor)
    base.refresh_from_db()
    assert (base.status, base.status_reason) == ("revoked", "截获检疫性有害生物")


def test_suspended_enterprise_is_refused_at_intake(firm, supervisor):
    from guomen.declarations import intake

    services.enterprise_filing_change(enterprise=firm, action="suspend", reason="整改期间", actor=supervisor)
    errors = intake._Errors()
    intake._enterprise(firm.uscc, "declarant_uscc", errors, {firm.uscc: firm})
    assert "declarant_uscc" in errors
