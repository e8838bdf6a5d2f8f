"""The enterprise workspace: enterprise users only, its own rows only, plain words, documents to download."""

import pytest
from django.test import Client

from guomen.clearance.services import clearance_confirm, clearance_record_result, clearance_submit
from guomen.declarations.tests.factories import submission
from guomen.inspections.models import InspectionTask
from guomen.targeting.models import TargetingSettings
from guomen.targeting.tests.factories import RuleProfileFactory

pytestmark = pytest.mark.django_db

RULE = "甲类榴莲规则R7"
INSTRUCTION = "开箱检查果蒂处橘小实蝇幼虫"


@pytest.fixture
def returned(world):
    RuleProfileFactory(
        name=RULE, hs_prefix="0810", channel="physical", instruction=INSTRUCTION, percentage=100
    )
    TargetingSettings.objects.create(random_rate=0.0)
    declaration = clearance_submit(actor=world["enterprise_user"], **submission(world))
    task = InspectionTask.objects.get(declaration=declaration)
    task = clearance_record_result(
        task=task,
        outcome="non_conforming",
        notes="包装破损",
        proposed_disposition="return",
        actor=world["inspector"],
    )
    clearance_confirm(task=task, disposition="return", actor=world["supervisor"])
    return declaration, InspectionTask.objects.get(pk=task.pk)


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


PAGES = ("/enterprise/", "/enterprise/declarations/")


def test_anonymous_goes_to_sign_in(world, returned):
    _, task = returned
    for url in (*PAGES, f"/enterprise/documents/{task.pk}.pdf"):
        response = _client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("who", ["supervisor", "inspector", "other_supervisor"])
def test_staff_get_403(world, returned, who):
    _, task = returned
    for url in (*PAGES, f"/enterprise/documents/{task.pk}.pdf"):
        assert _client(world[who]).get(url).status_code == 403


def test_the_home_shows_the_enterprises_own_business_in_plain_words(world, returned):
    declaration, task = returned
    response = _client(world["enterprise_user"]).get("/enterprise/")
    text = response.content.decode()
    assert response.status_code == 200
    assert declaration.number in text and "扣留" in text  # 退运 in plain words
    assert f"/enterprise/documents/{task.pk}.pdf" in text
    assert "报检单" in text and "通知" in text
    for marker in (RULE, INSTRUCTION, "橘小实蝇", "布控", "查验（红）", "physical"):
        assert marker not in text


def test_another_enterprise_sees_none_of_it(world, returned):
    declaration, task = returned
    client = _client(world["other_enterprise_user"])
    for url in PAGES:
        text = client.get(url).content.decode()
        assert declaration.number not in text
    assert client.get(f"/enterprise/documents/{task.pk}.pdf").status_code == 404


def test_the_notice_downloads_as_a_pdf(world, returned):
    _, task = returned
    response = _client(world["enterprise_user"]).get(f"/enterprise/documents/{task.pk}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_list_filters_by_status_and_ignores_unknown_ones(world, returned):
    declaration, _ = returned
    client = _client(world["enterprise_user"])
    assert declaration.number in client.get("/enterprise/declarations/?status=returned").content.decode()
    assert declaration.number not in client.get("/enterprise/declarations/?status=released").content.decode()
    assert client.get("/enterprise/declarations/?status=<x>&page=99999").status_code == 200


def test_the_home_takes_a_fixed_number_of_queries(world, returned, django_assert_max_num_queries):
    client = _client(world["enterprise_user"])
    client.get("/enterprise/")
    for _ in range(5):
        clearance_submit(actor=world["enterprise_user"], **submission(world))
    with django_assert_max_num_queries(16):
        assert client.get("/enterprise/").status_code == 200
