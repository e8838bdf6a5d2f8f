"""Records of 文锦渡 the API cannot make (rectifications, overrides, export certificates, supervision applications,
petitions, downgrades, spot checks), made through the services and factories for the permission matrix: the
operations on them are then refused or let through for who the caller is, on a record that exists."""

import datetime as dt

from django.utils import timezone

from guomen.accounts.choices import Role


def make_records(world, users: dict, task, make_user) -> dict[str, dict]:
    """Per API collection, the record the matrix acts on ({"id": ..., "number": ...})."""
    from guomen.certificates.services import certificates_issue_for_declaration
    from guomen.certificates.tests.conftest import released_export
    from guomen.clearance.models import ReleaseOverride
    from guomen.inspections.services.rectifications import rectification_create
    from guomen.registry.tests.factories import EnterpriseFactory
    from guomen.supervision import services as supervision
    from guomen.supervision.models import CreditDowngrade
    from guomen.supervision.tests.factories import BlacklistEntryFactory, CreditEventFactory, PlanFactory

    wjd, enterprise = world["WJD"], world["enterprise"]
    # another supervisor of 文锦渡 asks, issues and proposes: the matrix's supervisor is then a second pair of eyes
    supervisor = make_user(Role.SUPERVISOR, wjd, username="matrix_colleague")
    out: dict[str, dict] = {}
    due = timezone.localdate() + dt.timedelta(days=14)
    rect = rectification_create(
        enterprise=enterprise, subject="标签整改", due_date=due, actor=supervisor, task=task
    )
    out["/api/v1/inspections/rectifications"] = {"id": rect.pk}
    override = ReleaseOverride.objects.create(
        task=task,
        declaration=task.declaration,
        port=task.port,
        disposition="release",
        rules=[],
        reason="港口拥堵，货物易腐",
        requested_by=supervisor,
    )
    out["/api/v1/clearance/overrides"] = {"id": override.pk}
    export = released_export(wjd, enterprise)
    certificate = certificates_issue_for_declaration(declaration=export, actor=supervisor)[0]
    out["/api/v1/exports/declarations"] = {"number": export.number, "id": export.pk}
    out["/api/v1/exports/certificates"] = {"number": certificate.number, "id": certificate.pk}
    applicant = EnterpriseFactory(org=wjd, name_zh="深圳市申请备案有限公司", filing_status="pending")
    application = supervision.application_submit(
        enterprise=applicant,
        statement="申请备案",
        actor=make_user(Role.ENTERPRISE, None, enterprise=applicant, username="matrix_applicant"),
    )
    out["/api/v1/supervision/applications"] = {"id": application.pk}
    listed = EnterpriseFactory(org=wjd, name_zh="深圳市失信企业有限公司")
    entry = BlacklistEntryFactory(enterprise=listed)
    petition = supervision.petition_submit(
        entry=entry,
        root_cause="内部审核缺失导致证单伪造",
        corrective_actions="建立双人复核制度并培训全体员工",
        actor=make_user(Role.ENTERPRISE, None, enterprise=listed, username="matrix_listed"),
    )
    out["/api/v1/supervision/petitions"] = {"id": petition.pk}
    downgrade = CreditDowngrade.objects.create(
        enterprise=EnterpriseFactory(org=wjd, name_zh="深圳市降级企业有限公司"),
        from_grade="C",
        score=40,
        proposed_by=supervisor,
    )
    out["/api/v1/supervision/downgrades"] = {"id": downgrade.pk}
    event = CreditEventFactory(enterprise=enterprise, recorded_by=supervisor)
    out["/api/v1/supervision/credit-events"] = {"id": event.pk, "enterprise_id": enterprise.pk}
    plan = supervision.plan_draw(plan=PlanFactory(org=wjd, sample_count=1), seed=8, actor=users["supervisor"])
    check = plan.tasks.first()
    if check is not None:
        out["/api/v1/supervision/checks"] = {"id": check.pk}
    return out
