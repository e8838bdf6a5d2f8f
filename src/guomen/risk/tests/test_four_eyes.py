"""Four eyes on early warnings and consumer warnings: drafter ≠ validator ≠ publisher; the proposer of a
consumer warning never puts it on the public portal. Service, API and page for each pair."""

import pytest
from django.test import Client
from django.urls import reverse

from guomen.accounts.choices import Role
from guomen.core.four_eyes import FourEyesViolation
from guomen.core.models import AuditEvent
from guomen.risk.early_warnings import warning_create, warning_publish, warning_validate
from guomen.risk.measures import measure_add, measure_publish
from guomen.risk.selectors import public_consumer_warnings

from .factories import measure_data, warning_data

pytestmark = pytest.mark.django_db
API = "/api/v1/risk"


@pytest.fixture
def validated(rw):
    warning = warning_create(actor=rw["analyst"], data=warning_data(rw))
    return warning_validate(warning=warning, actor=rw["supervisor"])


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_drafter_cannot_validate_his_own_warning(rw, make_user):
    warning = warning_create(actor=rw["admin"], data=warning_data(rw))
    audits = AuditEvent.objects.count()
    with pytest.raises(FourEyesViolation) as exc:
        warning_validate(warning=warning, actor=rw["admin"])
    warning.refresh_from_db()
    assert (warning.status, AuditEvent.objects.count()) == ("draft", audits)
    assert "起草人" in str(exc.value.message)
    warning_validate(warning=warning, actor=make_user(Role.ADMINISTRATOR, rw["GACC"], username="ad2"))
    assert warning.status == "validated"


def test_api_refuses_validation_by_the_drafter(client, rw):
    warning = warning_create(actor=rw["admin"], data=warning_data(rw))
    client.force_login(rw["admin"])
    response = client.post(f"{API}/warnings/{warning.pk}/validate", {}, content_type="application/json")
    warning.refresh_from_db()
    assert response.status_code == 403 and response.json()["code"] == "four_eyes"
    assert "起草人" in response.json()["message"] and warning.status == "draft"


def test_page_offers_validation_only_to_someone_other_than_the_drafter(rw):
    warning = warning_create(actor=rw["admin"], data=warning_data(rw))
    url = reverse("risk:warning_detail", args=[warning.pk])
    action = reverse("risk:warning_action", args=[warning.pk, "validate"])
    mine = _client(rw["admin"]).get(url).content.decode()
    assert action not in mine and "另一位科长验证" in mine


def test_the_validator_cannot_publish(rw, validated):
    audits = AuditEvent.objects.count()
    with pytest.raises(FourEyesViolation) as exc:
        warning_publish(warning=validated, actor=rw["supervisor"])
    validated.refresh_from_db()
    assert (validated.status, AuditEvent.objects.count()) == ("validated", audits)
    assert "双人复核" in str(exc.value.message) and "发布" in str(exc.value.message)


def test_a_second_supervisor_publishes_and_three_people_are_on_record(rw, validated):
    warning_publish(warning=validated, actor=rw["second_supervisor"])
    assert validated.status == "published"
    assert len({validated.drafted_by_id, validated.validated_by_id, validated.published_by_id}) == 3


def test_api_refuses_publication_by_the_validator_with_403(client, rw, validated):
    client.force_login(rw["supervisor"])
    response = client.post(f"{API}/warnings/{validated.pk}/publish", {}, content_type="application/json")
    validated.refresh_from_db()
    assert response.status_code == 403 and response.json()["code"] == "four_eyes"
    assert "发布" in response.json()["message"] and validated.status == "validated"


def test_page_offers_publication_only_to_a_second_supervisor(rw, validated):
    url = reverse("risk:warning_detail", args=[validated.pk])
    action = reverse("risk:warning_action", args=[validated.pk, "publish"])
    mine = _client(rw["supervisor"]).get(url).content.decode()
    assert action not in mine and "第二位科长" in mine
    assert action in _client(rw["second_supervisor"]).get(url).content.decode()


def test_a_posted_publication_by_the_validator_changes_nothing_and_names_the_rule(rw, validated):
    action = reverse("risk:warning_action", args=[validated.pk, "publish"])
    response = _client(rw["supervisor"]).post(action, {"version": validated.version}, follow=True)
    validated.refresh_from_db()
    assert validated.status == "validated" and "双人复核" in response.content.decode()


# --- consumer warnings -------------------------------------------------------------------------------------


def test_whoever_proposed_a_consumer_warning_cannot_publish_the_notice(rw, make_user):
    warning = warning_create(actor=rw["analyst"], data=warning_data(rw))
    measure_add(warning=warning, actor=rw["supervisor"], data=measure_data(rw, "consumer_warning"))
    warning_validate(warning=warning, actor=rw["second_supervisor"])
    with pytest.raises(FourEyesViolation) as exc:
        warning_publish(warning=warning, actor=rw["supervisor"])
    assert "消费提示" in str(exc.value.message) and public_consumer_warnings() == []
    warning_publish(warning=warning, actor=make_user(Role.SUPERVISOR, rw["SZ"], username="sv3_sz"))
    assert len(public_consumer_warnings()) == 1


@pytest.fixture
def late_notice(rw, validated):
    """A consumer warning that a supervisor adds to an already published warning: not public yet."""
    warning_publish(warning=validated, actor=rw["second_supervisor"])
    return measure_add(warning=validated, actor=rw["supervisor"], data=measure_data(rw, "consumer_warning"))


def test_a_consumer_warning_added_after_publication_waits_for_a_second_supervisor(late_notice):
    assert late_notice.status == "planned" and public_consumer_warnings() == []


def test_its_proposer_cannot_put_it_on_the_portal(rw, late_notice):
    audits = AuditEvent.objects.count()
    with pytest.raises(FourEyesViolation):
        measure_publish(measure=late_notice, actor=rw["supervisor"])
    late_notice.refresh_from_db()
    assert (late_notice.status, AuditEvent.objects.count(), public_consumer_warnings()) == (
        "planned",
        audits,
        [],
    )


def test_another_supervisor_puts_it_on_the_portal(rw, late_notice):
    measure_publish(measure=late_notice, actor=rw["second_supervisor"])
    assert (late_notice.status, late_notice.approved_by) == ("in_force", rw["second_supervisor"])
    assert len(public_consumer_warnings()) == 1


def test_api_refuses_the_proposers_publication_of_a_consumer_warning(client, rw, late_notice):
    client.force_login(rw["supervisor"])
    response = client.post(f"{API}/measures/{late_notice.pk}/publish", {}, content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "four_eyes"


def test_page_offers_the_consumer_warning_to_another_supervisor_only(rw, late_notice):
    url = reverse("risk:warning_detail", args=[late_notice.warning_id])
    action = reverse("risk:measure_action", args=[late_notice.pk, "publish"])
    assert action not in _client(rw["supervisor"]).get(url).content.decode()
    response = _client(rw["second_supervisor"]).post(action, {"version": late_notice.version}, follow=True)
    late_notice.refresh_from_db()
    assert response.status_code == 200 and late_notice.status == "in_force"
