"""Notification writes. `notify()` is the one entry point other code calls to tell users something.

Nothing reaches a deactivated user; the same event for the same person is stored once (`dedup_key`);
e-mail follows each user's preference per kind: at once (holds, failed results), in the daily digest
(everything else) or not at all. Immediate e-mails are sent after commit, one mail per user for everything
that became due in the same transaction (so a burst is one mail, not many).
"""

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.accounts.models import User
from guomen.core.errors import ValidationFailed
from guomen.core.rows import insert
from guomen.core.services import audit_record

from .choices import Delivery, Kind, default_delivery
from .models import Notification, NotificationPreference

_PEOPLE_SQL: dict[tuple, str] = {}


def _kind_known(kind: str) -> None:
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}")


def notify(
    *,
    recipients,
    kind: str,
    params: dict | None = None,
    url: str = "",
    ref: str = "",
    dedup_key: str = "",
    now=None,
) -> int:
    """Tell each active recipient about one event; returns how many new notifications were stored.

    `recipients` are users or a queryset of users; `params` are the plain facts the message of `kind` names
    (messages.py); `url` a path inside Guomen (the record to open); `ref` the record as "app.model:pk";
    `dedup_key` (default "<kind>:<ref>") stores the event once per person however often it is announced. Who is
    told, by which delivery and whether they were told already is one read. Call it inside the transaction that
    makes the change: the notifications commit or roll back with it."""
    _kind_known(kind)
    if not isinstance(recipients, QuerySet):
        ids = {u.pk for u in recipients if u is not None and u.is_active}
        if not ids:
            return 0
        recipients = User.objects.filter(pk__in=ids)
    where, where_params = recipients.values("pk").query.sql_with_params()
    who = f"u.{connection.ops.quote_name('id')} IN ({where})"
    return _notify(
        who, list(where_params), kind=kind, params=params, url=url, ref=ref, dedup_key=dedup_key, now=now
    )


def _people(who: str, who_params: list, kind: str, key: str) -> list[tuple]:
    """(id, e-mail, chosen delivery) of the active users `u` who match `who` (SQL on `u`, with its parameters)
    and were not told under `key` yet: one statement, the rest of its text built once per process."""
    sql = _PEOPLE_SQL.get((connection.vendor, bool(key)))
    if sql is None:
        q = connection.ops.quote_name
        user, pref, note = (q(m._meta.db_table) for m in (User, NotificationPreference, Notification))
        sql = (
            f"SELECT u.{q('id')}, u.{q('email')}, (SELECT p.{q('delivery')} FROM {pref} p "
            f"WHERE p.{q('user_id')} = u.{q('id')} AND p.{q('kind')} = %s LIMIT 1) FROM {user} u "
            f"WHERE u.{q('is_active')} AND {{who}}"
        )
        if key:
            # `NOT (dedup_key = '')` is the unique index's own condition, word for word, so SQLite's planner uses
            # that index too (the inbox index would read every notification the person ever had)
            sql += (
                f" AND NOT EXISTS (SELECT 1 FROM {note} n WHERE n.{q('recipient_id')} = u.{q('id')} "
                f"AND n.{q('dedup_key')} = %s AND NOT (n.{q('dedup_key')} = ''))"
            )
        _PEOPLE_SQL[(connection.vendor, bool(key))] = sql
    with connection.cursor() as cursor:
        cursor.execute(sql.format(who=who), [kind, *who_params, *([key] if key else [])])
        return cursor.fetchall()


def _notify(who: str, who_params: list, *, kind, params=None, url="", ref="", dedup_key="", now=None) -> int:
    """`notify()` the users `u` who match `who` (SQL on `u`, with its parameters)."""
    _kind_known(kind)
    key = dedup_key or (f"{kind}:{ref}" if ref else "")
    people = _people(who, who_params, kind, key)
    if not people:
        return 0
    now = now or timezone.now()
    default = default_delivery(kind)
    deliveries = {pk: (chosen or default) if email else Delivery.OFF for pk, email, chosen in people}
    rows = [
        Notification(
            recipient_id=pk,
            kind=kind,
            params=params or {},
            url=url[:300],
            ref=ref[:80],
            dedup_key=key[:120],
            delivery=delivery,
            created_at=now,
        )
        for pk, delivery in deliveries.items()
    ]
    insert(rows, ignore_conflicts=True)
    urgent = sorted(pk for pk, delivery in deliveries.items() if delivery == Delivery.IMMEDIATE)
    if urgent:
        from .tasks import send_immediate_task

        transaction.on_commit(lambda: send_immediate_task.enqueue(urgent))
    return len(rows)


def notify_enterprise(*, enterprise_ids: Iterable[int], **notification) -> int:
    """`notify()` every active user of these enterprises (the declarant and the consignee, say): their own
    logins, not system clients."""
    ids = sorted(pk for pk in set(enterprise_ids) if pk)
    if not ids:
        return 0
    q = connection.ops.quote_name
    who = f"u.{q('enterprise_id')} IN ({', '.join(['%s'] * len(ids))}) AND u.{q('role')} = %s"
    return _notify(who, [*ids, str(Role.ENTERPRISE)], **notification)


def notification_mark_read(*, user, ids: Iterable[int] | None = None, now=None) -> int:
    """Mark the user's own notifications read (all unread ones when `ids` is None); others' rows are untouched."""
    qs = Notification.objects.filter(recipient=user, read_at=None)
    if ids is not None:
        try:
            wanted = [int(i) for i in ids]
        except (TypeError, ValueError):
            raise ValidationFailed(fields={"ids": _("Give the numbers of the notifications.")}) from None
        qs = qs.filter(pk__in=wanted)
    return qs.update(read_at=now or timezone.now())


@transaction.atomic
def preferences_set(*, user, choices: dict[str, str]) -> dict[str, str]:
    """Store the user's e-mail choice per kind (audited); unknown kinds or modes are refused naming the field."""
    errors = {}
    for kind, delivery in choices.items():
        if kind not in Kind.values:
            errors[kind] = _("Unknown kind of notification.")
        elif delivery not in Delivery.values:
            errors[kind] = _("Choose at once, daily digest or no e-mail.")
    if errors:
        raise ValidationFailed(fields=errors)
    before = preferences_of(user)
    for kind, delivery in choices.items():
        NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
        if user.email:  # what is still waiting follows the new choice
            Notification.objects.filter(recipient=user, kind=kind, emailed_at=None).update(delivery=delivery)
    after = preferences_of(user)
    if before != after:
        audit_record(
            actor=user,
            verb="notification.preferences",
            obj=user,
            before={k: v for k, v in before.items() if after[k] != v},
            after={k: v for k, v in after.items() if before[k] != v},
        )
    return after


def preferences_of(user) -> dict[str, str]:
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind: chosen.get(kind, default_delivery(kind)) for kind in Kind.values}
