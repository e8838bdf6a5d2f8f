"""The inspection-agency registry with its scope, and port hygiene monitoring with its red on the licence."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guomen.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.portlines import services
from guomen.portlines.models import AgencyRegistration, HygieneMonitoring

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _registered(agency, inspector, supervisor):
    record = services.agency_apply(
        enterprise=agency,
        scope=["weight", "commodity", "weight"],
        applied_on=dt.date(2026, 1, 5),
        actor=inspector,
    )
    return services.agency_register(
        registration=record,
        number="深检鉴字第0021号",
        registered_on=dt.date(2026, 1, 20),
        valid_until=dt.date(2029, 1, 19),
        actor=supervisor,
    )


def test_an_agency_applies_with_its_scope_is_registered_and_a_failed_review_suspends(
    agency, inspector, supervisor
):
    record = _registered(agency, inspector, supervisor)
    assert record.status == "registered" and record.scope_codes == ["commodity", "weight"]
    assert record.review_due == dt.date(2027, 1, 20)
    assert record.scope_labels == ["进出口商品检验鉴定", "重量鉴定"]
    services.agency_review(
        registration=record,
        reviewed_on=dt.date(2026, 6, 1),
        passed=False,
        reason="鉴定人员不足",
        actor=inspector,
    )
    assert record.status == "suspended" and record.status_reason == "鉴定人员不足"
    verbs = set(AuditEvent.objects.filter(object_id=str(record.pk)).values_list("verb", flat=True))
    assert {"agencyregistration.applied", "agencyregistration.status"} <= verbs
    with pytest.raises(ValidationFailed) as exc:
        services.status_set(record=record, to="cancelled", reason=" ", actor=supervisor)
    assert "reason" in exc.value.fields
    services.status_set(record=record, to="cancelled", reason="机构申请注销", actor=supervisor)
    with pytest.raises(IllegalTransition):
        services.status_set(record=record, to="registered", reason="恢复", actor=supervisor)


def test_an_agency_application_names_its_bad_fields_and_saves_nothing(agency, caterer, inspector):
    with pytest.raises(ValidationFailed) as exc:
        services.agency_apply(
            enterprise=caterer, scope=["tasting"], applied_on=TODAY + dt.timedelta(days=2), actor=inspector
        )
    assert {"enterprise", "scope", "applied_on"} <= set(exc.value.fields)
    with pytest.raises(ValidationFailed) as exc:
        services.agency_apply(enterprise=agency, scope=[], applied_on=TODAY, actor=inspector)
    assert "选择" in exc.value.fields["scope"][0]
    assert not AgencyRegistration.objects.exists()


def test_another_jurisdiction_may_not_register_an_agency(agency, inspector, other_supervisor):
    record = services.agency_apply(enterprise=agency, scope=["damage"], applied_on=TODAY, actor=inspector)
    with pytest.raises(PermissionDenied):
        services.agency_register(
            registration=record,
            number="X",
            registered_on=TODAY,
            valid_until=TODAY + dt.timedelta(days=9),
            actor=other_supervisor,
        )


def test_the_agency_page_shows_scope_findings_and_penalties(agency, inspector, supervisor):
    record = _registered(agency, inspector, supervisor)
    finding = services.finding_open(
        enterprise=agency, check_kind="goods", found_on=TODAY, description="重量鉴定未复秤", actor=inspector
    )
    assert finding.registration == record
    services.finding_decide(
        finding=finding, to="penalised", reason="属实", penalty="警告并通报", actor=supervisor
    )
    page = _client(inspector).get(reverse("portlines:agency", args=[record.pk])).content.decode()
    assert "重量鉴定" in page and "深检鉴字第0021号" in page
    assert "重量鉴定未复秤" in page and "警告并通报" in page
    listing = _client(inspector).get(reverse("portlines:agencies") + "?scope=weight").content.decode()
    assert "深检鉴字第0021号" in listing
    assert (
        "深检鉴字第0021号"
        not in _client(inspector).get(reverse("portlines:agencies") + "?scope=damage").content.decode()
    )


def test_the_agency_api_is_paginated_and_the_detail_lists_findings(
    agency, inspector, supervisor, other_supervisor
):
    record = _registered(agency, inspector, supervisor)
    services.finding_open(
        enterprise=agency, check_kind="factory", found_on=TODAY, description="验厂记录不全", actor=inspector
    )
    body = _client(inspector).get("/api/v1/portlines/agencies").json()
    assert body["count"] == 1 and body["results"][0]["scope"] == ["commodity", "weight"]
    detail = _client(inspector).get(f"/api/v1/portlines/agencies/{record.pk}").json()
    assert [f["description"] for f in detail["findings"]] == ["验厂记录不全"]
    assert _client(other_supervisor).get(f"/api/v1/portlines/agencies/{record.pk}").status_code == 404
    assert _client(other_supervisor).get("/api/v1/portlines/agencies").json()["count"] == 0


def _licence(caterer, supervisor):
    return services.licence_issue(
        enterprise=caterer, number="深卫口食证字第0012号", business="catering", premises="旅检大楼二层",
        valid_from=dt.date(2025, 1, 1), valid_until=dt.date(2029, 1, 1), actor=supervisor,
    )  # fmt: skip


def _result(inspector, *, licence=None, org=None, value="36", limit="100", kind="max", **more):
    values = dict(
        category="drinking_water", item="菌落总数", sampling_point="餐厅直饮水机", sampled_on=TODAY,
        value=value, unit="CFU/mL", limit=limit, limit_kind=kind,
    ) | more  # fmt: skip
    return services.monitoring_record(licence=licence, org=org, actor=inspector, **values)


def test_conforming_is_computed_from_the_limit_either_way(caterer, supervisor, inspector):
    licence = _licence(caterer, supervisor)
    assert _result(inspector, licence=licence, value="100").status == "conforming"
    assert _result(inspector, licence=licence, value="100.5").status == "open"
    chlorine = _result(inspector, licence=licence, item="游离余氯", value="0.03", limit="0.05", kind="min")
    assert not chlorine.conforming and chlorine.enterprise_id == caterer.pk
    assert AuditEvent.objects.filter(verb="hygienemonitoring.recorded").count() == 3


def test_a_non_conforming_result_is_red_on_the_licence_until_rectified(caterer, supervisor, inspector):
    licence = _licence(caterer, supervisor)
    bad = _result(inspector, licence=licence, category="food_contact", item="大肠菌群", value="2", limit="0")
    page = _client(inspector).get(reverse("portlines:licences")).content.decode()
    assert 'data-testid="licence-nonconforming"' in page and "卫生监测:1 项不合格未整改" in page
    services.monitoring_close(record=bad, to="rectified", reason="复检合格", actor=inspector)
    page = _client(inspector).get(reverse("portlines:licences")).content.decode()
    assert 'data-testid="licence-nonconforming"' not in page


def test_a_result_at_the_port_and_bad_input_named(orgs, caterer, supervisor, inspector):
    at_port = _result(
        inspector,
        org=orgs["WJD"],
        category="public_air",
        item="二氧化碳",
        value="0.08",
        limit="0.1",
        unit="%",
    )
    assert at_port.licence is None and at_port.enterprise is None and at_port.conforming
    with pytest.raises(ValidationFailed) as exc:
        _result(
            inspector,
            org=orgs["WJD"],
            category="noise",
            item=" ",
            value="abc",
            limit="-1",
            kind="eq",
            sampled_on=TODAY + dt.timedelta(days=1),
        )
    assert {"category", "item", "value", "limit", "limit_kind", "sampled_on"} <= set(exc.value.fields)
    with pytest.raises(PermissionDenied):
        _result(inspector, org=orgs["GZ"])
    assert HygieneMonitoring.objects.count() == 1


def test_the_monitoring_form_names_the_licence_and_the_api_lists_only_what_one_may_see(
    orgs, caterer, caterer_user, supervisor, inspector, other_supervisor
):
    licence = _licence(caterer, supervisor)
    response = _client(inspector).post(
        reverse("portlines:monitoring_new"),
        {"licence": "不存在", "category": "drinking_water", "item": "菌落总数", "sampling_point": "直饮水机",
         "sampled_on": TODAY.isoformat(), "value": "1", "unit": "CFU/mL", "limit": "100", "limit_kind": "max"},
    )  # fmt: skip
    assert response.status_code == 200 and "您的辖区内没有此编号的许可证" in response.content.decode()
    _result(inspector, licence=licence, value="120")
    _result(inspector, org=orgs["WJD"], category="vector", item="鼠密度", value="0.5", limit="1", unit="%")
    assert _client(inspector).get("/api/v1/portlines/monitoring?conforming=0").json()["count"] == 1
    assert _client(caterer_user).get("/api/v1/portlines/monitoring").json()["count"] == 1
    assert _client(other_supervisor).get("/api/v1/portlines/monitoring").json()["count"] == 0
    created = _client(inspector).post(
        "/api/v1/portlines/monitoring",
        {"port": "WJD", "category": "public_air", "item": "CO2", "sampling_point": "旅检大厅",
         "sampled_on": TODAY.isoformat(), "value": "0.2", "unit": "%", "limit": "0.1"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201 and created.json()["conforming"] is False
