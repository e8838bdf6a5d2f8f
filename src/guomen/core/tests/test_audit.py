import pytest
from django.core.management import CommandError, call_command

from guomen.core.models import AuditEvent
from guomen.core.services import audit_record, audit_verify

pytestmark = pytest.mark.django_db


def _record_three(actor):
    for i in range(3):
        audit_record(
            actor=actor,
            verb="test.edit",
            object_type="test.thing",
            object_id=str(i),
            before={"n": i},
            after={"n": i + 1},
            reason="因为",
        )


def test_events_chain_each_to_the_previous_hash(inspector):
    _record_three(inspector)
    events = list(AuditEvent.objects.order_by("id"))
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]


def test_verify_passes_on_an_untouched_chain(inspector):
    _record_three(inspector)
    checked, broken, _what = audit_verify()
    assert broken is None
    assert checked == AuditEvent.objects.count()


def test_verify_names_the_event_altered_by_hand(inspector):
    _record_three(inspector)
    target = AuditEvent.objects.filter(object_id="1").get()
    AuditEvent.objects.filter(pk=target.pk).update(after={"n": 999})
    with pytest.raises(CommandError, match=f"#{target.pk}"):
        call_command("audit-verify")


def test_verify_notices_a_deleted_last_event(inspector):
    _record_three(inspector)
    AuditEvent.objects.order_by("-id").first().delete()
    with pytest.raises(CommandError):
        call_command("audit-verify")


def test_verify_reports_the_count(inspector, capsys):
    _record_three(inspector)
    call_command("audit-verify")
    assert str(AuditEvent.objects.count()) in capsys.readouterr().out
