import pytest
from django.test import Client

from guomen.core.models import AuditEvent
from guomen.targeting.models import SimpleRule
from guomen.targeting.tests.factories import SimpleRuleFactory

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _rule_post(**overrides):
    data = {
        "name": "泰国榴莲",
        "hs_prefix": "081060",
        "origin": "TH",
        "direction": "import",
        "channel": "physical_sampling",
        "instruction": "取样检测",
        "active": "on",
    }
    data.update(overrides)
    return data


def test_analyst_sees_the_rule_table(world, analyst):
    SimpleRuleFactory(name="新鲜水果")
    html = _client(analyst).get("/targeting/rules/").content.decode()
    assert "新鲜水果" in html and "/targeting/rules/new/" in html


def test_supervisor_reads_but_cannot_edit(world):
    SimpleRuleFactory(name="新鲜水果")
    client = _client(world["supervisor"])
    html = client.get("/targeting/rules/").content.decode()
    assert "新鲜水果" in html and "/targeting/rules/new/" not in html
    assert client.get("/targeting/rules/new/").status_code == 403


@pytest.mark.parametrize("who", ["inspector", "enterprise_user"])
def test_other_roles_cannot_see_rules(world, who):
    assert _client(world[who]).get("/targeting/rules/").status_code == 403


def test_anonymous_is_sent_to_login(world):
    assert _client().get("/targeting/rules/").status_code == 302


def test_analyst_creates_a_rule(world, analyst):
    response = _client(analyst).post("/targeting/rules/new/", _rule_post())
    assert response.status_code == 302
    rule = SimpleRule.objects.get()
    assert rule.origin_id == "TH" and rule.channel == "physical_sampling"
    assert AuditEvent.objects.filter(verb="targeting.rule_created").exists()


def test_bad_prefix_is_shown_on_the_field(world, analyst):
    response = _client(analyst).post("/targeting/rules/new/", _rule_post(hs_prefix="x8"))
    assert response.status_code == 422
    assert "hs_prefix" in response.context["form"].errors
    assert not SimpleRule.objects.exists()


def test_analyst_edits_a_rule(world, analyst):
    rule = SimpleRuleFactory(channel="document")
    response = _client(analyst).post(
        f"/targeting/rules/{rule.pk}/", _rule_post(channel="physical", version=rule.version)
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.channel == "physical"


def test_stale_edit_is_refused(world, analyst):
    rule = SimpleRuleFactory(channel="document")
    response = _client(analyst).post(f"/targeting/rules/{rule.pk}/", _rule_post(version=rule.version + 5))
    assert response.status_code == 422
    rule.refresh_from_db()
    assert rule.channel == "document"


def test_analyst_deactivates_a_rule(world, analyst):
    rule = SimpleRuleFactory()
    _client(analyst).post(f"/targeting/rules/{rule.pk}/deactivate/", {"reason": "季节结束"})
    rule.refresh_from_db()
    assert not rule.active


@pytest.mark.parametrize("who", ["supervisor", "inspector", "enterprise_user"])
def test_others_cannot_deactivate(world, who):
    rule = SimpleRuleFactory()
    assert _client(world[who]).post(f"/targeting/rules/{rule.pk}/deactivate/").status_code == 403
    rule.refresh_from_db()
    assert rule.active


# --- measures, levels, models, backtests, settings, decisions ----------------------------------------

PAGES = [
    "/targeting/measures/",
    "/targeting/levels/",
    "/targeting/models/",
    "/targeting/backtest/",
    "/targeting/settings/",
]


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize(
    ("who", "status"), [(None, 302), ("inspector", 403), ("enterprise_user", 403), ("supervisor", 200)]
)
def test_lab_pages_permission_matrix(world, url, who, status):
    assert _client(world[who] if who else None).get(url).status_code == status


@pytest.mark.parametrize("url", PAGES)
def test_analyst_opens_every_lab_page(world, analyst, url):
    assert _client(analyst).get(url).status_code == 200


def test_analyst_imposes_a_measure_from_the_form(world, analyst):
    from guomen.targeting.models import ControlMeasure

    response = _client(analyst).post(
        "/targeting/measures/new/",
        {
            "scope": "enterprise",
            "enterprise": world["enterprise"].pk,
            "consignments": 3,
            "lift_after_conforming": 2,
            "reason": "境外通报",
        },
    )
    measure = ControlMeasure.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/targeting/measures/{measure.pk}/"
    page = _client(analyst).get(response["Location"]).content.decode()
    assert "境外通报" in page and 'data-testid="extend-form"' in page


def test_measure_form_shows_the_missing_target(world, analyst):
    response = _client(analyst).post(
        "/targeting/measures/new/",
        {"scope": "enterprise", "consignments": 3, "lift_after_conforming": 2, "reason": "x"},
    )
    assert response.status_code == 422
    assert "invalid-feedback" in response.content.decode()


def test_inspector_cannot_impose_a_measure(world):
    assert _client(world["inspector"]).get("/targeting/measures/new/").status_code == 403


def test_supervisor_imposes_measures_but_cannot_edit_rules_or_train(world):
    client = _client(world["supervisor"])
    assert client.get("/targeting/measures/new/").status_code == 200
    assert (
        client.post("/targeting/models/", {"train_from": "2026-01-01", "train_to": "2026-02-01"}).status_code
        == 403
    )
    assert client.post("/targeting/levels/recompute/").status_code == 403


def test_backtest_form_queues_a_job_with_a_progress_page(world, analyst):
    response = _client(analyst).post(
        "/targeting/backtest/",
        {"date_from": "2026-01-01", "date_to": "2026-02-01", "capacity": "0.1", "rules": "current"},
    )
    assert response.status_code == 302
    page = _client(analyst).get(response["Location"]).content.decode()
    assert 'data-testid="job-progress"' in page and "echarts.min.js" in page
    from guomen.core.models import JobRun

    assert JobRun.objects.get(kind="targeting.backtest").result["params"]["rules"] == "current"


def test_job_page_of_another_kind_is_404(world, analyst):
    from guomen.core.models import JobRun

    job = JobRun.objects.create(kind="reports.quality")
    assert _client(analyst).get(f"/targeting/jobs/{job.pk}/").status_code == 404


def test_analyst_sets_the_random_rate(world, analyst):
    from guomen.targeting.models import TargetingSettings

    response = _client(analyst).post(
        "/targeting/settings/", {"random_rate": "0.03", "default_capacity": "0.1", "sampling_score": "0.3"}
    )
    assert response.status_code == 302
    assert TargetingSettings.objects.get().random_rate == 0.03
    assert AuditEvent.objects.filter(verb="targeting.settings_changed").exists()


def test_supervisor_cannot_change_settings(world):
    response = _client(world["supervisor"]).post(
        "/targeting/settings/", {"random_rate": "0.5", "default_capacity": "0.1", "sampling_score": "0.3"}
    )
    assert response.status_code == 403


def _declaration(world):
    from .helpers import submit

    SimpleRuleFactory(name="机密规则名", hs_prefix="0810", channel="physical", instruction="剖果检查")
    return submit(world)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 302),
        ("inspector", 403),
        ("enterprise_user", 403),
        ("supervisor", 200),
        ("other_supervisor", 404),
    ],
)
def test_decision_page_permission_matrix(world, who, status):
    declaration = _declaration(world)
    url = f"/targeting/decisions/{declaration.number}/"
    assert _client(world[who] if who else None).get(url).status_code == status


