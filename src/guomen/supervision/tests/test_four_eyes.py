"""Four eyes in supervision: the proposer never approves (service, API and page for every pair).

Pairs: blacklisting proposed → decided; lifting recommended → approved; downgrade to D proposed → approved;
spot check assigned/recorded → published. A refusal changes nothing and writes no audit event.
"""

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guomen.core.four_eyes import FourEyesViolation
from guomen.core.models import AuditEvent
from guomen.supervision import services
from guomen.supervision.models import CreditDowngrade

from .factories import EnterpriseFactory, PlanFactory, consignments


def _post_json(user, url, body):
    client = Client()
    client.force_login(user)
    return client.post(url, json.dumps(body), content_type="application/json")


def _page(user, url, data=None):
    client = Client()
    client.force_login(user)
    if data is None:
        return client.get(url)
    return client.post(url, data, follow=True)


# --- blacklisting ---------------------------------------------------------------------------------------


@pytest.fixture
def own_proposal(firm, supervisor):
    return services.blacklist_propose(enterprise=firm, reason="伪造植物检疫证书", actor=supervisor)


def test_the_proposer_cannot_blacklist_on_his_own_proposal(own_proposal, supervisor):
    audits = AuditEvent.objects.count()
    with pytest.raises(FourEyesViolation) as exc:
        services.blacklist_decide(entry=own_proposal, approve=True, note="证据确凿", actor=supervisor)
    own_proposal.refresh_from_db()
    assert own_proposal.status == "proposed" and AuditEvent.objects.count() == audits
    assert "双人复核" in str(exc.value.message) and "黑名单" in str(exc.value.message)


def test_a_second_supervisor_blacklists_on_a_colleagues_proposal(own_proposal, firm, second_supervisor):
    services.blacklist_decide(entry=own_proposal, approve=True, note="证据确凿", actor=second_supervisor)
    firm.refresh_from_db()
    assert (own_proposal.status, firm.credit_grade) == ("listed", "D")


def test_api_refuses_the_proposers_decision_with_403_naming_the_rule(own_proposal, supervisor):
    response = _post_json(
        supervisor,
        f"/api/v1/supervision/blacklist/{own_proposal.pk}/decision",
        {"approve": True, "reason": "证据确凿"},
    )
    own_proposal.refresh_from_db()
    assert response.status_code == 403 and response.json()["code"] == "four_eyes"
    assert "黑名单" in response.json()["message"] and own_proposal.status == "proposed"


def test_blacklist_page_offers_no_decision_to_the_proposer_and_says_who_decides(own_proposal, supervisor):
    html = _page(supervisor, reverse("supervision:blacklist")).content.decode()
    assert reverse("supervision:blacklist_decide", args=[own_proposal.pk]) not in html
    assert "另一位科长" in html


def test_blacklist_page_offers_the_decision_to_another_supervisor(own_proposal, second_supervisor):
    html = _page(second_supervisor, reverse("supervision:blacklist")).content.decode()
    assert reverse("supervision:blacklist_decide", args=[own_proposal.pk]) in html


def test_a_posted_decision_by_the_proposer_changes_nothing_and_names_the_rule(own_proposal, supervisor):
    url = reverse("supervision:blacklist_decide", args=[own_proposal.pk])
    response = _page(supervisor, url, {"decision": "yes", "reason": "证据确凿"})
    own_proposal.refresh_from_db()
    assert own_proposal.status == "proposed" and "双人复核" in response.content.decode()


# --- lifting a blacklisting -------------------------------------------------------------------------------


@pytest.fixture
def recommended(firm, firm_user, analyst, supervisor):
    entry = services.blacklist_propose(enterprise=firm, reason="伪造植物检疫证书", actor=analyst)
    services.blacklist_decide(entry=entry, approve=True, note="证据确凿", actor=supervisor)
    consignments(firm, "cccccc", start=timezone.now() + dt.timedelta(seconds=1))
    petition = services.petition_submit(
        entry=entry,
        root_cause="供应商管控缺失导致证书造假",
        corrective_actions="更换供应商并建立证书核验制度",
        actor=firm_user,
    )
    return services.petition_decide(petition=petition, grant=True, reason="连续6批合格", actor=supervisor)


