"""Notification writes. `notify()` is the one entry point other code calls to tell users something.

Nothing reaches a deactivated user; the same event for the same person is stored once (`dedup_key`);
e-mail follows each user's preference per kind: at once (holds, failed results), in the daily digest
(everything else) or not at all. Immediate e-mails are sent after commit, one mail per user for everything
that became due in the same transaction (so a burst is one mail, not many).
"""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.accounts.models import User
from guomen.core.errors import ValidationFailed
from guomen.core.services import audit_record

from .choices import Delivery, Kind, default_delivery
from .models import Notification, NotificationPreference


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
    if kind not in Kind.values:
        raise ValueError(f"unknown notification kind {kind!r}")
    if not isinstance(recipients, QuerySet):
        ids = {u.pk for u in recipients if u is not None and u.is_active}
        if not ids:
            return 0
        recipients = User.objects.filter(pk__in=ids)
    key = dedup_key or (f"{kind}:{ref}" if ref else "")
    chosen = NotificationPreference.objects.filter(user=OuterRef("pk"), kind=kind).values("delivery")[:1]
    # `dedup_key != ""` repeats the unique index's condition so the database may use it (the inbox index would
    # read every notification the person ever had)
    told = (
        Notification.objects.filter(recipient=OuterRef("pk"), dedup_key=key).exclude(dedup_key="")
        if key
        else None
    )
    people = recipients.filter(is_active=True)
    if told is not None:
        people = people.exclude(Exists(told))
    people = list(people.annotate(chosen=Subquery(chosen)).values_list("pk", "email", "chosen"))
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
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    urgent = sorted(pk for pk, delivery in deliveries.items() if delivery == Delivery.IMMEDIATE)
    if urgent:
        from .tasks import send_immediate_task

        transaction.on_commit(lambda: send_immediate_task.enqueue(urgent))
    return len(rows)


def notify_enterprise(*, enterprise_ids: Iterable[int], **notification) -> int:
    """`notify()` every active user of these enterprises (the declarant and the consignee, say): their own
    logins, not system clients."""
    ids = [pk for pk in set(enterprise_ids) if pk]
    if not ids:
        return 0
    users = User.objects.filter(enterprise_id__in=ids, role=Role.ENTERPRISE)
    return notify(recipients=users, **notification)


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
