"""Notification reads: a user only ever reads their own rows."""

from django.db.models import QuerySet
from ninja import Field

from guomen.core.filters import FilterSet

from .messages import render
from .models import Notification


class InboxFilters(FilterSet):
    """The inbox's filters: the page (notifications:inbox) and GET /api/v1/notifications."""

    unread: bool = Field(False, description="Only the notifications not read yet")


def inbox(user, *, filters: InboxFilters | None = None, **given) -> QuerySet:
    """The user's own notifications, newest first."""
    f = filters or InboxFilters(**given)
    qs = Notification.objects.filter(recipient_id=user.pk)
    if f.unread:
        qs = qs.filter(read_at=None)
    return qs.order_by("-created_at", "-id")


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at=None).count()


def notification_get(user, pk: int) -> Notification | None:
    return Notification.objects.filter(recipient_id=user.pk, pk=pk).first()


def rendered(notifications) -> list[dict]:
    """Each notification with its subject and body in the active language."""
    out = []
    for n in notifications:
        subject, body = render(n.kind, n.params)
        out.append({"n": n, "id": n.pk, "subject": subject, "body": body, "unread": n.read_at is None})
    return out
