"""The release rules over the export chain: a flagged batch, a batch of a site no longer registered, or 供港澳
goods without a recorded supervised loading stop the release; a clean batch, loaded under supervision, releases."""

from decimal import Decimal

import pytest

from guomen.clearance.errors import ReleaseRefused
from guomen.clearance.facts import facts_load
from guomen.clearance.rules import INTAKE_RULES, evaluate
from guomen.clearance.services import clearance_confirm
from guomen.clearance.tests.helpers import fresh, record_conforming
from guomen.declarations.models import Declaration
from guomen.declarations.tests.factories import DeclarationLineFactory
from guomen.exports import services
from guomen.exports.models import ExportSite

from .factories import export_declaration, lychee, make_batch

pytestmark = pytest.mark.django_db


def _task(orgs, exporter, batch, destination="HK"):
    from guomen.inspections.services import inspection_task_open

    declaration = export_declaration(
        orgs["WJD"], exporter, status="under_inspection", channel="physical", destination=destination
    )
    DeclarationLineFactory(
        declaration=declaration, line_no=1, hs=lychee(), description="鲜荔枝", quantity=Decimal("500")
    )
    services.declaration_batches_attach(declaration=declaration, batches=[batch], actor=_staff(orgs))
    return inspection_task_open(declaration=declaration, channel="physical", instruction="出口查验，监装")


def _staff(orgs):
    from guomen.accounts.tests.factories import UserFactory

    return UserFactory(role="inspector", org=orgs["WJD"])


def _codes(task):
    task = fresh(task)
    return {b.code: b for b in evaluate(facts_load(task.declaration, task=task))}


def _load(task, inspector):
    services.loading_record(
        declaration=task.declaration, container_number="CSQU3054383", seal_number="SZ0001", actor=inspector
    )


def test_a_clean_batch_loaded_under_supervision_releases(orgs, exporter, site, inspector, supervisor):
    task = _task(orgs, exporter, make_batch(site))
    record_conforming(task, inspector)
    _load(task, inspector)
    assert _codes(task) == {}
    clearance_confirm(task=fresh(task), disposition="release", actor=supervisor)
    assert Declaration.objects.get(pk=task.declaration_id).status == "released"


def test_a_flagged_batch_blocks_release_with_its_reason(orgs, exporter, site, inspector, supervisor):
    task = _task(orgs, exporter, make_batch(site, flagged=True))
    record_conforming(task, inspector)
    _load(task, inspector)
    rule = _codes(task)["export_batch_blocked"]
    assert rule.severity == "hard_stop" and "孔雀石绿" in rule.evidence[0] and "禁用" in rule.evidence[0]
    with pytest.raises(ReleaseRefused) as exc:
        clearance_confirm(task=fresh(task), disposition="release", actor=supervisor)
    assert "export_batch_blocked" in {r["code"] for r in exc.value.rules}
    assert Declaration.objects.get(pk=task.declaration_id).status != "released"


def test_a_batch_whose_site_was_suspended_since_blocks_release(orgs, exporter, site, inspector, supervisor):
    task = _task(orgs, exporter, make_batch(site))
    record_conforming(task, inspector)
    _load(task, inspector)
    services.site_set_status(site=site, to="suspended", reason="检出禁用药物", actor=supervisor)
    rule = _codes(task)["export_batch_blocked"]
    assert "已暂停" in rule.evidence[0] and "检出禁用药物" in rule.evidence[0]


def test_hong_kong_goods_without_a_supervised_loading_are_stopped(
    orgs, exporter, site, inspector, supervisor
):
    task = _task(orgs, exporter, make_batch(site))
    record_conforming(task, inspector)
    rule = _codes(task)["loading_not_recorded"]
    assert "监装" in rule.evidence[0]
    with pytest.raises(ReleaseRefused):
        clearance_confirm(task=fresh(task), disposition="release", actor=supervisor)


def test_goods_for_japan_from_a_site_not_supplying_hong_kong_need_no_loading(orgs, exporter, inspector):
    ExportSite.objects.all().delete()
    from .factories import make_site

    site = make_site(exporter, hk_macao=False, number="SZCK20269999")
    task = _task(orgs, exporter, make_batch(site, destination="JP"), destination="JP")
    record_conforming(task, inspector)
    assert "loading_not_recorded" not in _codes(task)


def test_a_release_without_inspection_also_checks_the_batches(orgs, exporter, site):
    task = _task(orgs, exporter, make_batch(site, flagged=True))
    broken = evaluate(facts_load(fresh(task).declaration), only=INTAKE_RULES)
    assert {b.code for b in broken} == {"export_batch_blocked", "loading_not_recorded"}


def test_the_facts_of_an_export_declaration_take_one_statement_more_whatever_the_batches(
    orgs, exporter, site, inspector
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    task = _task(orgs, exporter, make_batch(site))
    task = fresh(task)
    with CaptureQueriesContext(connection) as one:
        facts_load(task.declaration, task=task)
    services.declaration_batches_attach(
        declaration=task.declaration,
        batches=[make_batch(site, number=f"PCWJD2026120600{n:02d}") for n in range(10, 20)],
        actor=inspector,
    )
    with CaptureQueriesContext(connection) as many:
        facts = facts_load(task.declaration, task=task)
    assert len(facts.batches) == 11 and len(many) == len(one)