def test_recommending_the_lifting_leaves_the_enterprise_blacklisted(recommended):
    recommended.entry.refresh_from_db()
    assert (recommended.status, recommended.entry.status) == ("recommended", "listed")


def test_the_recommender_cannot_approve_the_lifting(recommended, supervisor):
    audits = AuditEvent.objects.count()
    with pytest.raises(FourEyesViolation) as exc:
        services.petition_decide(petition=recommended, grant=True, reason="同意", actor=supervisor)
    recommended.refresh_from_db()
    assert recommended.status == "recommended" and AuditEvent.objects.count() == audits
    assert "解除" in str(exc.value.message)


def test_a_second_supervisor_approves_the_lifting(recommended, second_supervisor):
    services.petition_decide(petition=recommended, grant=True, reason="同意解除", actor=second_supervisor)
    recommended.entry.refresh_from_db()
    assert (recommended.status, recommended.entry.status) == ("granted", "lifted")


def test_api_refuses_the_recommenders_approval(recommended, supervisor):
    response = _post_json(
        supervisor,
        f"/api/v1/supervision/petitions/{recommended.pk}/decision",
        {"approve": True, "reason": "同意"},
    )
    assert response.status_code == 403 and response.json()["code"] == "four_eyes"


def test_dossier_offers_the_approval_only_to_another_supervisor(recommended, supervisor, second_supervisor):
    url = reverse("supervision:enterprise_detail", args=[recommended.entry.enterprise_id])
    action = reverse("supervision:petition_decide", args=[recommended.pk])
    mine = _page(supervisor, url).content.decode()
    theirs = _page(second_supervisor, url).content.decode()
    assert action not in mine and "另一位科长" in mine
    assert action in theirs


# --- downgrade to grade D -----------------------------------------------------------------------------------


def _grave(firm, actor, n=2):
    for i in range(n):
        services.credit_event_record(
            enterprise=firm,
            kind="violation",
            severity="grave",
            occurred_on=timezone.localdate(),
            description=f"伪造证书{i}",
            evidence=f"SZ-{i}",
            actor=actor,
        )


def test_points_that_reach_grade_d_only_propose_the_downgrade(firm, supervisor):
    _grave(firm, supervisor)
    firm.refresh_from_db()
    proposal = CreditDowngrade.objects.get(enterprise=firm)
    assert firm.credit_grade != "D" and firm.standing.computed_grade == "D"
    assert (proposal.status, proposal.proposed_by, proposal.score) == ("proposed", supervisor, 40)


def test_the_person_who_recorded_the_violations_cannot_approve_the_downgrade(firm, supervisor):
    _grave(firm, supervisor)
    proposal = CreditDowngrade.objects.get(enterprise=firm)
    audits = AuditEvent.objects.count()
    with pytest.raises(FourEyesViolation) as exc:
        services.downgrade_decide(downgrade=proposal, approve=True, note="同意", actor=supervisor)
    firm.refresh_from_db()
    proposal.refresh_from_db()
    assert (proposal.status, AuditEvent.objects.count()) == ("proposed", audits) and firm.credit_grade != "D"
    assert "D" in str(exc.value.message)


def test_a_second_supervisor_approves_the_downgrade_and_the_grade_is_d(firm, supervisor, second_supervisor):
    _grave(firm, supervisor)
    proposal = CreditDowngrade.objects.get(enterprise=firm)
    services.downgrade_decide(downgrade=proposal, approve=True, note="两次严重违法", actor=second_supervisor)
    firm.refresh_from_db()
    assert (proposal.status, firm.credit_grade) == ("approved", "D")
    services.recompute(enterprise_ids=[firm.pk])
    firm.refresh_from_db()
    assert firm.credit_grade == "D"  # stays D while the score stays in D


