"""The audit log: writers only insert; the sealer chains and signs; verification catches rewriting."""

import pytest
from django.core.management import CommandError, call_command

from guomen.core.audit import audit_seal, audit_seal_all, audit_verify
from guomen.core.checkpoints import append_checkpoint, load_key
from guomen.core.models import AuditChainHead, AuditCheckpoint, AuditEvent
from guomen.core.services import GENESIS_HASH, audit_record, event_digest, event_payload

pytestmark = pytest.mark.django_db


def _record(actor, n=3, start=0):
    for i in range(start, start + n):
        audit_record(
            actor=actor,
            verb="test.edit",
            object_type="test.thing",
            object_id=str(i),
            before={"n": i},
            after={"n": i + 1},
            reason="因为",
        )


def _rehash_from(seq: int) -> None:
    """What someone with write access to the database does to hide an edit: recompute every later hash and the head."""
    prev = AuditEvent.objects.get(seq=seq - 1).hash if seq > 1 else GENESIS_HASH
    for event in AuditEvent.objects.filter(seq__gte=seq).order_by("seq"):
        event.prev_hash = prev
        event.hash = event_digest(prev, event_payload(event))
        event.save(update_fields=["prev_hash", "hash"])
        prev = event.hash
    AuditChainHead.objects.filter(pk=1).update(
        last_hash=prev, count=AuditEvent.objects.filter(seq__isnull=False).count()
    )


@pytest.fixture
def sealed(inspector, audit_anchor):
    _record(inspector, n=5)
    audit_seal()
    _record(inspector, n=5, start=5)
    audit_seal()
    return inspector


def test_recording_takes_no_place_in_the_chain_until_sealed(inspector):
    _record(inspector, n=1)

    event = AuditEvent.objects.get()
    assert (event.seq, event.hash) == (None, "")


def test_sealing_chains_each_event_to_the_previous_hash(inspector, audit_anchor):
    _record(inspector)

    audit_seal()

    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in events] == [1, 2, 3]
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]


def test_sealing_writes_the_signed_checkpoint_to_the_database_and_the_file(inspector, audit_anchor):
    _record(inspector)

    checkpoint = audit_seal()

    line = (audit_anchor / "checkpoints.jsonl").read_text().strip()
    assert checkpoint.count == 3
    assert checkpoint.head_hash in line and checkpoint.signature in line


def test_sealing_with_nothing_new_writes_no_checkpoint(sealed):
    assert audit_seal() is None
    assert AuditCheckpoint.objects.count() == 2


def test_verify_passes_on_an_untouched_log(sealed):
    result = audit_verify(full=True)

    assert result.problems == []
    assert result.checked == 10


def test_an_event_edited_with_every_later_hash_recomputed_is_found(sealed):
    target = AuditEvent.objects.get(seq=3)
    AuditEvent.objects.filter(pk=target.pk).update(after={"n": 999})
    _rehash_from(3)

    result = audit_verify(full=True)

    assert result.kinds == {"edited"}
    assert result.problems[0].event.seq == 5  # the first signed checkpoint the rewritten stretch contradicts


def test_an_event_edited_by_hand_is_named(sealed):
    target = AuditEvent.objects.get(seq=7)
    AuditEvent.objects.filter(pk=target.pk).update(after={"n": 999})

    result = audit_verify(full=True)

    assert result.kinds == {"edited"}
    assert result.problems[0].event.pk == target.pk


def test_deleted_tail_events_are_found_even_with_the_head_fixed(sealed):
    AuditEvent.objects.filter(seq__gt=7).delete()
    _rehash_from(7)

    result = audit_verify(full=True)

    assert result.kinds == {"deleted"}


def test_an_event_deleted_in_the_middle_is_found(sealed):
    AuditEvent.objects.filter(seq=4).delete()

    result = audit_verify(full=True)

    assert result.kinds == {"deleted"}


def test_a_replaced_head_is_found(sealed):
    AuditChainHead.objects.filter(pk=1).update(last_hash="f" * 64)

    result = audit_verify(full=True)

    assert result.kinds == {"head"}


