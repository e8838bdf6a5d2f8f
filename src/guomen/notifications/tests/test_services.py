"""notify(), the flow's events, immediate e-mail, the digest: de-duplicated, batched, never to the inactive."""

import pytest
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.accounts.models import User
from guomen.clearance.services import clearance_confirm, clearance_record_result, clearance_submit
from guomen.declarations.tests.factories import submission
from guomen.inspections.models import InspectionTask
from guomen.inspections.services.rectifications import rectification_create
from guomen.notifications.choices import Delivery, Kind
from guomen.notifications.mail import send_digests
from guomen.notifications.messages import render
from guomen.notifications.models import Notification
from guomen.notifications.services import notification_mark_read, notify, preferences_set
from guomen.targeting.models import TargetingSettings
from guomen.targeting.tests.factories import ControlMeasureFactory, RuleProfileFactory

pytestmark = pytest.mark.django_db

RULE = "甲类榴莲规则R7"
INSTRUCTION = "开箱检查果蒂处橘小实蝇幼虫"
REASON = "泰国通报蛀果害虫截获"


def _selected(world):
    RuleProfileFactory(
        name=RULE, hs_prefix="0810", channel="physical_sampling", instruction=INSTRUCTION, percentage=100
    )
    ControlMeasureFactory(scope="enterprise", enterprise=world["enterprise"], reason=REASON)
    TargetingSettings.objects.create(random_rate=1.0)
    return clearance_submit(actor=world["enterprise_user"], **submission(world))


def test_the_same_event_is_stored_once_per_person(ent):
    for _ in range(3):
        notify(recipients=[ent], kind=Kind.DECLARATION_RELEASED, params={"number": "X1"}, ref="d:1")
    assert Notification.objects.filter(recipient=ent).count() == 1


def test_nothing_reaches_a_deactivated_user(ent, mailbox, django_capture_on_commit_callbacks):
    ent.is_active = False
    ent.save(update_fields=["is_active"])
    with django_capture_on_commit_callbacks(execute=True):
        stored = notify(recipients=[ent], kind=Kind.DECLARATION_HELD, params={"number": "X1"}, ref="d:1")
    assert stored == 0 and not Notification.objects.exists() and mailbox == []


def test_a_user_deactivated_after_the_event_gets_no_digest(ent, mailbox):
    notify(recipients=[ent], kind=Kind.DECLARATION_RELEASED, params={"number": "X1"}, ref="d:1")
    ent.is_active = False
    ent.save(update_fields=["is_active"])
    result = send_digests()
    assert mailbox == [] and result["skipped"] == 1
    assert Notification.objects.get().delivery == Delivery.OFF


