"""Home-page work queues: each role sees its own counts first, as links, counted within its unit only."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from guomen.accounts.choices import Role
from guomen.declarations.tests.factories import DeclarationFactory
from guomen.inspections.tests.factories import InspectionTaskFactory, declaration_under_inspection, open_task
from guomen.labs.models import Sample
from guomen.labs.tests.factories import LaboratoryFactory, register, to_received
from guomen.registry.tests.factories import EnterpriseFactory
from guomen.risk.early_warnings import warning_create
from guomen.risk.tests.conftest import risk_world
from guomen.risk.tests.factories import make_signal, warning_data
from guomen.supervision import services as supervision

pytestmark = pytest.mark.django_db


def _queues(user, url="/") -> dict:
    """{queue key: (count, link)} as the page shows them."""
    client = Client()
    client.force_login(user)
    response = client.get(url, follow=True)
    html = response.content.decode()
    found = re.findall(
        r'href="([^"]+)" data-testid="queue-([a-z_]+)">\s*<span[^>]*data-testid="queue-count">(\d+)</span>',
        html,
    )
    return {key: (int(count), link) for link, key, count in found}


def test_inspector_sees_tasks_to_inspect_and_in_progress_of_his_port_only(orgs, inspector):
    open_task(orgs["WJD"])
    open_task(orgs["WJD"])
    open_task(orgs["BY"])  # another branch's port: not his queue
    InspectionTaskFactory(declaration=declaration_under_inspection(orgs["WJD"]), status="in_progress")
    queues = _queues(inspector)
    assert queues["to_inspect"] == (2, reverse("inspections:my_tasks"))
    assert queues["in_progress"][0] == 1


def test_supervisor_sees_results_to_confirm_overdue_tests_and_approvals(orgs, supervisor, analyst, inspector):
    InspectionTaskFactory(
        declaration=declaration_under_inspection(orgs["WJD"]), status="awaiting_confirmation"
    )
    InspectionTaskFactory(
        declaration=declaration_under_inspection(orgs["BY"]), status="awaiting_confirmation"
    )
    sample = register(open_task(orgs["WJD"]), inspector, LaboratoryFactory(org=orgs["WJD"]))
    Sample.objects.filter(pk=sample.pk).update(due_date=dt.date.today() - dt.timedelta(days=3))
    supervision.blacklist_propose(
        enterprise=EnterpriseFactory(org=orgs["WJD"]), reason="伪造证书", actor=analyst
    )
    supervision.blacklist_propose(
        enterprise=EnterpriseFactory(org=orgs["WJD"]), reason="逃避检验", actor=supervisor
    )
    queues = _queues(supervisor)
    assert list(queues)[:3] == ["to_confirm", "overdue_lab", "approvals"]
    assert queues["to_confirm"] == (1, reverse("inspections:confirmations"))
    assert queues["overdue_lab"][0] == 1
    assert queues["approvals"] == (1, reverse("core:approvals"))  # his own proposal waits for someone else


def test_approvals_page_lists_a_colleagues_proposal_but_not_my_own(orgs, supervisor, analyst):
    theirs = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳市他人提议有限公司")
    mine = EnterpriseFactory(org=orgs["WJD"], name_zh="深圳市本人提议有限公司")
    supervision.blacklist_propose(enterprise=theirs, reason="伪造证书", actor=analyst)
    supervision.blacklist_propose(enterprise=mine, reason="逃避检验", actor=supervisor)
    client = Client()
    client.force_login(supervisor)
    html = client.get(reverse("core:approvals")).content.decode()
    assert theirs.name_zh in html and mine.name_zh not in html


def test_lab_analyst_sees_samples_to_receive_and_to_test_of_his_laboratory(orgs, inspector, lab_analyst):
    lab = LaboratoryFactory(org=orgs["WJD"])
    received = register(open_task(orgs["WJD"]), inspector, lab)
    to_received(received, inspector, lab_analyst)
    waiting = register(open_task(orgs["WJD"]), inspector, lab)
    supervision_free = [("sealed", waiting.number), ("handed_over", waiting.number)]
    from guomen.labs.services import sample_custody

    for step, code in supervision_free:
        sample_custody(
            sample=Sample.objects.get(pk=waiting.pk), step=step, scanned_code=code, actor=inspector
        )
    queues = _queues(lab_analyst)
    assert queues["to_receive"] == (1, reverse("labs:queue"))
    assert queues["to_test"][0] == 1 and queues["to_review"][0] == 0


def test_risk_analyst_sees_clusters_to_assess_and_warnings_to_validate(orgs, make_user):
    rw = risk_world(orgs, make_user)
    for n in range(3):
        make_signal(rw, n=n, days_ago=n)
    warning_create(actor=rw["analyst"], data=warning_data(rw))
    queues = _queues(rw["analyst"])
    assert queues["to_assess"][0] == 1
    assert queues["to_validate"] == (1, reverse("risk:warning_list") + "?status=draft")


def test_enterprise_sees_its_own_declarations_in_progress_only(orgs, make_user):
    firm = EnterpriseFactory(org=orgs["WJD"])
    DeclarationFactory(port=orgs["WJD"], declarant=firm, status="under_inspection")
    DeclarationFactory(port=orgs["WJD"], declarant=firm, status="released")
    DeclarationFactory(port=orgs["WJD"], status="under_inspection")  # someone else's
    queues = _queues(make_user(Role.ENTERPRISE, None, enterprise=firm))
    assert queues["declarations_open"] == (1, reverse("declarations:list"))
    assert queues["messages"][0] == 0


def test_queues_come_before_the_other_tiles(supervisor):
    client = Client()
    client.force_login(supervisor)
    html = client.get("/").content.decode()
    assert html.index('data-testid="work-queues"') < html.index('data-testid="home-tiles"')
    assert "待确认" in html and "待审批" in html and "超期检测" in html
