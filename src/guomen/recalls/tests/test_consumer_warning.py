"""A confirmed recall warns consumers through risk's consumer-warning measure: linked both ways, published by a
second supervisor (four eyes), refused with the field named for bad input, outside the jurisdiction or role."""

import json

import pytest
from django.test import Client

from guomen.accounts.choices import Role
from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.recalls import services
from guomen.recalls.models import Recall
from guomen.risk.early_warnings import warning_create, warning_publish, warning_validate
from guomen.risk.measures import measure_publish
from guomen.risk.models import Measure
from guomen.risk.selectors import public_consumer_warnings
from guomen.risk.tests.conftest import risk_world
from guomen.risk.tests.factories import warning_data

pytestmark = pytest.mark.django_db
TEXT = {"title": "消费提示:某品牌儿童推车", "text": "请立即停止使用型号A1儿童推车,联系经销商退换。"}


@pytest.fixture
def rw(orgs, make_user):
    return risk_world(orgs, make_user)


@pytest.fixture
def warned_recall(rw, recall, supervisor):
    """The recall, linked to a published early warning and confirmed."""
    warning = warning_create(actor=rw["analyst"], data=warning_data(rw))
    warning_validate(warning=warning, actor=rw["supervisor"])
    warning_publish(warning=warning, actor=rw["second_supervisor"])
    Recall.objects.filter(pk=recall.pk).update(early_warning=warning)
    recall.refresh_from_db()
    return services.recall_set_status(recall=recall, to="confirmed", reason="缺陷属实", actor=supervisor)


def test_a_confirmed_recall_proposes_a_consumer_warning_a_second_supervisor_publishes(
    warned_recall, supervisor, rw
):
    recall = services.recall_warn_consumers(recall=warned_recall, actor=supervisor, days=30, **TEXT)
    measure = Measure.objects.get(pk=recall.consumer_warning_id)
    assert measure.kind == "consumer_warning" and measure.status == "planned"
    assert measure.warning_id == recall.early_warning_id and measure.enterprise_id == recall.enterprise_id
    assert AuditEvent.objects.filter(verb="recall.consumer_warning", object_id=str(recall.pk)).exists()
    with pytest.raises(PermissionDenied):  # four eyes: not the proposer
        measure_publish(measure=measure, actor=supervisor)
    measure_publish(measure=measure, actor=rw["supervisor"])
    public = public_consumer_warnings()
    assert [w["title"] for w in public] == [TEXT["title"]]
    with pytest.raises(ValidationFailed) as exc:  # one warning at a time
        services.recall_warn_consumers(recall=fresh(recall), actor=supervisor, **TEXT)
    assert "consumer_warning" in exc.value.fields


def fresh(recall):
    return Recall.objects.get(pk=recall.pk)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": " "}, "title"),
        ({"text": ""}, "text"),
        ({"days": 0}, "days"),
        ({"days": 400}, "days"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(warned_recall, supervisor, change, field):
    before = Measure.objects.count()
    with pytest.raises(ValidationFailed) as exc:
        services.recall_warn_consumers(recall=warned_recall, actor=supervisor, **{**TEXT, **change})
    assert field in exc.value.fields
    assert Measure.objects.count() == before and fresh(warned_recall).consumer_warning_id is None


def test_a_recall_without_early_warning_or_not_confirmed_is_refused(recall, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        services.recall_warn_consumers(recall=recall, actor=supervisor, **TEXT)
    assert {"status", "early_warning"} <= set(exc.value.fields)
    assert "预警" in str(exc.value.fields["early_warning"][0])


@pytest.mark.parametrize("who", ["inspector", "other_supervisor", "enterprise"])
def test_wrong_role_other_unit_and_enterprise_are_refused(warned_recall, request, who, make_user, importer):
    if who == "enterprise":
        actor = make_user(Role.ENTERPRISE, None, importer)
    else:
        actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.recall_warn_consumers(recall=warned_recall, actor=actor, **TEXT)
    assert fresh(warned_recall).consumer_warning_id is None


def test_the_page_proposes_the_warning_and_shows_it(warned_recall, supervisor):
    client = Client()
    client.force_login(supervisor)
    url = f"/recalls/{warned_recall.number}/"
    assert 'data-testid="recall-warn"' in client.get(url).content.decode()
    response = client.post(url + "warn/", {**TEXT, "days": 28}, follow=True)
    page = response.content.decode()
    assert TEXT["title"] in page and "recall-consumer-warning" in page
    assert fresh(warned_recall).consumer_warning_id is not None


def test_the_page_names_the_field_of_bad_input(warned_recall, supervisor):
    client = Client()
    client.force_login(supervisor)
    response = client.post(f"/recalls/{warned_recall.number}/warn/", {**TEXT, "days": 0}, follow=True)
    assert response.status_code == 200 and "天" in response.content.decode()
    assert fresh(warned_recall).consumer_warning_id is None


@pytest.mark.parametrize("who", [None, "inspector", "other_supervisor", "enterprise", "supervisor"])
def test_api_permission_matrix(warned_recall, request, who, make_user, importer):
    client = Client()
    if who == "enterprise":
        client.force_login(make_user(Role.ENTERPRISE, None, importer))
    elif who:
        client.force_login(request.getfixturevalue(who))
    response = client.post(
        f"/api/v1/recalls/{warned_recall.number}/consumer-warning",
        json.dumps(TEXT),
        content_type="application/json",
    )
    if who == "supervisor":
        assert response.status_code == 200 and response.json()["consumer_warning"] == "planned"
    else:
        assert response.status_code in {401, 403, 404}, (who, response.status_code)
        assert fresh(warned_recall).consumer_warning_id is None
