"""Sealing and verifying the audit log (docs/adr/0004-audit-log-without-a-global-lock.md).

Writers only insert events (`core.services.audit_record`). One sealer at a time — the periodic job
`core.audit-seal`, `guomen audit-seal`, or the demo seed — takes the events nobody has sealed yet in id order,
numbers them (`seq`), chains each to the previous hash and signs a checkpoint (count, head hash) with the key
outside the database; the checkpoint goes to the database and to the append-only checkpoint file.

`audit_verify` checks the sealed log against the signed checkpoints in the file: a changed event (even with every
later hash recomputed), deleted events (in the middle or at the end), a replaced head row, a forged, deleted or
unsigned checkpoint. Incremental verification starts at the last checkpoint a verification passed; `full=True`
walks from the first event.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC
from types import SimpleNamespace

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .checkpoints import AuditAnchorError, SignedCheckpoint, append_checkpoint, load_key, read_checkpoints
from .models import AuditChainHead, AuditCheckpoint, AuditEvent
from .partitions import audit_partition_end, audit_partitioned, audit_partitions_ensure
from .services import GENESIS_HASH, event_digest, event_payload

SEAL_BATCH = 20000
WALK_BATCH = 5000
WALK_FIELDS = (
    "id",
    "seq",
    "prev_hash",
    "hash",
    "at",
    "actor_id",
    "actor_label",
    "verb",
    "object_type",
    "object_id",
    "object_repr",
    "org_path",
    "before",
    "after",
    "reason",
)


def _head_for_update() -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AuditChainHead.objects.get_or_create(pk=1, defaults={"last_hash": GENESIS_HASH, "count": 0})
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    return head


def audit_seal(*, batch_size: int = SEAL_BATCH) -> AuditCheckpoint | None:
    """Seal up to `batch_size` unsealed events and sign a checkpoint; None when nothing was waiting.

    The checkpoint line is appended to the file (and flushed) before the transaction commits: a failed commit
    leaves a line the database lacks, which verification reports, rather than a checkpoint nobody else holds."""
    key = load_key(create=True)
    room = None
    if (
        audit_partitioned()
    ):  # PostgreSQL: the range partitions the batch moves into exist before the seal starts
        sealed = AuditChainHead.objects.filter(pk=1).values_list("count", flat=True).first() or 0
        waiting = AuditEvent.objects.filter(seq__isnull=True)[:batch_size].count()
        audit_partitions_ensure(sealed + waiting)
        room = audit_partition_end()
    with transaction.atomic():
        head = _head_for_update()  # the sealer's lock: one sealer at a time; writers never take it
        if room is not None:  # never past the last range partition (the rest waits for the next seal)
            batch_size = max(0, min(batch_size, room - 1 - head.count))
        pending = [
            _row(values)
            for values in AuditEvent.objects.filter(seq__isnull=True)
            .order_by("id")
            .values_list(*WALK_FIELDS)[:batch_size]
        ]
        if not pending:
            return None
        prev, count = head.last_hash, head.count
        for event in pending:
            count += 1
            event.seq = count
            event.prev_hash = prev
            event.hash = event_digest(prev, event_payload(event))
            prev = event.hash
        _write_positions(pending)
        head.last_hash, head.count = prev, count
        head.save(update_fields=["last_hash", "count"])
        signed_at = timezone.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        signed = key.sign(count=count, head=prev, signed_at=signed_at)
        checkpoint = AuditCheckpoint.objects.create(
            count=count, head_hash=prev, signed_at=signed_at, key_id=signed.key_id, signature=signed.signature
        )
        append_checkpoint(signed)
    return checkpoint


def _write_positions(events: list[SimpleNamespace]) -> None:
    """One statement for the batch on PostgreSQL (unnest), a prepared statement per row on SQLite (both fast;
    Django's bulk_update builds CASE expressions that grow with the batch)."""
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} AS e SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash "
                "FROM unnest(%s::bigint[], %s::bigint[], %s::text[], %s::text[]) AS v(id, seq, prev_hash, hash) "
                "WHERE e.id = v.id AND e.seq IS NULL",  # only the unsealed events' partition is searched
                [
                    [e.pk for e in events],
                    [e.seq for e in events],
                    [e.prev_hash for e in events],
                    [e.hash for e in events],
                ],
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET seq = %s, prev_hash = %s, hash = %s WHERE id = %s",
                [(e.seq, e.prev_hash, e.hash, e.pk) for e in events],
            )


