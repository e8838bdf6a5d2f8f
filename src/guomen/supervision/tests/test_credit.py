"""Credit events, blacklisting by a supervisor, the removal petition and the targeting floor."""

import datetime as dt

import pytest
from django.utils import timezone

from guomen.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from guomen.supervision import selectors, services
from guomen.supervision.floor import FLOOR_CODE, blacklist_floor, blacklist_floors

from .factories import BlacklistEntryFactory, consignments


def test_recording_a_violation_deducts_points_and_lowers_the_grade(firm, inspector):
    event = services.credit_event_record(
        enterprise=firm,
        kind="violation",
        severity="serious",
        occurred_on=timezone.localdate(),
        description="货证不符",
        evidence="WJD-2026-0042",
        actor=inspector,
    )
    firm.refresh_from_db()
    assert (event.points, firm.credit_grade) == (-12, "B")


def test_a_credit_event_needs_evidence(firm, inspector):
    with pytest.raises(ValidationFailed) as exc:
        services.credit_event_record(
            enterprise=firm,
            kind="commendation",
            occurred_on=timezone.localdate(),
            description="质量诚信企业",
            actor=inspector,
        )
    assert "evidence" in exc.value.fields


def test_a_rectification_must_name_a_violation(firm, inspector):
    with pytest.raises(ValidationFailed) as exc:
        services.credit_event_record(
            enterprise=firm,
            kind="rectification",
            occurred_on=timezone.localdate(),
            description="已整改",
            evidence="x",
            actor=inspector,
        )
    assert "related_event" in exc.value.fields


def test_rectification_gives_back_half_of_the_deduction(firm, inspector):
    today = timezone.localdate()
    v = services.credit_event_record(
        enterprise=firm,
        kind="violation",
        severity="serious",
        occurred_on=today,
        description="x",
        evidence="e",
        actor=inspector,
    )
    r = services.credit_event_record(
        enterprise=firm,
        kind="rectification",
        occurred_on=today,
        description="y",
        evidence="e",
        related_event=v,
        actor=inspector,
    )
    firm.refresh_from_db()
    assert (r.points, firm.standing.credit_score, firm.credit_grade) == (6, 94, "B")


def test_future_dates_are_refused(firm, inspector):
    with pytest.raises(ValidationFailed) as exc:
        services.credit_event_record(
            enterprise=firm,
            kind="warning",
            description="x",
            evidence="e",
            occurred_on=timezone.localdate() + dt.timedelta(days=3),
            actor=inspector,
        )
    assert "occurred_on" in exc.value.fields


def test_supervisor_withdraws_an_event_and_the_grade_recovers(firm, inspector, supervisor):
    event = services.credit_event_record(
        enterprise=firm,
        kind="violation",
        severity="grave",
        occurred_on=timezone.localdate(),
        description="x",
        evidence="e",
        actor=inspector,
    )
    services.credit_event_withdraw(event=event, reason="复议撤销", actor=supervisor)
    firm.refresh_from_db()
    assert firm.credit_grade == "A"
    with pytest.raises(IllegalTransition):
        services.credit_event_withdraw(event=event, reason="again", actor=supervisor)


def test_inspector_cannot_withdraw_events(firm, inspector):
    event = services.credit_event_record(
        enterprise=firm,
        kind="warning",
        occurred_on=timezone.localdate(),
        description="x",
        evidence="e",
        actor=inspector,
    )
    with pytest.raises(PermissionDenied):
        services.credit_event_withdraw(event=event, reason="x", actor=inspector)


@pytest.mark.parametrize("who", ["firm_user", "other_inspector", "lab_analyst"])
def test_others_cannot_record_credit_events(request, firm, who):
    with pytest.raises(PermissionDenied):
        services.credit_event_record(
            enterprise=firm,
            kind="warning",
            occurred_on=timezone.localdate(),
            description="x",
            evidence="e",
            actor=request.getfixturevalue(who),
        )


# --- blacklist --------------------------------------------------------------------------------------


def _blacklist(firm, analyst, supervisor):
    entry = services.blacklist_propose(
        enterprise=firm, reason="伪造植物检疫证书", legal_basis="《进出境动植物检疫法》", actor=analyst
    )
    return services.blacklist_decide(entry=entry, approve=True, note="证据确凿", actor=supervisor)


def test_supervisor_blacklists_and_the_enterprise_becomes_iv_and_d(firm, analyst, supervisor):
    entry = _blacklist(firm, analyst, supervisor)
    firm.refresh_from_db()
    assert (entry.status, firm.classification, firm.credit_grade) == ("listed", "IV", "D")
    assert selectors.public_blacklist()[0]["uscc"] == firm.uscc


def test_a_proposal_is_not_public_until_decided(firm, analyst):
    services.blacklist_propose(enterprise=firm, reason="x", actor=analyst)
    assert selectors.public_blacklist() == []


def test_an_enterprise_cannot_be_proposed_twice(firm, analyst):
    services.blacklist_propose(enterprise=firm, reason="x", actor=analyst)
    with pytest.raises(ValidationFailed):
        services.blacklist_propose(enterprise=firm, reason="y", actor=analyst)


def test_analyst_cannot_decide_a_blacklisting(firm, analyst):
    entry = services.blacklist_propose(enterprise=firm, reason="x", actor=analyst)
    with pytest.raises(PermissionDenied):
        services.blacklist_decide(entry=entry, approve=True, note="y", actor=analyst)


def test_a_rejected_proposal_cannot_be_listed_later(firm, analyst, supervisor):
    entry = services.blacklist_propose(enterprise=firm, reason="x", actor=analyst)
    services.blacklist_decide(entry=entry, approve=False, note="证据不足", actor=supervisor)
    with pytest.raises(IllegalTransition):
        services.blacklist_decide(entry=entry, approve=True, note="y", actor=supervisor)


