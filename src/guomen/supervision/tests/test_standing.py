"""Recompute of classes and credit grades from history, rule sets, analyst overrides."""

import datetime as dt

import pytest
from django.utils import timezone

from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.supervision import services
from guomen.supervision.models import EnterpriseStanding, StandingChange

from .factories import CreditEventFactory, EnterpriseFactory, consignments


def _years_ago(n):
    return timezone.localdate() - dt.timedelta(days=365 * n + 2)


def test_recompute_gives_class_i_to_a_clean_certified_firm(orgs):
    firm = EnterpriseFactory(org=orgs["WJD"], qms_certified=True, filed_on=_years_ago(3), classification="")
    consignments(firm, "c" * 20)
    run = services.recompute()
    firm.refresh_from_db()
    assert (firm.classification, firm.credit_grade) == ("I", "A")
    assert run.enterprises == 1 and run.class_changes == 1
    assert StandingChange.objects.get(enterprise=firm, field="classification").after == "I"


def test_recompute_gives_class_iv_to_a_firm_with_many_non_conformities(orgs):
    firm = EnterpriseFactory(org=orgs["WJD"], filed_on=_years_ago(3))
    consignments(firm, "cccccccnnn")  # 30 %
    services.recompute()
    firm.refresh_from_db()
    assert firm.classification == "IV"


def test_recompute_lowers_the_grade_after_violations(orgs):
    firm = EnterpriseFactory(org=orgs["WJD"], credit_grade="A")
    CreditEventFactory(enterprise=firm, severity="serious", points=-12)
    CreditEventFactory(enterprise=firm, severity="general", points=-5)
    services.recompute()
    firm.refresh_from_db()
    assert (firm.credit_grade, firm.standing.credit_score) == ("C", 83)  # 100 − 12 − 5


def test_withdrawn_events_do_not_count(orgs):
    firm = EnterpriseFactory(org=orgs["WJD"])
    CreditEventFactory(enterprise=firm, severity="grave", points=-30, status="withdrawn")
    services.recompute()
    firm.refresh_from_db()
    assert firm.credit_grade == "A"


def test_recompute_is_audited_once_with_counts(orgs):
    EnterpriseFactory.create_batch(3, org=orgs["WJD"])
    services.recompute()
    event = AuditEvent.objects.get(verb="standing.recomputed")
    assert event.after["enterprises"] == 3


def test_an_unchanged_enterprise_is_not_rewritten(orgs):
    firm = EnterpriseFactory(org=orgs["WJD"], classification="III", credit_grade="A")
    services.recompute()
    firm.refresh_from_db()
    assert firm.version == 1


def test_analyst_override_wins_over_recompute_until_cleared(orgs, analyst):
    firm = EnterpriseFactory(org=orgs["WJD"], classification="III")
    services.class_override(enterprise=firm, new_class="II", reason="现场评审良好", actor=analyst)
    services.recompute()
    firm.refresh_from_db()
    assert firm.classification == "II"
    services.class_override_clear(enterprise=firm, reason="评审到期", actor=analyst)
    firm.refresh_from_db()
    assert firm.classification == "III"


def test_an_override_needs_a_reason(orgs, analyst):
    firm = EnterpriseFactory(org=orgs["WJD"])
    with pytest.raises(ValidationFailed) as exc:
        services.class_override(enterprise=firm, new_class="I", reason="", actor=analyst)
    assert "reason" in exc.value.fields


def test_an_expired_override_no_longer_applies(orgs, analyst):
    firm = EnterpriseFactory(org=orgs["WJD"], classification="III")
    services.class_override(
        enterprise=firm, new_class="I", reason="试点", actor=analyst, until=timezone.localdate()
    )
    services.recompute(today=timezone.localdate() + dt.timedelta(days=1))
    firm.refresh_from_db()
    assert firm.classification == "III"


@pytest.mark.parametrize("who", ["inspector", "firm_user"])
def test_override_is_refused_to_other_roles(request, firm, who):
    with pytest.raises(PermissionDenied):
        services.class_override(
            enterprise=firm, new_class="I", reason="x", actor=request.getfixturevalue(who)
        )


def test_analyst_changes_the_rules_and_recompute_follows(orgs, analyst):
    firm = EnterpriseFactory(org=orgs["WJD"], filed_on=_years_ago(3))
    consignments(firm, "c" * 19 + "n")  # 5 %
    services.recompute()
    firm.refresh_from_db()
    assert firm.classification == "III"
    rows = [{"class": "II", "max_nc_rate": 0.06, "max_violations": 1}]
    services.ruleset_save(kind="classification", params={"classes": rows}, actor=analyst)
    services.recompute()
    firm.refresh_from_db()
    assert firm.classification == "II"
    assert AuditEvent.objects.filter(verb="rules.update").exists()


def test_bad_rules_are_refused(analyst):
    with pytest.raises(ValidationFailed):
        services.ruleset_save(kind="blacklist", params={"min_inspection_rate": 2}, actor=analyst)


def test_only_analysts_change_rules(supervisor):
    with pytest.raises(PermissionDenied):
        services.ruleset_save(kind="blacklist", params={}, actor=supervisor)


def test_recompute_command_runs(orgs, capsys):
    from django.core.management import call_command

    EnterpriseFactory(org=orgs["WJD"])
    call_command("supervision", "recompute")
    assert "1" in capsys.readouterr().out
    assert EnterpriseStanding.objects.count() == 1
