"""In-app inbox. Notices of one kind for one person within the digest window are merged into one message,
so a burst of signals makes one digest per person instead of hundreds of messages."""

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.accounts.models import User

from .models import InboxMessage

MAX_ITEMS = 50


def digest_minutes() -> int:
    return int(getattr(settings, "GUOMEN_RISK_DIGEST_MINUTES", 30))


def ancestor_paths(path: str) -> list[str]:
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[: n + 1]) + "/" for n in range(len(parts))]


def users_over(org, roles) -> list[User]:
    """Active users of these roles at `org` or a unit above it (the people whose jurisdiction covers it)."""
    return list(
        User.objects.filter(is_active=True, role__in=list(roles), org__path__in=ancestor_paths(org.path))
    )


def users_at(orgs, roles=None) -> list[User]:
    """Active staff at these units or below them (the affected ports)."""
    paths = [o.path for o in orgs]
    if not paths:
        return []
    q = Q()
    for path in paths:
        q |= Q(org__path__startswith=path)
    qs = User.objects.filter(q, is_active=True).exclude(role__in=[Role.ENTERPRISE, Role.SYSTEM])
    if roles:
        qs = qs.filter(role__in=list(roles))
    return list(qs)


def notify(*, recipients, kind: str, text: str, url: str = "", count: int = 1, now=None) -> int:
    """Add a notice for each recipient, merging it into their unread digest of the same kind if recent."""
    now = now or timezone.now()
    since = now - dt.timedelta(minutes=digest_minutes())
    people = {u.pk: u for u in recipients}
    if not people:
        return 0
    open_digests: dict[int, InboxMessage] = {}
    for message in InboxMessage.objects.filter(
        recipient_id__in=list(people), kind=kind, read_at=None, created_at__gte=since
    ).order_by("-id"):
        open_digests.setdefault(message.recipient_id, message)
    item = {"text": text[:255], "url": url, "at": now.isoformat()}
    fresh, merged = [], []
    for pk in people:
        message = open_digests.get(pk)
        if message is None:
            fresh.append(
                InboxMessage(
                    recipient_id=pk,
                    kind=kind,
                    title=text[:255],
                    items=[item],
                    item_count=count,
                    url=url,
                    created_at=now,
                    updated_at=now,
                )
            )
            continue
        message.items = ([item] + list(message.items))[:MAX_ITEMS]
        message.item_count += count
        message.title = text[:255]
        message.updated_at = now
        merged.append(message)
    InboxMessage.objects.bulk_create(fresh)
    InboxMessage.objects.bulk_update(merged, ["items", "item_count", "title", "updated_at"])
    return len(people)


def inbox_mark_read(*, user, message_id: int | None = None, now=None) -> int:
    qs = InboxMessage.objects.filter(recipient=user, read_at=None)
    if message_id is not None:
        qs = qs.filter(pk=message_id)
    return qs.update(read_at=now or timezone.now())
