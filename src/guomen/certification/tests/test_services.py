import datetime as dt

import pytest
from django.utils import timezone

from guomen.certification import selectors, services
from guomen.certification.models import Certificate
from guomen.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.supervision.models import CreditEvent

from .factories import CertificateFactory, EnterpriseFactory

pytestmark = pytest.mark.django_db
ALL_OK = {item: "ok" for item in ("validity", "scope", "consistency", "marks", "system", "complaints")}


def _register(holder, actor, **overrides):
    values = {
        "scheme": "ccc",
        "number": "2026011101000777",
        "products": "儿童电动玩具",
        "body_name": "中国质量认证中心",
        "valid_from": dt.date(2026, 1, 1),
        "valid_until": dt.date(2031, 1, 1),
        "hs_code": "9503",
    }
    values.update(overrides)
    return services.certificate_register(enterprise=holder, actor=actor, **values)


def test_a_supervisor_puts_a_certificate_on_file_with_an_audit_event(holder, supervisor):
    certificate = _register(holder, supervisor)
    assert certificate.status == "valid" and certificate.org == holder.org
    assert AuditEvent.objects.filter(verb="certificate.registered", object_id=str(certificate.pk)).exists()


def test_a_certificate_of_another_jurisdiction_is_refused(holder, other_supervisor):
    with pytest.raises(PermissionDenied):
        _register(holder, other_supervisor)
    assert not Certificate.objects.exists()


def test_a_certificate_expiring_before_it_starts_names_the_field(holder, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        _register(holder, supervisor, valid_until=dt.date(2025, 1, 1))
    assert "valid_until" in exc.value.fields
    assert not Certificate.objects.exists()


def test_the_body_must_be_a_certification_body_on_file(holder, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        _register(holder, supervisor, body=EnterpriseFactory(kind="importer"))
    assert "body" in exc.value.fields


def test_a_duplicate_number_is_refused(holder, supervisor, certificate):
    with pytest.raises(ValidationFailed) as exc:
        _register(holder, supervisor, number=certificate.number)
    assert "number" in exc.value.fields


def test_a_revoked_certificate_cannot_be_restored(certificate, supervisor):
    services.certificate_set_status(
        certificate=certificate, to="revoked", reason="证书被认证机构撤销", actor=supervisor
    )
    with pytest.raises(IllegalTransition):
        services.certificate_set_status(certificate=certificate, to="valid", reason="恢复", actor=supervisor)


def test_a_clean_check_closes_at_once(planned, inspector):
    check = services.check_record(check=planned, results=ALL_OK, actor=inspector)
    assert check.status == "closed" and check.inspector == inspector


def test_a_check_with_non_conformities_goes_to_rectification_then_closes(planned, inspector):
    results = {**ALL_OK, "marks": "nc"}
    due = timezone.localdate() + dt.timedelta(days=30)
    check = services.check_record(
        check=planned,
        results=results,
        findings="产品铭牌上CCC标志尺寸不符",
        rectification_due=due,
        actor=inspector,
    )
    assert check.status == "rectifying" and check.non_conformities == 1
    check = services.check_close(
        check=check, rectified_on=timezone.localdate(), reason="现场复查已整改", actor=inspector
    )
    assert check.status == "closed"


def test_non_conformities_without_a_description_are_refused_and_nothing_changes(planned, inspector):
    with pytest.raises(ValidationFailed) as exc:
        services.check_record(check=planned, results={**ALL_OK, "scope": "nc"}, actor=inspector)
    assert {"findings", "rectification_due"} <= set(exc.value.fields)
    planned.refresh_from_db()
    assert planned.status == "planned"


def test_an_unknown_checklist_value_names_the_item(planned, inspector):
    with pytest.raises(ValidationFailed) as exc:
        services.check_record(check=planned, results={**ALL_OK, "marks": "maybe"}, actor=inspector)
    assert "results.marks" in exc.value.fields


def test_a_misuse_penalty_counts_as_a_credit_violation(holder, supervisor, inspector):
    case = services.misuse_open(
        enterprise=holder, found_on=timezone.localdate(), description="未获证产品加施CCC标志", actor=inspector
    )
    case = services.misuse_decide(
        case=case, to="penalised", reason="查实", penalty="罚款2万元,责令改正", actor=supervisor
    )
    event = CreditEvent.objects.get(enterprise=holder)
    assert case.status == "penalised" and case.credit_event == event
    assert event.kind == "violation" and "罚款2万元" in event.evidence


def test_a_penalty_without_its_content_is_refused_and_no_credit_event_is_written(
    holder, supervisor, inspector
):
    case = services.misuse_open(
        enterprise=holder, found_on=timezone.localdate(), description="伪造认证标志", actor=inspector
    )
    with pytest.raises(ValidationFailed) as exc:
        services.misuse_decide(case=case, to="penalised", reason="查实", penalty="", actor=supervisor)
    assert "penalty" in exc.value.fields
    assert not CreditEvent.objects.exists()


def test_ccc_lookup_finds_the_valid_certificate_covering_the_hs_code(certificate, holder):
    today = dt.date(2026, 9, 1)
    assert selectors.valid_ccc_certificate(enterprise=holder, hs_code="85044090", on=today) == certificate
    assert selectors.valid_ccc_certificate(enterprise=holder, hs_code="9503", on=today) is None
    assert (
        selectors.valid_ccc_certificate(enterprise=holder, hs_code="85044090", on=dt.date(2031, 1, 1)) is None
    )


def test_an_enterprise_user_sees_only_its_own_certificates(certificate, holder_user):
    CertificateFactory()
    assert list(selectors.certificate_list(user=holder_user)) == [certificate]


def test_the_monthly_report_counts_the_certification_work_of_the_jurisdiction(
    orgs, certificate, planned, inspector, supervisor
):
    from guomen.reports import sources
    from guomen.reports.scope import build_filter

    services.check_record(
        check=planned,
        results={**ALL_OK, "marks": "nc"},
        findings="标志不规范",
        rectification_due=timezone.localdate() + dt.timedelta(days=9),
        actor=inspector,
    )
    CertificateFactory(number="2026888888000001", enterprise=EnterpriseFactory(org=orgs["GZ"]))  # elsewhere
    today = timezone.localdate()
    table = sources.certification(build_filter(supervisor, {"period": f"{today:%Y-%m}"}))
    counts = [row[1] for row in table.rows]
    assert counts == [1, 1, 1, 1, 0]