def audit_seal_all(*, batch_size: int = SEAL_BATCH) -> int:
    """Seal until nothing is waiting; the number of checkpoints written."""
    written = 0
    while audit_seal(batch_size=batch_size) is not None:
        written += 1
    return written


@dataclass
class Problem:
    kind: str  # key, file, signature, checkpoint, edited, deleted, head
    message: str
    event: AuditEvent | None = None


@dataclass
class Verification:
    full: bool
    checked: int = 0
    sealed: int = 0
    unsealed: int = 0
    start: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems

    @property
    def kinds(self) -> set[str]:
        return {p.kind for p in self.problems}


def _as_signed(row: AuditCheckpoint) -> SignedCheckpoint:
    return SignedCheckpoint(row.count, row.head_hash, row.signed_at, row.key_id, row.signature)


def _row(values: tuple) -> SimpleNamespace:
    row = SimpleNamespace(**dict(zip(WALK_FIELDS, values, strict=True)))
    row.pk = row.id
    return row


def _sealed_events(after_seq: int, upto: int | None) -> Iterator[SimpleNamespace]:
    """The sealed events after a position (up to `upto`), as light rows (no model instances: the walk reads
    millions)."""
    last = after_seq
    events = AuditEvent.objects.all() if upto is None else AuditEvent.objects.filter(seq__lte=upto)
    while True:
        batch = list(events.filter(seq__gt=last).order_by("seq").values_list(*WALK_FIELDS)[:WALK_BATCH])
        if not batch:
            return
        for values in batch:
            yield _row(values)
        last = batch[-1][1]


def _event(row) -> AuditEvent | None:
    return AuditEvent.objects.filter(pk=row.pk).first()


def _check_anchor(
    result: Verification, key, file_cps: list[SignedCheckpoint], head_count: int | None
) -> dict[int, SignedCheckpoint]:
    """Signatures of the file's checkpoints, and the database's checkpoints against the file's.

    `head_count` is the sealed length read before the file: checkpoints beyond it whose events exist were sealed
    while this verification ran and are left to the next one."""
    by_count: dict[int, SignedCheckpoint] = {}
    for cp in file_cps:
        if cp.count < result.start:
            continue
        if (
            head_count is not None
            and cp.count > head_count
            and AuditEvent.objects.filter(seq=cp.count).exists()
        ):
            continue
        if not key.signs(cp):
            if cp.key_id != key.key_id:
                message = _(
                    "Checkpoint at event %(count)d was signed with another key (%(key)s); this key is %(ours)s."
                ) % {"count": cp.count, "key": cp.key_id, "ours": key.key_id}
            else:
                message = _("Checkpoint at event %(count)d has a signature that does not match the key.") % {
                    "count": cp.count
                }
            result.problems.append(Problem("signature", message))
            continue
        known = by_count.get(cp.count)
        if known is not None and known.head != cp.head:
            result.problems.append(
                Problem(
                    "checkpoint",
                    _(
                        "The checkpoint file holds two different signed heads for event %(count)d: the log forked."
                    )
                    % {"count": cp.count},
                )
            )
        by_count[cp.count] = cp
    db_rows = {row.count: row for row in AuditCheckpoint.objects.filter(count__gte=result.start)}
    for count, cp in by_count.items():
        row = db_rows.get(count)
        if row is None:
            result.problems.append(
                Problem(
                    "checkpoint",
                    _("Checkpoint at event %(count)d is missing from the database.") % {"count": count},
                )
            )
        elif _as_signed(row) != cp:
            result.problems.append(
                Problem(
                    "checkpoint",
                    _("Checkpoint at event %(count)d in the database differs from the checkpoint file.")
                    % {"count": count},
                )
            )
    for count in sorted(set(db_rows) - {cp.count for cp in file_cps}):
        if head_count is not None and count > head_count:
            continue  # sealed while this verification ran
        result.problems.append(
            Problem(
                "checkpoint",
                _("Checkpoint at event %(count)d is in the database but not in the checkpoint file.")
                % {"count": count},
            )
        )
    return by_count