def test_petition_is_refused_before_n_conforming_consignments(firm, firm_user, analyst, supervisor):
    entry = _blacklist(firm, analyst, supervisor)
    consignments(firm, "ccc", start=timezone.now() + dt.timedelta(seconds=1))
    petition = services.petition_submit(
        entry=entry,
        root_cause="供应商管控缺失导致证书造假",
        corrective_actions="更换供应商并建立证书核验制度",
        actor=firm_user,
    )
    with pytest.raises(ValidationFailed) as exc:
        services.petition_decide(petition=petition, grant=True, reason="x", actor=supervisor)
    assert "3" in str(exc.value.message) and "5" in str(exc.value.message)


def test_a_non_conforming_consignment_resets_the_streak(firm, analyst, supervisor):
    entry = _blacklist(firm, analyst, supervisor)
    consignments(firm, "cccccnc", start=timezone.now() + dt.timedelta(seconds=1))
    assert selectors.conforming_streak(entry) == 1


def test_petition_granted_after_n_conforming_consignments_lifts_the_blacklisting(
    firm, firm_user, analyst, supervisor, second_supervisor
):
    entry = _blacklist(firm, analyst, supervisor)
    consignments(firm, "ncccccc", start=timezone.now() + dt.timedelta(seconds=1))
    petition = services.petition_submit(
        entry=entry,
        root_cause="供应商管控缺失导致证书造假",
        corrective_actions="更换供应商并建立证书核验制度",
        actor=firm_user,
    )
    services.petition_decide(petition=petition, grant=True, reason="连续6批合格", actor=supervisor)
    services.petition_decide(petition=petition, grant=True, reason="同意解除", actor=second_supervisor)
    entry.refresh_from_db()
    firm.refresh_from_db()
    assert (petition.status, entry.status) == ("granted", "lifted")
    assert firm.credit_grade != "D" and selectors.public_blacklist() == []


def test_petition_needs_root_cause_and_corrective_actions(firm, firm_user, analyst, supervisor):
    entry = _blacklist(firm, analyst, supervisor)
    with pytest.raises(ValidationFailed) as exc:
        services.petition_submit(entry=entry, root_cause="", corrective_actions="短", actor=firm_user)
    assert {"root_cause", "corrective_actions"} <= set(exc.value.fields)


def test_another_enterprise_cannot_petition(firm, analyst, supervisor, other_firm, make_user):
    entry = _blacklist(firm, analyst, supervisor)
    stranger = make_user("enterprise", None, enterprise=other_firm)
    with pytest.raises(PermissionDenied):
        services.petition_submit(
            entry=entry, root_cause="x" * 12, corrective_actions="y" * 12, actor=stranger
        )


def test_refused_petition_keeps_the_blacklisting(firm, firm_user, analyst, supervisor):
    entry = _blacklist(firm, analyst, supervisor)
    petition = services.petition_submit(
        entry=entry, root_cause="x" * 12, corrective_actions="y" * 12, actor=firm_user
    )
    services.petition_decide(petition=petition, grant=False, reason="整改措施不具体", actor=supervisor)
    entry.refresh_from_db()
    assert entry.status == "listed"


# --- effect on targeting ----------------------------------------------------------------------------


def test_blacklisted_declarant_gets_a_physical_inspection_floor_of_80_percent(firm):
    from guomen.declarations.tests.factories import DeclarationFactory

    BlacklistEntryFactory(enterprise=firm)
    floors = blacklist_floors(DeclarationFactory(declarant=firm))
    assert [(f[0], f[1], f[2]) for f in floors] == [("physical", 0.8, FLOOR_CODE)]
    assert firm.name_zh in floors[0][3]


def test_the_floor_rate_is_configurable(firm, analyst):
    from guomen.declarations.tests.factories import DeclarationFactory

    BlacklistEntryFactory(enterprise=firm)
    services.ruleset_save(kind="blacklist", params={"min_inspection_rate": 0.95}, actor=analyst)
    assert blacklist_floors(DeclarationFactory(declarant=firm))[0][1] == 0.95


def test_no_floor_for_a_lifted_or_proposed_entry(firm):
    from guomen.declarations.tests.factories import DeclarationFactory

    BlacklistEntryFactory(enterprise=firm, status="lifted")
    assert blacklist_floors(DeclarationFactory(declarant=firm)) == []


def test_floor_is_registered_with_targeting(firm):
    hooks = pytest.importorskip("guomen.targeting.hooks")
    from guomen.declarations.tests.factories import DeclarationFactory

    assert blacklist_floor in hooks.registered_floors()
    BlacklistEntryFactory(enterprise=firm)
    floor = blacklist_floor(DeclarationFactory(declarant=firm))[0]
    assert (floor.channel, floor.rate, floor.code) == ("physical", 0.8, FLOOR_CODE)


def test_targeting_sends_a_blacklisted_declarants_consignment_to_physical_inspection(firm, analyst):
    """End to end through the targeting engine: with the floor rate at 100 % every consignment is inspected."""
    decisions = pytest.importorskip("guomen.targeting.services.decisions")
    from guomen.declarations.tests.factories import DeclarationFactory, DeclarationLineFactory

    services.ruleset_save(kind="blacklist", params={"min_inspection_rate": 1.0}, actor=analyst)
    BlacklistEntryFactory(enterprise=firm)
    declaration = DeclarationFactory(declarant=firm)
    DeclarationLineFactory(declaration=declaration, line_no=1)
    decision = decisions.decide(declaration=declaration, actor=None)
    assert decision.channel in ("physical", "physical_sampling")
