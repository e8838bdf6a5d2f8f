import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guomen.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.portlines import selectors, services
from guomen.portlines.models import FoodLicence
from guomen.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def _issue(enterprise, actor, **overrides):
    values = {
        "number": "粤卫口食证字〔2026〕第0001号",
        "business": "catering",
        "premises": "文锦渡口岸旅检大楼二层",
        "valid_from": dt.date(2025, 1, 1),
        "valid_until": dt.date(2029, 1, 1),
    }
    return services.licence_issue(enterprise=enterprise, actor=actor, **(values | overrides))


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_a_supervisor_issues_a_licence_with_an_audit_event(caterer, supervisor):
    licence = _issue(caterer, supervisor)
    assert licence.status == "valid" and licence.org == caterer.org
    assert AuditEvent.objects.filter(verb="foodlicence.issued", object_id=str(licence.pk)).exists()


def test_bad_input_names_each_field_and_saves_nothing(caterer, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        _issue(caterer, supervisor, number=" ", business="bar", valid_until=dt.date(2024, 1, 1))
    assert {"number", "business", "valid_until"} <= set(exc.value.fields)
    assert not FoodLicence.objects.exists()


def test_only_a_food_business_at_the_port_holds_a_licence(orgs, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        _issue(EnterpriseFactory(org=orgs["WJD"], kind="importer"), supervisor)
    assert "enterprise" in exc.value.fields


def test_another_jurisdiction_and_inspectors_may_not_issue(caterer, other_supervisor, inspector):
    for actor in (other_supervisor, inspector):
        with pytest.raises(PermissionDenied):
            _issue(caterer, actor)
    assert not FoodLicence.objects.exists()


def test_grade_then_suspend_with_reason_then_revoke(caterer, supervisor, inspector):
    licence = _issue(caterer, supervisor)
    services.licence_grade(licence=licence, grade="B", graded_on=dt.date(2026, 3, 1), actor=inspector)
    assert licence.grade == "B" and licence.version == 2
    with pytest.raises(ValidationFailed) as exc:
        services.status_set(record=licence, to="suspended", reason=" ", actor=supervisor)
    assert "reason" in exc.value.fields
    services.status_set(record=licence, to="suspended", reason="后厨卫生不合格", actor=supervisor)
    licence.refresh_from_db()
    assert licence.status == "suspended" and licence.status_reason == "后厨卫生不合格"
    with pytest.raises(ValidationFailed) as exc:
        services.licence_grade(licence=licence, grade="A", graded_on=dt.date(2026, 3, 2), actor=inspector)
    assert "grade" in exc.value.fields
    services.status_set(record=licence, to="revoked", reason="整改不到位", actor=supervisor)
    with pytest.raises(IllegalTransition):
        services.status_set(record=licence, to="valid", reason="恢复", actor=supervisor)
    verbs = set(AuditEvent.objects.filter(object_id=str(licence.pk)).values_list("verb", flat=True))
    assert {"foodlicence.graded", "foodlicence.status"} <= verbs


def test_a_bad_grade_and_a_future_date_are_named(caterer, supervisor, inspector):
    licence = _issue(caterer, supervisor)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationFailed) as exc:
        services.licence_grade(licence=licence, grade="D", graded_on=tomorrow, actor=inspector)
    assert {"grade", "graded_on"} <= set(exc.value.fields)


def test_expired_or_suspended_licences_are_shown_on_the_enterprise_page(caterer, supervisor):
    expired = _issue(caterer, supervisor, number="E-1", valid_until=dt.date(2025, 6, 1))
    suspended = _issue(caterer, supervisor, number="S-1")
    fine = _issue(caterer, supervisor, number="OK-1")
    services.status_set(record=suspended, to="suspended", reason="虫害防治缺失", actor=supervisor)
    alerts = selectors.licence_alerts(user=supervisor, enterprise=caterer, on=timezone.localdate())
    assert {a.pk for a in alerts} == {expired.pk, suspended.pk}
    page = _client(supervisor).get(reverse("registry:enterprise_detail", args=[caterer.pk])).content.decode()
    assert "E-1" in page and "S-1" in page and "虫害防治缺失" in page and fine.number not in page


def test_the_list_is_scoped_filtered_and_in_chinese(caterer, supervisor, other_supervisor, caterer_user):
    licence = _issue(caterer, supervisor)
    services.licence_grade(licence=licence, grade="A", graded_on=dt.date(2026, 3, 1), actor=supervisor)
    page = _client(supervisor).get(reverse("portlines:licences")).content.decode()
    assert licence.number in page and "口岸食品卫生许可证" in page
    assert licence.number in _client(caterer_user).get(reverse("portlines:licences")).content.decode()
    assert licence.number not in _client(other_supervisor).get(reverse("portlines:licences")).content.decode()
    filtered = _client(supervisor).get(reverse("portlines:licences"), {"grade": "C"}).content.decode()
    assert licence.number not in filtered


def test_the_form_issues_and_its_errors_name_the_field_in_chinese(caterer, supervisor):
    data = {
        "enterprise": caterer.uscc,
        "number": "F-1",
        "business": "shop",
        "premises": "出境大厅",
        "valid_from": "2026-01-01",
        "valid_until": "2025-01-01",
    }
    page = _client(supervisor).post(reverse("portlines:licence_new"), data).content.decode()
    assert "许可证在生效之前就已到期" in page and not FoodLicence.objects.exists()
    response = _client(supervisor).post(
        reverse("portlines:licence_new"), data | {"valid_until": "2029-01-01"}
    )
    assert response.status_code == 302 and FoodLicence.objects.get().number == "F-1"


def test_the_status_button_refuses_other_units(caterer, supervisor, other_supervisor):
    licence = _issue(caterer, supervisor)
    url = reverse("portlines:licence_status", args=[licence.pk])
    assert _client(other_supervisor).post(url, {"to": "suspended", "reason": "x"}).status_code == 404
    _client(supervisor).post(url, {"to": "suspended", "reason": "卫生不达标"})
    licence.refresh_from_db()
    assert licence.status == "suspended"


def test_the_api_lists_and_grades(caterer, supervisor, inspector, other_supervisor):
    licence = _issue(caterer, supervisor)
    client = _client(supervisor)
    listed = client.get("/api/v1/portlines/licences").json()
    assert [item["number"] for item in listed["results"]] == [licence.number]
    assert _client(other_supervisor).get("/api/v1/portlines/licences").json()["results"] == []
    body = {"grade": "Z", "graded_on": "2026-03-01"}
    response = _client(inspector).post(
        f"/api/v1/portlines/licences/{licence.pk}/grade", body, content_type="application/json"
    )
    assert response.status_code in (400, 422) and "grade" in response.json()["fields"]