def test_two_hundred_declarations_make_one_digest_mail(
    world, ent, mailbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(200):
            clearance_submit(actor=ent, **submission(world))
    assert Notification.objects.filter(recipient=ent).count() == 200
    assert mailbox == []  # selected and released go to the digest
    result = send_digests()
    assert result == {"mails": 1, "notifications": 200, "skipped": 0}
    assert len(mailbox) == 1 and "200" in mailbox[0].subject and mailbox[0].to == [ent.email]
    assert send_digests()["mails"] == 0 and len(mailbox) == 1  # idempotent


def test_a_hold_is_mailed_at_once_and_the_text_names_no_targeting(
    world, ent, mailbox, django_capture_on_commit_callbacks
):
    declaration = _selected(world)
    task = InspectionTask.objects.get(declaration=declaration)
    task = clearance_record_result(
        task=task,
        outcome="non_conforming",
        notes="发现活虫",
        proposed_disposition="return",
        actor=world["inspector"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        clearance_confirm(task=task, disposition="return", actor=world["supervisor"])
    kinds = set(Notification.objects.filter(recipient=ent).values_list("kind", flat=True))  # staff: their own
    assert kinds == {Kind.DECLARATION_SELECTED, Kind.DECLARATION_HELD}
    assert len(mailbox) == 1 and declaration.number in mailbox[0].subject
    texts = [mailbox[0].subject, mailbox[0].body]
    for n in Notification.objects.all():
        texts += [*render(n.kind, n.params), str(n.params), n.url]
    text = "\n".join(texts)
    for marker in (RULE, INSTRUCTION, REASON, "橘小实蝇", "布控", "0.87", "physical_sampling", "查验+抽样"):
        assert marker not in text
    assert "/declarations/" in Notification.objects.get(kind=Kind.DECLARATION_HELD).url


def test_staff_are_not_told_the_enterprise_events(world, ent):
    _selected(world)
    assert not Notification.objects.exclude(recipient__role=Role.ENTERPRISE).exists()
    assert not Notification.objects.filter(recipient=world["other_enterprise_user"]).exists()


def test_a_rectification_request_notifies_the_enterprise(world, ent):
    rectification_create(
        enterprise=world["enterprise"],
        subject="补充冷链温度记录",
        due_date=timezone.localdate(),
        actor=world["supervisor"],
    )
    n = Notification.objects.get(recipient=ent)
    assert n.kind == Kind.RECTIFICATION_REQUESTED and "补充冷链温度记录" in render(n.kind, n.params)[0]


def test_preferences_are_respected(ent, mailbox, django_capture_on_commit_callbacks):
    preferences_set(
        user=ent, choices={Kind.DECLARATION_HELD: Delivery.OFF, Kind.DECLARATION_RELEASED: Delivery.IMMEDIATE}
    )
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[ent], kind=Kind.DECLARATION_HELD, params={"number": "H1"}, ref="d:1")
    assert mailbox == []
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[ent], kind=Kind.DECLARATION_RELEASED, params={"number": "R1"}, ref="d:2")
    assert len(mailbox) == 1 and "R1" in mailbox[0].subject
    assert send_digests()["mails"] == 0
    assert Notification.objects.filter(recipient=ent).count() == 2  # the inbox keeps both


def test_a_user_without_an_email_address_has_the_inbox_only(world, mailbox):
    user = world["enterprise_user"]
    notify(recipients=[user], kind=Kind.DECLARATION_RELEASED, params={"number": "X1"}, ref="d:1")
    assert Notification.objects.get().delivery == Delivery.OFF and send_digests()["mails"] == 0


def test_bad_preferences_are_refused_naming_the_kind(ent):
    from guomen.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as exc:
        preferences_set(user=ent, choices={Kind.DECLARATION_HELD: "hourly"})
    assert Kind.DECLARATION_HELD in exc.value.fields


def test_marking_read_touches_only_ones_own(world, ent):
    other = world["other_enterprise_user"]
    notify(recipients=[ent, other], kind=Kind.DECLARATION_RELEASED, params={"number": "X1"}, ref="d:1")
    theirs = Notification.objects.get(recipient=other)
    assert notification_mark_read(user=ent, ids=[theirs.pk]) == 0
    assert notification_mark_read(user=ent) == 1
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_recorded_result_lands_in_the_supervisors_digest_not_with_other_units(world, ent, mailbox):
    User.objects.filter(pk=world["supervisor"].pk).update(email="sup@example.com")
    declaration = _selected(world)
    task = InspectionTask.objects.get(declaration=declaration)
    clearance_record_result(
        task=task, outcome="conforming", notes="", proposed_disposition="release", actor=world["inspector"]
    )
    n = Notification.objects.get(recipient=world["supervisor"])
    assert n.kind == Kind.RESULT_TO_CONFIRM and n.delivery == Delivery.DIGEST
    assert declaration.number in render(n.kind, n.params)[0]
    assert not Notification.objects.filter(recipient=world["other_supervisor"]).exists()


def test_an_unknown_kind_is_a_programming_error_even_with_nobody_to_tell():
    with pytest.raises(ValueError, match="unknown notification kind"):
        notify(recipients=[], kind="no_such_kind")
