"""Double-random spot checks: reproducible draw, inspector exclusions, fairness, results, publication."""

import datetime as dt

import numpy as np
import pytest
from django.utils import timezone

from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.risk.models import RiskSignal
from guomen.supervision import draw, selectors, services
from guomen.supervision.models import InspectorConflict, SpotCheckTask
from guomen.supervision.verify import verify_draw

from .factories import EnterpriseFactory, PlanFactory


@pytest.fixture
def directory(orgs):
    return EnterpriseFactory.create_batch(12, org=orgs["WJD"], filing_status="filed")


def _plan(orgs, **kw):
    return PlanFactory(org=orgs["SZ"], **kw)


def _selected(plan):
    return list(plan.tasks.order_by("rank").values_list("enterprise__uscc", flat=True))


def test_same_seed_same_selection(orgs, directory, supervisor, wjd_inspectors):
    a = services.plan_draw(plan=_plan(orgs), seed=20260901, actor=supervisor)
    b = services.plan_draw(plan=_plan(orgs), seed=20260901, actor=supervisor)
    assert _selected(a) == _selected(b) and len(_selected(a)) == 3
    assert a.population_digest == b.population_digest and a.population_size == 12


def test_changed_seed_changes_the_selection(orgs, directory, supervisor, wjd_inspectors):
    a = services.plan_draw(plan=_plan(orgs), seed=1, actor=supervisor)
    b = services.plan_draw(plan=_plan(orgs), seed=2, actor=supervisor)
    assert _selected(a) != _selected(b)


def test_the_seed_is_recorded_and_the_draw_can_be_verified(orgs, directory, supervisor, wjd_inspectors):
    plan = services.plan_draw(plan=_plan(orgs), actor=supervisor)
    plan.refresh_from_db()
    assert plan.seed is not None and plan.status == "drawn"
    assert verify_draw(plan.pk)[0]


def test_verification_notices_a_changed_directory(orgs, directory, supervisor, wjd_inspectors):
    plan = services.plan_draw(plan=_plan(orgs), seed=7, actor=supervisor)
    EnterpriseFactory(org=orgs["WJD"], filing_status="filed")
    assert not verify_draw(plan.pk)[0]


def test_only_filed_enterprises_in_scope_are_drawn(orgs, supervisor, wjd_inspectors):
    keep = EnterpriseFactory.create_batch(2, org=orgs["WJD"], kind="importer")
    EnterpriseFactory(org=orgs["WJD"], kind="exporter")
    EnterpriseFactory(org=orgs["WJD"], kind="importer", filing_status="suspended")
    EnterpriseFactory(org=orgs["BY"], kind="importer")
    plan = services.plan_draw(
        plan=_plan(orgs, sample_count=10, enterprise_kinds=["importer"]), seed=3, actor=supervisor
    )
    assert sorted(_selected(plan)) == sorted(e.uscc for e in keep)


def test_share_of_the_directory(orgs, directory, supervisor, wjd_inspectors):
    plan = services.plan_draw(plan=_plan(orgs, sample_count=None, sample_share=25), seed=3, actor=supervisor)
    assert len(_selected(plan)) == 3


def test_two_distinct_inspectors_of_the_jurisdiction_per_enterprise(
    orgs, directory, supervisor, wjd_inspectors, other_inspector
):
    plan = services.plan_draw(plan=_plan(orgs), seed=5, actor=supervisor)
    allowed = {u.pk for u in wjd_inspectors}
    for task in plan.tasks.all():
        assert task.inspector_a_id != task.inspector_b_id
        assert {task.inspector_a_id, task.inspector_b_id} <= allowed


