"""Targeting stays confidential: enterprise users, enterprise system clients and the public never read
why a consignment was selected (rules, instructions, pests to look for, measures, score, random draw).

Given a declaration selected by a rule, a control measure, the model and the random draw, every page and
API route such a reader gets an answer from (enumerated from the URL configuration and the OpenAPI, with
the links those pages show: exports and PDFs) is read as text and searched for marker strings."""

import datetime as dt
import io

import pytest
from django.test import Client
from django.utils import timezone

from guomen.accounts.services import api_key_create
from guomen.clearance.services import clearance_confirm, clearance_record_result
from guomen.declarations.selectors import declaration_timeline
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
    leaks,
    targeted_declaration,
    visible_text,
    walk,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each walk starts with empty per-client counters (the public lookups are rate-limited in the cache)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


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
    task = clearance_record_result(
        task=task,
        outcome="non_conforming",
        notes="发现活虫",
        proposed_disposition="return",
        actor=world["inspector"],
    )
    clearance_confirm(task=task, disposition="return", actor=world["supervisor"])
    declaration.refresh_from_db()
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


def _seeds(case, first: tuple[str, ...] = ()) -> list[str]:
    """The paths to walk: those starting with `first` (what the test must reach), then the API (fewer routes, and
    each one counts), then the pages. The walk is capped, and with the record ids of a long test run the API alone
    can fill the cap."""
    values, ints = case["values"], case["ints"]
    seeds = [*api_paths(values, ints), *filled_paths(values, ints)]
    return sorted(seeds, key=lambda path: not path.startswith(first)) if first else seeds


def test_enterprise_user_reads_no_targeting_detail_anywhere(case):
    client = Client()
    client.force_login(case["world"]["enterprise_user"])

    read, leaked = walk(client, _seeds(case, first=("/declarations/", "/api/v1/declarations")))

    assert f"/declarations/{case['declaration'].number}/" in read  # the walk did reach the declaration
    assert f"/api/v1/declarations/{case['declaration'].number}" in read
    assert not leaked, leaked


def test_enterprise_system_client_reads_no_targeting_detail(case):
    _key, raw = api_key_create(name="企业报检系统", org_code="WJD", enterprise=case["world"]["enterprise"])

    read, leaked = walk(Client(), _seeds(case, first=("/api/v1/declarations",)), HTTP_X_API_KEY=raw)

    assert f"/api/v1/declarations/{case['declaration'].number}" in read
    assert not leaked, leaked


def test_enterprise_system_client_lists_only_its_own_declarations(case):
    bureau = case["world"]
    from guomen.declarations.tests.factories import DeclarationFactory

    DeclarationFactory(
        port=bureau["WJD"], declarant=bureau["other_enterprise"], origin_country=bureau["thailand"]
    )
    _key, raw = api_key_create(name="企业报检系统", org_code="WJD", enterprise=bureau["enterprise"])

    body = Client().get("/api/v1/declarations", HTTP_X_API_KEY=raw).json()

    assert [d["number"] for d in body["results"]] == [case["declaration"].number]


def test_the_public_reads_no_targeting_detail(case):
    client = Client()
    declaration = case["declaration"]

    read, leaked = walk(client, _seeds(case, first=("/public",)))
    status = client.post(
        "/public/consignment/", {"number": declaration.number, "code": declaration.verification_code}
    )

    api_status = client.post(
        "/api/v1/public/consignment-status",
        {"number": declaration.number, "verification_code": declaration.verification_code},
        content_type="application/json",
    )

    assert "/public/" in read
    assert not leaked, leaked
    for answer in (status, api_status):
        text = visible_text(answer)
        assert declaration.number in text
        assert not leaks(text)


@pytest.mark.parametrize("who", ["inspector", "supervisor"])
def test_bureau_staff_of_the_unit_still_read_the_reasons_instruction_and_targeting_steps(case, who):
    declaration = case["declaration"]
    client = Client()
    client.force_login(case["world"][who])

    page = visible_text(client.get(f"/declarations/{declaration.number}/"))
    body = client.get(f"/api/v1/declarations/{declaration.number}").json()

    assert INSTRUCTION in page
    assert "风险布控选中" in page  # the reasons
    assert "布控" in page and "下达查验任务" in page  # the timeline's targeting steps
    assert body["channel"] == "physical_sampling"
    assert INSTRUCTION in body["decision"]["instruction"]
    assert {r["code"] for r in body["decision"]["reasons"]} >= {"rule", "measure"}