def test_analyst_sees_the_rule_name_on_the_decision_page(world, analyst):
    declaration = _declaration(world)
    page = _client(analyst).get(f"/targeting/decisions/{declaration.number}/").content.decode()
    assert "机密规则名" in page and "剖果检查" in page
    assert 'data-testid="reroute-form"' not in page  # analysts do not re-route


def test_inspector_and_declarant_pages_never_show_the_rule_name(world):
    declaration = _declaration(world)
    task = declaration.inspection_tasks.get()
    inspector_page = _client(world["inspector"]).get(f"/inspections/tasks/{task.pk}/").content.decode()
    declarant_page = (
        _client(world["enterprise_user"]).get(f"/declarations/{declaration.number}/").content.decode()
    )
    assert "剖果检查" in inspector_page
    assert "机密规则名" not in inspector_page and "机密规则名" not in declarant_page


def test_supervisor_reroutes_from_the_decision_page(world):
    declaration = _declaration(world)
    client = _client(world["supervisor"])
    url = f"/targeting/decisions/{declaration.number}/"
    assert 'data-testid="reroute-form"' in client.get(url).content.decode()
    response = client.post(f"{url}reroute/", {"channel": "physical_sampling", "reason": "举报线索"})
    assert response.status_code == 302
    assert "举报线索" in client.get(url).content.decode()


def test_reroute_without_reason_is_shown_on_the_form(world):
    declaration = _declaration(world)
    response = _client(world["supervisor"]).post(
        f"/targeting/decisions/{declaration.number}/reroute/", {"channel": "physical_sampling", "reason": ""}
    )
    assert response.status_code == 422


def test_release_is_not_offered_when_a_rule_required_the_inspection(world):
    declaration = _declaration(world)
    page = _client(world["supervisor"]).get(f"/targeting/decisions/{declaration.number}/").content.decode()
    assert 'data-testid="reroute-form"' in page and '<option value="release"' not in page


def test_supervisor_releases_a_default_document_check_from_the_decision_page(world):
    from .helpers import submit

    declaration = submit(world)  # durian, no rule: document check by default
    client = _client(world["supervisor"])
    url = f"/targeting/decisions/{declaration.number}/"
    page = client.get(url).content.decode()
    assert '<option value="" selected>请选择新的布控指令</option>' in page  # release is never preselected
    assert '<option value="release"' in page
    response = client.post(f"{url}reroute/", {"channel": "release", "reason": "单证已核"})
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.status == "released"