def test_inspectors_of_the_last_cycle_are_excluded(orgs, supervisor, wjd_inspectors):
    firm = EnterpriseFactory(org=orgs["WJD"])
    first = services.plan_draw(plan=_plan(orgs, sample_count=1), seed=11, actor=supervisor).tasks.get()
    second = services.plan_draw(plan=_plan(orgs, sample_count=1), seed=11, actor=supervisor).tasks.get()
    assert first.enterprise_id == second.enterprise_id == firm.pk
    assert not {first.inspector_a_id, first.inspector_b_id} & {second.inspector_a_id, second.inspector_b_id}


def test_an_inspector_with_a_declared_conflict_is_never_drawn(orgs, supervisor, wjd_inspectors):
    firm = EnterpriseFactory(org=orgs["WJD"])
    conflicted = wjd_inspectors[0]
    services.conflict_declare(enterprise=firm, reason="亲属在该企业任职", actor=conflicted)
    for seed in range(25):
        task = services.plan_draw(plan=_plan(orgs, sample_count=1), seed=seed, actor=supervisor).tasks.get()
        assert conflicted.pk not in (task.inspector_a_id, task.inspector_b_id)
        SpotCheckTask.objects.filter(pk=task.pk).update(status="cancelled")  # not a "last cycle"
    assert InspectorConflict.objects.filter(inspector=conflicted).count() == 1


def test_too_few_inspectors_is_flagged_for_a_supervisor(orgs, directory, supervisor, inspector):
    plan = services.plan_draw(plan=_plan(orgs, sample_count=1), seed=1, actor=supervisor)
    task = plan.tasks.get()
    assert task.inspector_b_id is None and task.assignment_note


