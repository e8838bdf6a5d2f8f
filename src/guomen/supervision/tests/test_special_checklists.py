"""Special spot checks (专项监督抽查): a plan over car dealers with the 三包 checklist, and the other special
checklists of the seed reports, reuse the double-random machinery."""

import datetime as dt

import pytest
from django.utils import translation

from guomen.core.errors import ValidationFailed
from guomen.supervision import services
from guomen.supervision.checklists import CHECKLISTS

from .factories import EnterpriseFactory


def _plan(orgs, supervisor, **extra):
    data = {
        "name": "进口汽车“三包”及召回专项监督抽查",
        "org": orgs["SZ"],
        "enterprise_kinds": ["car_dealer"],
        "sample_count": 5,
        "starts_on": dt.date(2026, 9, 1),
        "ends_on": dt.date(2026, 9, 30),
        "checklist_kind": "car_3r",
        **extra,
    }
    return services.plan_create(data=data, actor=supervisor)


def test_a_three_guarantees_plan_draws_car_dealers_with_the_six_aspects(orgs, supervisor, wjd_inspectors):
    dealers = EnterpriseFactory.create_batch(2, org=orgs["WJD"], kind="car_dealer")
    EnterpriseFactory(org=orgs["WJD"], kind="importer")
    with translation.override("zh-hans"):
        plan = services.plan_draw(plan=_plan(orgs, supervisor), seed=5, actor=supervisor)
    tasks = list(plan.tasks.all())
    assert {t.enterprise_id for t in tasks} == {d.pk for d in dealers}
    items = [i.text for i in tasks[0].items.order_by("position")]
    assert items == [
        "经销商到货验收",
        "进口汽车随车文件",
        "维修保养手册是否明晰合规",
        "投诉处理是否完善",
        "维修零部件是否合理储备",
        "召回流程是否规范",
    ]


def test_an_unknown_checklist_names_the_field(orgs, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        _plan(orgs, supervisor, checklist_kind="nonsense")
    assert "checklist_kind" in exc.value.fields


def test_a_plan_without_a_checklist_keeps_the_general_one(orgs, supervisor):
    plan = _plan(orgs, supervisor, checklist_kind="")
    assert plan.checklist_kind == "general"


@pytest.mark.parametrize("kind", sorted(CHECKLISTS))
def test_every_special_checklist_reads_in_chinese(kind):
    with translation.override("zh-hans"):
        texts = [str(item) for item in CHECKLISTS[kind].items]
    assert texts and all(any("\u4e00" <= ch <= "\u9fff" for ch in text) for text in texts)