def test_events_appended_by_hand_with_a_new_head_are_found(sealed):
    last = AuditEvent.objects.get(seq=10)
    forged = AuditEvent.objects.create(
        at=last.at, actor_label="x", verb="test.forged", object_type="t", object_id="1"
    )
    forged.seq, forged.prev_hash = 11, last.hash
    forged.hash = event_digest(last.hash, event_payload(forged))
    forged.save()
    AuditChainHead.objects.filter(pk=1).update(last_hash=forged.hash, count=11)

    result = audit_verify(full=True)

    assert result.kinds == {"head"}


def test_a_checkpoint_forged_in_the_database_is_found(sealed):
    AuditCheckpoint.objects.filter(count=10).update(head_hash="e" * 64)

    result = audit_verify(full=True)

    assert "checkpoint" in result.kinds


def test_two_signed_heads_for_one_position_are_a_fork(sealed):
    """E.g. the checkpoint file of another database appended to this one's."""
    append_checkpoint(load_key().sign(count=10, head="d" * 64, signed_at="2026-01-01T00:00:00.000000Z"))

    result = audit_verify(full=True)

    assert "checkpoint" in result.kinds


def test_a_missing_key_stops_verification(sealed, audit_anchor):
    (audit_anchor / "checkpoint.key").unlink()

    result = audit_verify(full=True)

    assert not result.intact
    assert result.kinds == {"key"}


def test_an_unreadable_key_stops_verification(sealed, audit_anchor):
    (audit_anchor / "checkpoint.key").write_text("not hex")

    result = audit_verify(full=True)

    assert result.kinds == {"key"}


def test_another_key_does_not_vouch_for_the_checkpoints(sealed, audit_anchor):
    (audit_anchor / "checkpoint.key").write_text("ab" * 32)

    result = audit_verify(full=True)

    assert not result.intact
    assert "signature" in result.kinds


def test_a_missing_checkpoint_file_stops_verification(sealed, audit_anchor):
    (audit_anchor / "checkpoints.jsonl").unlink()

    result = audit_verify(full=True)

    assert result.kinds == {"file"}


def test_a_garbled_checkpoint_file_stops_verification(sealed, audit_anchor):
    with open(audit_anchor / "checkpoints.jsonl", "a") as handle:
        handle.write("{not json\n")

    result = audit_verify(full=True)

    assert result.kinds == {"file"}


def test_incremental_verification_walks_only_what_was_sealed_since(sealed):
    audit_verify()
    _record(sealed, n=4, start=10)
    audit_seal()

    result = audit_verify()

    assert result.problems == []
    assert (result.start, result.checked) == (10, 4)


def test_full_verification_still_walks_the_whole_log(sealed):
    audit_verify()

    result = audit_verify(full=True)

    assert result.checked == 10


def test_incremental_verification_still_checks_the_anchor_of_the_last_verified_stretch(sealed):
    audit_verify()
    AuditEvent.objects.filter(seq=2).update(after={"n": 999})
    _rehash_from(2)

    result = audit_verify()

    assert result.kinds == {"edited"}


def test_unsealed_events_are_reported_not_counted(sealed):
    _record(sealed, n=2, start=10)

    result = audit_verify(full=True)

    assert (result.checked, result.unsealed, result.intact) == (10, 2, True)


def test_the_command_reports_the_count(sealed, capsys):
    call_command("audit-verify", "--full")

    assert "10" in capsys.readouterr().out


def test_the_command_fails_on_a_tampered_log(sealed):
    AuditEvent.objects.filter(seq__gt=8).delete()
    _rehash_from(8)

    with pytest.raises(CommandError):
        call_command("audit-verify")


def test_the_seal_command_seals_what_is_waiting(inspector, audit_anchor):
    _record(inspector)

    call_command("audit-seal")

    assert not AuditEvent.objects.filter(seq__isnull=True).exists()


def test_seal_all_works_through_a_backlog_in_batches(inspector, audit_anchor):
    _record(inspector, n=5)

    written = audit_seal_all(batch_size=2)

    assert written == 3
    assert audit_verify(full=True).problems == []


def test_the_hashed_time_keeps_its_format_for_chains_written_before():
    import datetime as dt
    from zoneinfo import ZoneInfo

    event = AuditEvent(at=dt.datetime(2026, 3, 1, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai")))

    assert event_payload(event)["at"] == "2026-03-01T00:00:00.000000Z"