def test_empty_scope_is_refused(orgs, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        services.plan_draw(plan=_plan(orgs), seed=1, actor=supervisor)
    assert "scope" in exc.value.fields


def test_a_drawn_plan_cannot_be_drawn_again(orgs, directory, supervisor, wjd_inspectors):
    from guomen.core.errors import IllegalTransition

    plan = services.plan_draw(plan=_plan(orgs), seed=1, actor=supervisor)
    with pytest.raises((IllegalTransition, Exception)):
        services.plan_draw(plan=plan, seed=2, actor=supervisor)


@pytest.mark.parametrize("who", ["inspector", "firm_user", "gz_supervisor"])
def test_only_planners_of_the_jurisdiction_draw(request, orgs, directory, who):
    with pytest.raises(PermissionDenied):
        services.plan_draw(plan=_plan(orgs), seed=1, actor=request.getfixturevalue(who))


def test_plan_needs_a_count_or_a_share(orgs, supervisor):
    today = timezone.localdate()
    with pytest.raises(ValidationFailed) as exc:
        services.plan_create(data={"name": "抽查", "starts_on": today, "ends_on": today}, actor=supervisor)
    assert "sample_count" in exc.value.fields


# --- fairness ---------------------------------------------------------------------------------------


def test_uniform_draw_is_fair_chi_square():
    """50 enterprises, 10 drawn, 2,000 draws with seeds 0..1999: every enterprise ~400 times.

    Pearson's statistic over the 50 counts follows χ²(49) if the draw is uniform; its 99.9th percentile
    is 85.35. Fixed seeds make the test deterministic.
    """
    n, k, draws = 50, 10, 2000
    counts = np.zeros(n)
    for seed in range(draws):
        counts[draw.select(n, k, seed)] += 1
    expected = draws * k / n
    statistic = float(((counts - expected) ** 2 / expected).sum())
    try:
        from scipy.stats import chi2

        critical = float(chi2.ppf(0.999, n - 1))
    except ImportError:
        critical = 85.35
    assert statistic < critical, statistic


def test_risk_weighting_draws_class_iv_more_often():
    weights = [4.0] * 10 + [1.0] * 40
    counts = np.zeros(50)
    for seed in range(1000):
        counts[draw.select(50, 5, seed, weights)] += 1
    assert counts[:10].mean() > 2.5 * counts[10:].mean()


def test_inspector_draw_is_fair_across_the_pool():
    pool = list(range(6))
    counts = np.zeros(6)
    for rank in range(3000):
        for p in draw.pick_inspectors(pool, 99, rank):
            counts[p] += 1
    expected = 3000 * 2 / 6
    assert float(((counts - expected) ** 2 / expected).sum()) < 20.52  # χ²(5) 99.9th percentile


# --- results and publication --------------------------------------------------------------------------


@pytest.fixture
def task(orgs, supervisor, wjd_inspectors):
    EnterpriseFactory(org=orgs["WJD"], name_zh="深圳市抽查对象有限公司")
    return services.plan_draw(plan=_plan(orgs, sample_count=1), seed=4, actor=supervisor).tasks.get()


def _items(task, bad=()):
    return {i.position: ("non_conform" if i.position in bad else "conform", "") for i in task.items.all()}


def test_drawn_inspector_records_a_non_conforming_result_and_a_signal_is_raised(task):
    services.check_record(
        task=task,
        items=_items(task, bad={2, 4}),
        rectification_due=timezone.localdate(),
        actor=task.inspector_a,
    )
    assert (task.status, task.result) == ("recorded", "non_conforming")
    signal = RiskSignal.objects.get(source_ref=f"supervision.spotchecktask:{task.pk}")
    assert signal.source == "inspection" and signal.enterprise_id == task.enterprise_id


def test_a_non_conforming_result_needs_a_rectification_date(task):
    with pytest.raises(ValidationFailed) as exc:
        services.check_record(task=task, items=_items(task, bad={1}), actor=task.inspector_a)
    assert "rectification_due" in exc.value.fields


def test_every_item_needs_an_outcome(task):
    with pytest.raises(ValidationFailed) as exc:
        services.check_record(task=task, items={}, actor=task.inspector_b)
    assert "item_1" in exc.value.fields


def test_an_inspector_not_drawn_cannot_record(task, wjd_inspectors):
    outsider = next(u for u in wjd_inspectors if u.pk not in (task.inspector_a_id, task.inspector_b_id))
    with pytest.raises(PermissionDenied):
        services.check_record(task=task, items=_items(task), actor=outsider)


def test_published_results_show_only_public_fields(task, supervisor):
    services.check_record(task=task, items=_items(task), actor=task.inspector_a)
    assert selectors.published_spot_check_results() == []
    services.check_publish(task=task, actor=supervisor)
    [row] = selectors.published_spot_check_results()
    assert row["enterprise_name"] == "深圳市抽查对象有限公司" and row["result"] == "conforming"
    assert not {"inspector_a", "inspector", "contact_name", "contact_phone"} & set(row)
    assert selectors.public_credit(row["uscc"])[0]["spot_checks"][0]["result"] == "conforming"


def test_publication_deadline_follows_the_plan(task):
    services.check_record(task=task, items=_items(task), actor=task.inspector_a)
    assert task.publish_by == timezone.localdate() + dt.timedelta(days=task.plan.publish_within_days)


def test_inspector_cannot_publish(task):
    services.check_record(task=task, items=_items(task), actor=task.inspector_a)
    with pytest.raises(PermissionDenied):
        services.check_publish(task=task, actor=task.inspector_a)


def test_rectification_is_recorded(task):
    services.check_record(
        task=task, items=_items(task, bad={3}), rectification_due=timezone.localdate(), actor=task.inspector_a
    )
    services.check_mark_rectified(task=task, rectified_on=timezone.localdate(), actor=task.inspector_b)
    task.refresh_from_db()
    assert task.rectified_on == timezone.localdate()


def test_drawing_a_drawn_plan_again_is_refused_and_makes_no_task(orgs, directory, supervisor, wjd_inspectors):
    from guomen.core.errors import IllegalTransition

    plan = services.plan_draw(plan=_plan(orgs), seed=5, actor=supervisor)
    tasks = plan.tasks.count()
    with pytest.raises(IllegalTransition):
        services.plan_draw(plan=plan, seed=6, actor=supervisor)
    assert plan.tasks.count() == tasks