def test_a_recovered_score_withdraws_the_proposal(firm, supervisor):
    _grave(firm, supervisor)
    for event in firm.credit_events.all():
        services.credit_event_withdraw(event=event, reason="复议撤销", actor=supervisor)
    assert CreditDowngrade.objects.get(enterprise=firm).status == "withdrawn"


def test_api_refuses_the_proposers_downgrade_approval(firm, supervisor):
    _grave(firm, supervisor)
    proposal = CreditDowngrade.objects.get(enterprise=firm)
    response = _post_json(
        supervisor,
        f"/api/v1/supervision/downgrades/{proposal.pk}/decision",
        {"approve": True, "reason": "同意"},
    )
    assert response.status_code == 403 and response.json()["code"] == "four_eyes"


def test_dossier_shows_the_proposal_and_offers_the_approval_only_to_another(
    firm, supervisor, second_supervisor
):
    _grave(firm, supervisor)
    proposal = CreditDowngrade.objects.get(enterprise=firm)
    url = reverse("supervision:enterprise_detail", args=[firm.pk])
    action = reverse("supervision:downgrade_decide", args=[proposal.pk])
    mine = _page(supervisor, url).content.decode()
    assert action not in mine and "另一位科长" in mine
    response = _page(second_supervisor, action, {"decision": "yes", "reason": "同意", "next": url})
    firm.refresh_from_db()
    assert response.status_code == 200 and firm.credit_grade == "D"


def test_the_enterprise_does_not_see_a_pending_downgrade(firm, firm_user, supervisor):
    _grave(firm, supervisor)
    html = _page(firm_user, reverse("supervision:enterprise_detail", args=[firm.pk])).content.decode()
    assert 'data-testid="downgrade"' not in html


# --- spot-check publication ------------------------------------------------------------------------------


@pytest.fixture
def assigned_by_hand(orgs, supervisor, wjd_inspectors):
    EnterpriseFactory(org=orgs["WJD"])
    task = services.plan_draw(
        plan=PlanFactory(org=orgs["SZ"], sample_count=1), seed=2, actor=supervisor
    ).tasks.get()
    spare = next(u for u in wjd_inspectors if u not in task.inspectors)
    services.check_assign_inspectors(
        task=task, inspector_a=task.inspector_a, inspector_b=spare, reason="更换查验员", actor=supervisor
    )
    items = {i.position: ("conform", "") for i in task.items.all()}
    return services.check_record(task=task, items=items, actor=spare)


def test_the_supervisor_who_chose_the_inspectors_cannot_publish(assigned_by_hand, supervisor):
    audits = AuditEvent.objects.count()
    with pytest.raises(FourEyesViolation) as exc:
        services.check_publish(task=assigned_by_hand, actor=supervisor)
    assigned_by_hand.refresh_from_db()
    assert (assigned_by_hand.status, AuditEvent.objects.count()) == ("recorded", audits)
    assert "抽查" in str(exc.value.message)


def test_a_supervisor_who_took_no_part_publishes(assigned_by_hand, second_supervisor):
    services.check_publish(task=assigned_by_hand, actor=second_supervisor)
    assert assigned_by_hand.status == "published"


def test_api_refuses_publication_by_the_assigning_supervisor(assigned_by_hand, supervisor):
    response = _post_json(supervisor, f"/api/v1/supervision/checks/{assigned_by_hand.pk}/publish", {})
    assert response.status_code == 403 and response.json()["code"] == "four_eyes"


def test_check_page_offers_publication_only_to_a_supervisor_who_took_no_part(
    assigned_by_hand, supervisor, second_supervisor
):
    url = reverse("supervision:check_detail", args=[assigned_by_hand.pk])
    action = reverse("supervision:check_publish", args=[assigned_by_hand.pk])
    assert action not in _page(supervisor, url).content.decode()
    assert action in _page(second_supervisor, url).content.decode()
    response = _page(supervisor, action, {})
    assigned_by_hand.refresh_from_db()
    assert assigned_by_hand.status == "recorded" and "双人复核" in response.content.decode()