def _start_point(full: bool) -> AuditCheckpoint | None:
    if full:
        return None
    return AuditCheckpoint.objects.filter(verified_at__isnull=False).order_by("-count").first()


def audit_verify(*, full: bool = False) -> Verification:
    """Check the sealed log against the signed checkpoints; see the module docstring."""
    result = Verification(full=full)
    result.unsealed = AuditEvent.objects.filter(seq__isnull=True).count()
    head = AuditChainHead.objects.filter(pk=1).first()
    expect_anchor = AuditCheckpoint.objects.exists() or AuditEvent.objects.filter(seq__isnull=False).exists()
    try:
        file_cps = read_checkpoints(required=expect_anchor)
        if not file_cps and not expect_anchor:
            return result  # nothing sealed yet: nothing to vouch for
        key = load_key()
    except AuditAnchorError as exc:
        result.problems.append(Problem(exc.kind, str(exc)))
        return result
    start = _start_point(full)
    prev, expected_seq = GENESIS_HASH, 1
    if start is not None:
        anchor_event = AuditEvent.objects.filter(seq=start.count).first()
        if anchor_event is None or anchor_event.hash != start.head_hash:
            # the last verified stretch was changed since: fall back to the whole log
            start = None
        else:
            result.start = start.count
            prev, expected_seq = start.head_hash, start.count + 1
    head_count = head.count if head is not None else None
    by_count = _check_anchor(result, key, file_cps, head_count)
    if result.kinds & {"signature"} and not by_count:
        return result
    signed_counts = sorted(c for c in by_count if c >= expected_seq)
    walked = expected_seq - 1
    for event in _sealed_events(expected_seq - 1, head_count):
        if event.seq != expected_seq:
            result.problems.append(
                Problem(
                    "deleted",
                    _("Events %(first)d to %(last)d are missing from the log (deleted).")
                    % {"first": expected_seq, "last": event.seq - 1},
                    _event(event),
                )
            )
            return result
        if event.prev_hash != prev or event_digest(prev, event_payload(event)) != event.hash:
            result.problems.append(
                Problem(
                    "edited",
                    _("Event #%(id)s (%(verb)s %(obj)s, position %(seq)d) was changed after it was sealed.")
                    % {
                        "id": event.pk,
                        "verb": event.verb,
                        "obj": f"{event.object_type}:{event.object_id}",
                        "seq": event.seq,
                    },
                    _event(event),
                )
            )
            return result
        prev = event.hash
        walked = event.seq
        expected_seq += 1
        result.checked += 1
        cp = by_count.get(walked)
        if cp is not None and cp.head != prev:
            earlier = max((c for c in by_count if c < walked), default=result.start)
            result.problems.append(
                Problem(
                    "edited",
                    _(
                        "Events %(first)d to %(last)d do not match the checkpoint signed at %(at)s: they were "
                        "changed and their hashes recomputed."
                    )
                    % {"first": earlier + 1, "last": walked, "at": cp.signed_at},
                    _event(event),
                )
            )
            return result
    result.sealed = walked
    if signed_counts and walked < signed_counts[-1]:
        result.problems.append(
            Problem(
                "deleted",
                _(
                    "The signed checkpoint counts %(signed)d events but the log ends at %(have)d: events were deleted."
                )
                % {"signed": signed_counts[-1], "have": walked},
            )
        )
        return result
    newest_signed = max(by_count, default=result.start)
    if walked > newest_signed and not result.kinds & {"signature", "checkpoint"}:
        result.problems.append(
            Problem(
                "head",
                _(
                    "Events %(first)d to %(last)d are sealed but no signed checkpoint covers them: they were "
                    "appended by hand."
                )
                % {"first": newest_signed + 1, "last": walked},
            )
        )
        return result
    if head is None or head.count != walked or head.last_hash != prev:
        result.problems.append(
            Problem(
                "head",
                _("The log's head row does not match its newest sealed event: the head was replaced."),
            )
        )
        return result
    if not result.problems:
        newest = max(by_count, default=0)
        AuditCheckpoint.objects.filter(count=newest).update(verified_at=timezone.now())
    return result