def test_supervisor_still_reads_the_measure_and_the_rule_behind_the_decision(case):
    client = Client()
    client.force_login(case["world"]["supervisor"])
    measure = ControlMeasure.objects.get(reason=MEASURE_REASON)

    assert MEASURE_REASON in visible_text(client.get(f"/targeting/measures/{measure.pk}/"))
    assert RULE_NAME in visible_text(client.get(f"/targeting/decisions/{case['declaration'].number}/"))


def test_enterprise_submitting_by_form_is_told_the_status_not_the_channel(world):  # noqa: F811
    from guomen.declarations.tests.test_views import _form_post
    from guomen.targeting.tests.factories import RuleProfileFactory

    RuleProfileFactory(name=RULE_NAME, hs_prefix="0810", channel="physical_sampling", instruction=INSTRUCTION)
    client = Client()
    client.force_login(world["enterprise_user"])

    page = visible_text(client.post("/declarations/new/", _form_post(world), follow=True))

    assert "已提交：查验中" in page
    assert not leaks(page)
    assert "查验+抽样" not in page


def test_enterprise_timeline_shows_internal_steps_as_customs_processing(case):
    user = case["world"]["enterprise_user"]

    entries = declaration_timeline(case["declaration"], user=user)

    labels = [e["label"] for e in entries]
    assert labels[0] == "提交报检" and entries[0]["actor"] == user  # what the enterprise did itself stays
    assert "海关处理" in labels
    assert "退运" in labels  # the disposition, in plain language
    assert all(e["actor"] != user for e in entries[1:])  # no internal step credited to the enterprise
    assert not any(a == b == "海关处理" for a, b in zip(labels, labels[1:], strict=False))
    assert all(not e["reason"] and not e["detail"] for e in entries[1:])


def test_a_cancellation_by_customs_reads_as_customs_without_its_reason(world):  # noqa: F811
    from guomen.clearance.services import clearance_cancel

    declaration = targeted_declaration(world)
    clearance_cancel(declaration=declaration, actor=world["supervisor"], reason="布控复核后撤销")

    entries = declaration_timeline(declaration, user=world["enterprise_user"])

    cancelled = [e for e in entries if e["label"] == "撤销报检"]
    assert [(e["actor_label"], e["actor"], e["reason"]) for e in cancelled] == [("海关", None, "")]


def test_enterprise_reads_the_inspection_result_only_once_it_is_confirmed(world):  # noqa: F811
    declaration = targeted_declaration(world)
    task = InspectionTask.objects.get(declaration=declaration)
    clearance_record_result(
        task=task,
        outcome="non_conforming",
        notes="发现活虫",
        proposed_disposition="return",
        actor=world["inspector"],
    )
    client = Client()
    client.force_login(world["enterprise_user"])

    body = client.get(f"/api/v1/declarations/{declaration.number}").json()
    page = visible_text(client.get(f"/declarations/{declaration.number}/"))

    assert body["tasks"][0]["outcome"] == ""
    assert "不合格" not in page and "退运" not in page


def test_enterprise_declaration_page_shows_status_and_customs_processing(case):
    client = Client()
    client.force_login(case["world"]["enterprise_user"])

    page = visible_text(client.get(f"/declarations/{case['declaration'].number}/"))

    assert "海关处理" in page
    assert "退运" in page
    assert "提交报检" in page


def test_the_walk_reads_the_text_of_pdfs_and_spreadsheets():
    """The marker search is not blind to downloads: Chinese text of a PDF and an XLSX is read."""
    from django.http import HttpResponse
    from openpyxl import Workbook
    from weasyprint import HTML

    from guomen.core.pdf import font_css

    pdf = HTML(string=f"<style>{font_css()}</style><p>{INSTRUCTION}</p>").write_pdf()
    book, out = Workbook(), io.BytesIO()
    book.active.append(["指令", INSTRUCTION])
    book.save(out)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    assert leaks(visible_text(HttpResponse(pdf, content_type="application/pdf")))
    assert leaks(visible_text(HttpResponse(out.getvalue(), content_type=xlsx)))
