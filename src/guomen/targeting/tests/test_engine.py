"""The learned score in decisions: promotion, fallback, capacity, random group, levels, explanations."""

import pytest

from guomen.core.errors import ValidationFailed
from guomen.core.models import AuditEvent
from guomen.targeting import learner, runtime
from guomen.targeting.draws import draw
from guomen.targeting.explain import explanation_lines
from guomen.targeting.models import FrequencyLevel, PortCapacity, PortDayLoad, RiskModel, TargetingSettings
from guomen.targeting.services.models import model_promote, model_retire, model_train
from guomen.targeting.stats import stats_rebuild

from .helpers import submit, synthetic_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def model_dir(settings, tmp_path):
    settings.TARGETING_MODEL_DIR = tmp_path
    runtime.forget_models()
    yield tmp_path
    runtime.forget_models()


@pytest.fixture
def trained(world, analyst, model_dir):
    history = synthetic_history(world)
    stats_rebuild()
    start = history["start"].date()
    model = model_train(train_from=start, train_to=start.replace(year=start.year + 1), actor=analyst)
    return {**history, "model": model, "world": world}


def test_without_a_live_model_rules_decide_and_the_decision_says_so(world):
    decision = submit(world).decision
    assert decision.decided_by == "rules"
    assert decision.score is None
    assert "no_live_model" in [w["code"] for w in decision.warnings]


def test_trained_model_is_a_candidate_with_its_window_and_metrics(trained):
    model = trained["model"]
    assert model.status == "candidate"
    assert model.rows == len(trained["declarations"])
    assert 0 < model.positives < model.rows
    assert model.metrics["auc"] > 0.6
    assert (runtime.model_dir() / model.file).is_file()


def test_candidate_is_not_used_until_promoted(trained):
    assert submit(trained["world"]).decision.score is None


def test_promoted_model_scores_decisions_and_explains_them(trained, analyst):
    model_promote(model=trained["model"], actor=analyst)
    decision = submit(trained["world"]).decision
    assert decision.model == trained["model"]
    assert 0.0 <= decision.score <= 1.0
    assert decision.decided_by == f"rules+model:{trained['model'].name}"
    words = explanation_lines(decision)["contributions"]
    assert words and all("—" in w for w in words)
    assert AuditEvent.objects.filter(verb="targeting.model_promoted").exists()


def test_bad_orchard_scores_higher_than_good_one(trained, analyst):
    from guomen.declarations.tests.factories import line_data

    model_promote(model=trained["model"], actor=analyst)
    trained["bad"].commodities.add(trained["world"]["durian"])
    bad = submit(
        trained["world"], lines=[line_data(trained["world"], production_base_codes=[trained["bad"].code])]
    )
    good = submit(trained["world"])
    assert bad.decision.score > good.decision.score


def test_server_start_loads_the_live_model_before_the_first_declaration(trained, analyst):
    model_promote(model=trained["model"], actor=analyst)
    runtime.forget_models()
    runtime.warm()
    assert trained["model"].pk in runtime._CACHE


def test_promoting_a_second_model_retires_the_first(trained, analyst):
    first = trained["model"]
    model_promote(model=first, actor=analyst)
    second = RiskModel.objects.create(name="copy", file=first.file, sha256=first.sha256, meta=first.meta)
    model_promote(model=second, actor=analyst)
    first.refresh_from_db()
    assert first.status == "retired"
    assert submit(trained["world"]).decision.model == second


def test_retired_model_falls_back_to_rules(trained, analyst):
    model_promote(model=trained["model"], actor=analyst)
    model_retire(model=trained["model"], actor=analyst, reason="漂移")
    assert submit(trained["world"]).decision.decided_by == "rules"


def test_corrupt_model_file_is_refused_and_the_live_model_stays(trained, analyst, model_dir):
    live = trained["model"]
    model_promote(model=live, actor=analyst)
    damaged_path = model_dir / "damaged.txt"
    damaged_path.write_text("tree\nnot a model\n")
    damaged = RiskModel.objects.create(
        name="damaged", file="damaged.txt", sha256=learner.file_sha256(damaged_path), meta=live.meta
    )
    with pytest.raises(ValidationFailed) as caught:
        model_promote(model=damaged, actor=analyst)
    assert "damaged.txt" in str(caught.value.message)
    live.refresh_from_db()
    assert live.status == "live"
    assert submit(trained["world"]).decision.model == live


