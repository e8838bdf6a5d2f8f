import pytest

from guomen.clearance.services import clearance_confirm, clearance_record_result, clearance_submit
from guomen.core.errors import NotFound
from guomen.declarations.selectors import (
    DeclarationFilters,
    declaration_get,
    declaration_list,
    declaration_timeline,
)
from guomen.declarations.tests.factories import DeclarationFactory, submission
from guomen.targeting.models import SimpleRule

pytestmark = pytest.mark.django_db


def _declared(world):
    return clearance_submit(actor=world["enterprise_user"], **submission(world))


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("enterprise_user", True),
        ("other_enterprise_user", False),
        ("inspector", True),
        ("supervisor", True),
        ("other_supervisor", False),
    ],
)
def test_list_scope(world, who, visible):
    d = _declared(world)
    assert (d in declaration_list(user=world[who])) is visible


def test_anonymous_sees_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    _declared(world)
    assert not declaration_list(user=AnonymousUser()).exists()


def test_consignee_enterprise_sees_the_declaration(world):
    d = DeclarationFactory(
        port=world["WJD"], declarant=world["other_enterprise"], consignee=world["enterprise"]
    )
    assert d in declaration_list(user=world["enterprise_user"])


def test_filters_by_origin_and_port(world):
    d = _declared(world)
    user = world["supervisor"]
    assert d in declaration_list(user=user, filters=DeclarationFilters(origin="th", port="wjd"))
    assert d not in declaration_list(user=user, filters=DeclarationFilters(port="HG"))


def test_get_outside_scope_is_not_found(world):
    d = _declared(world)
    with pytest.raises(NotFound):
        declaration_get(user=world["other_supervisor"], number=d.number)


def test_timeline_covers_declaration_and_task_with_chinese_labels(world):
    SimpleRule.objects.create(name="水果", hs_prefix="08", channel="physical")
    d = _declared(world)
    task = d.inspection_tasks.get()
    task = clearance_record_result(
        task=task,
        outcome="non_conforming",
        notes="发现活虫",
        proposed_disposition="return",
        actor=world["inspector"],
    )
    clearance_confirm(task=task, disposition="return", actor=world["supervisor"])
    labels = [e["label"] for e in declaration_timeline(d, user=world["supervisor"])]
    assert labels[:4] == ["提交报检", "布控：查验", "转入查验", "下达查验任务"]
    assert "查验结果：不合格" in labels
    assert "科长确认：退运" in labels
    assert labels[-1] == "退运"
