"""Targeting stays confidential: enterprise users, enterprise system clients and the public never read
why a consignment was selected (rules, instructions, pests to look for, measures, score, random draw).

Given a declaration selected by a rule, a control measure, the model and the random draw, every page and
API route such a reader gets an answer from (enumerated from the URL configuration and the OpenAPI, with
the links those pages show: exports and PDFs) is read as text and searched for marker strings."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.accounts.services import api_key_create
from guomen.declarations.tests.conftest import world  # noqa: F401  (the same small bureau)
from guomen.inspections.models import InspectionTask
from guomen.inspections.services.rectifications import rectification_create
from guomen.targeting.models import ControlMeasure, RuleProfile, TargetingDecision

from .confidential import (
    INSTRUCTION,
    MEASURE_REASON,
    RULE_NAME,
    api_paths,
    filled_paths,
    targeted_declaration,
    visible_text,
    walk,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(world):  # noqa: F811
    declaration = targeted_declaration(world)
    task = InspectionTask.objects.get(declaration=declaration)
    rectification = rectification_create(
        enterprise=world["enterprise"],
        subject="补充冷链温度记录",
        due_date=timezone.localdate() + dt.timedelta(days=5),
        actor=world["supervisor"],
        task=task,
    )
    pks = {declaration.pk, task.pk, rectification.pk, world["enterprise"].pk, world["base"].pk}
    pks |= set(TargetingDecision.objects.values_list("pk", flat=True))
    pks |= set(ControlMeasure.objects.values_list("pk", flat=True))
    pks |= set(RuleProfile.objects.values_list("pk", flat=True))
    values = {
        "number": [declaration.number],
        "code": [declaration.verification_code],
        "uscc": [world["enterprise"].uscc],
        "fmt": ["csv", "xlsx"],
        "action": [],
    }
    return {"world": world, "declaration": declaration, "task": task, "values": values, "ints": sorted(pks)}


def _seeds(case) -> list[str]:
    values, ints = case["values"], case["ints"]
    return [*filled_paths(values, ints), *api_paths(values, ints)]


def test_enterprise_user_reads_no_targeting_detail_anywhere(case):
    client = Client()
    client.force_login(case["world"]["enterprise_user"])

    read, leaked = walk(client, _seeds(case))

    assert f"/declarations/{case['declaration'].number}/" in read  # the walk did reach the declaration
    assert f"/api/v1/declarations/{case['declaration'].number}" in read
    assert not leaked, leaked


def test_enterprise_system_client_reads_no_targeting_detail(case):
    _key, raw = api_key_create(name="企业报检系统", org_code="WJD", enterprise=case["world"]["enterprise"])

    read, leaked = walk(Client(), _seeds(case), HTTP_X_API_KEY=raw)

    assert f"/api/v1/declarations/{case['declaration'].number}" in read
    assert not leaked, leaked


def test_the_public_reads_no_targeting_detail(case):
    client = Client()
    declaration = case["declaration"]

    read, leaked = walk(client, _seeds(case))
    status = client.post(
        "/public/consignment/", {"number": declaration.number, "code": declaration.verification_code}
    )

    assert "/public/" in read
    assert not leaked, leaked
    page = visible_text(status)
    assert declaration.number in page
    assert RULE_NAME not in page and INSTRUCTION not in page and "布控" not in page


def test_bureau_staff_still_read_the_reasons_instruction_and_targeting_steps(case):
    world, declaration = case["world"], case["declaration"]
    client = Client()
    client.force_login(world["supervisor"])

    page = visible_text(client.get(f"/declarations/{declaration.number}/"))
    body = client.get(f"/api/v1/declarations/{declaration.number}").json()

    assert INSTRUCTION in page
    assert "风险布控选中" in page  # the reasons
    assert "布控" in page and "下达查验任务" in page  # the timeline's targeting steps
    assert INSTRUCTION in body["decision"]["instruction"]
    assert {r["code"] for r in body["decision"]["reasons"]} >= {"rule", "measure"}
    measure = ControlMeasure.objects.get(reason=MEASURE_REASON)
    assert MEASURE_REASON in visible_text(client.get(f"/targeting/measures/{measure.pk}/"))


def test_enterprise_timeline_shows_internal_steps_as_customs_processing(case):
    client = Client()
    client.force_login(case["world"]["enterprise_user"])

    page = visible_text(client.get(f"/declarations/{case['declaration'].number}/"))

    assert "海关处理" in page
    assert "提交报检" in page  # what the enterprise did itself stays
