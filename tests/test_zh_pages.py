"""The Chinese interface speaks Chinese: main pages rendered in zh-Hans over the demo bureau show no English
word from a deny list (labels, units, directions, classifications and feature names left untranslated)."""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from guomen.declarations.models import Declaration
from guomen.demo.services import seed_demo
from guomen.targeting.models import RiskModel

# Words that only appear when a value or label escaped translation (data such as names are in Chinese in the demo).
DENY = [
    "import", "export", "Import", "Export", "carton", "cartons", "specimen", "specimens", "pieces", "piece",
    "alert notification", "border rejection", "trader_n", "trader_rate", "klass", "flow_rate", "None", "True",
    "False", "Pending", "Draft", "Submitted", "serious",
]  # fmt: skip
PATTERN = re.compile(r"(?<![\w/.-])(" + "|".join(re.escape(w) for w in DENY) + r")(?![\w/.-])")
HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1>", re.S | re.I)
TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def bureau(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo(size="small", seed=7, declarations=600)
        yield
        transaction.set_rollback(True)


def visible_text(page: str) -> str:
    return html.unescape(TAG.sub(" ", HIDDEN.sub(" ", page)))


def pages_for(user) -> list[str]:
    common = ["/", reverse("documents:list")]
    declaration = Declaration.objects.filter(port__path__startswith=user.org.path).order_by("-id").first()
    model = RiskModel.objects.order_by("-id").first()
    by_user = {
        "analyst_sz": [
            reverse("risk:dashboard"),
            reverse("risk:signal_list"),
            reverse("risk:cluster_list"),
            reverse("risk:warning_list"),
            reverse("risk:notification_list"),
            reverse("targeting:rule_list"),
            reverse("targeting:measure_list"),
            reverse("targeting:level_list"),
            reverse("targeting:model_list"),
            *([reverse("targeting:model_detail", args=[model.pk])] if model else []),
            reverse("reports:dashboard"),
            reverse("reports:kpis"),
            reverse("reports:statistics"),
        ],
        "supervisor_sz": [
            reverse("declarations:list"),
            reverse("declarations:detail", args=[declaration.number]),
            reverse("inspections:confirmations"),
            reverse("supervision:enterprises"),
            reverse("supervision:blacklist"),
            reverse("supervision:plans"),
            reverse("campaigns:list"),
            reverse("complaints:list"),
            reverse("exports:sites"),
            reverse("exports:batches"),
        ],
        "inspector_wjd": [reverse("inspections:my_tasks"), reverse("inspections:followup")],
        "lab_wjd": [reverse("labs:queue"), reverse("labs:overdue")],
        "admin_gacc": [
            reverse("catalog:hs_list"),
            reverse("catalog:hazard_list"),
            reverse("registry:enterprise_list"),
        ],
    }
    return common + by_user[user.username]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username", ["analyst_sz", "supervisor_sz", "inspector_wjd", "lab_wjd", "admin_gacc"]
)
def test_main_pages_show_no_untranslated_english_words(bureau, client, username):
    user = get_user_model().objects.get(username=username)
    client.force_login(user)
    leftovers = {}
    for url in pages_for(user):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans", follow=True)
        assert response.status_code == 200, url
        found = sorted(set(PATTERN.findall(visible_text(response.content.decode()))))
        if found:
            leftovers[url] = found
    assert leftovers == {}


@pytest.mark.django_db
def test_the_deny_list_catches_a_raw_unit_and_direction():
    text = visible_text("<div>数量: 1108 carton · 进出境: import</div><script>var a='import'</script>")
    assert PATTERN.findall(text) == ["carton", "import"]


@pytest.mark.django_db
def test_declaration_lines_show_units_in_chinese(bureau, client):
    user = get_user_model().objects.get(username="supervisor_sz")
    declaration = Declaration.objects.filter(port__path__startswith=user.org.path).order_by("-id").first()
    client.force_login(user)
    page = visible_text(
        client.get(reverse("declarations:detail", args=[declaration.number])).content.decode()
    )
    assert re.search(r"数量: [\d.]+ (箱|件|千克|袋|个)", page) or re.search(
        r"数量：[\d.]+ (箱|件|千克|袋|个)", page
    )