def test_file_changed_after_registration_is_refused(trained, analyst, model_dir):
    model = trained["model"]
    with open(model_dir / model.file, "a") as fh:
        fh.write("\n")
    with pytest.raises(ValidationFailed) as caught:
        model_promote(model=model, actor=analyst)
    assert model.file in str(caught.value.message)
    assert "file" in caught.value.fields


def test_live_model_whose_file_disappears_leaves_rules_deciding_with_a_warning(trained, analyst, model_dir):
    model_promote(model=trained["model"], actor=analyst)
    runtime.forget_models()
    (model_dir / trained["model"].file).unlink()
    decision = submit(trained["world"]).decision
    assert decision.decided_by == "rules"
    assert "model_unusable" in [w["code"] for w in decision.warnings]


def test_unknown_code_never_blocks_intake_and_is_a_warning(trained, analyst):
    from guomen.catalog.tests.factories import CountryFactory

    CountryFactory(code="VN")
    model_promote(model=trained["model"], actor=analyst)
    decision = submit(trained["world"], origin_country="VN").decision
    assert decision.score is not None
    assert any(w["code"] == "unknown_code" and w["params"]["feature"] == "origin" for w in decision.warnings)


def test_random_control_group_is_flagged_and_follows_the_rate(world):
    TargetingSettings.objects.create(random_rate=0.5)
    decisions = [submit(world).decision for _i in range(12)]
    for decision in decisions:
        expected = draw(decision.declaration.number, "random") < 0.5
        assert decision.random_control is expected
        if expected:
            assert decision.channel == "physical"
    assert any(d.random_control for d in decisions) and not all(d.random_control for d in decisions)


def test_random_draw_is_hidden_from_inspectors(world):
    TargetingSettings.objects.create(random_rate=1.0)
    decision = submit(world).decision
    assert decision.random_control
    assert "random" not in " ".join(r["text"].lower() for r in decision.reasons)


def test_random_rate_is_about_right_over_many_numbers():
    hits = sum(draw(f"HG20261121{n:06d}", "random") < 0.02 for n in range(20000))
    assert 0.015 < hits / 20000 < 0.025


def test_frequency_level_sends_its_share_to_physical_inspection(world):
    FrequencyLevel.objects.create(
        origin=world["thailand"], commodity_group=world["durian"].group, level=3, computed_on="2026-01-01"
    )
    decisions = [submit(world).decision for _i in range(8)]
    for decision in decisions:
        expected = draw(decision.declaration.number, "level") < 0.5
        assert (decision.channel == "physical") is expected
        assert decision.explanation["level"]["level"] == 3


def test_capacity_holds_back_score_selections_but_not_mandatory_ones(trained, analyst):
    from .factories import RuleProfileFactory

    model_promote(model=trained["model"], actor=analyst)
    PortCapacity.objects.create(port=trained["world"]["WJD"], physical_share=0.0)
    decision = submit(trained["world"]).decision
    assert not decision.model_selected
    RuleProfileFactory(hs_prefix="0810", channel="physical")
    assert submit(trained["world"]).decision.channel == "physical"  # the rule is never dropped


def test_model_selects_within_the_budget(trained, analyst):
    model_promote(model=trained["model"], actor=analyst)
    PortCapacity.objects.create(port=trained["world"]["WJD"], physical_share=1.0)
    decision = submit(trained["world"]).decision
    assert decision.model_selected
    assert decision.channel in ("physical", "physical_sampling")
    load = PortDayLoad.objects.get(port=trained["world"]["WJD"])
    assert load.model_selected == 1 and load.decided == 1


def test_capacity_budget_is_counted_per_port_and_day(trained, analyst):
    model_promote(model=trained["model"], actor=analyst)
    PortCapacity.objects.create(port=trained["world"]["WJD"], physical_share=0.5, expected_daily=2)
    picked = [submit(trained["world"]).decision.model_selected for _i in range(4)]
    assert sum(picked) <= 2  # half of the (at least) 4 decided today


def test_a_model_registered_without_its_features_is_refused_by_name(trained, analyst):
    model = trained["model"]
    RiskModel.objects.filter(pk=model.pk).update(meta={})
    model.refresh_from_db()
    with pytest.raises(learner.ModelFileError) as refused:
        model_promote(model=model, actor=analyst)
    assert "features" in str(refused.value.message)
    model.refresh_from_db()
    assert model.status != "live"
