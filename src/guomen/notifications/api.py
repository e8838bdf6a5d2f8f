"""Notifications API (/api/v1/notifications): the caller's own inbox and marking it read."""

import datetime as dt
from typing import Annotated

from ninja import Field, Query, Router, Schema

from guomen.core.pagination import paginated
from guomen.core.permissions import require

from . import selectors, services
from .messages import render

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    kind_label: str
    subject: str
    body: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_subject(obj) -> str:
        return render(obj.kind, obj.params)[0]

    @staticmethod
    def resolve_body(obj) -> str:
        return render(obj.kind, obj.params)[1]


class NotificationsReadIn(Schema):
    ids: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] | None = Field(
        None, max_length=500, description="Omit to mark every unread one read."
    )


class NotificationsReadOut(Schema):
    marked: int
    unread: int


class NotificationsUnreadOut(Schema):
    unread: int


@router.get("", response=list[NotificationOut], summary="My notifications, newest first")
@paginated
def notification_list(request, filters: Query[selectors.InboxFilters]):
    require(request.auth, "notification.view")
    return selectors.inbox(request.auth, filters=filters)


@router.get("/unread-count", response=NotificationsUnreadOut, summary="How many of mine are unread")
def notification_unread(request):
    require(request.auth, "notification.view")
    return {"unread": selectors.unread_count(request.auth)}


@router.post("/read", response=NotificationsReadOut, summary="Mark my notifications read")
def notification_read(request, payload: NotificationsReadIn):
    require(request.auth, "notification.view")
    marked = services.notification_mark_read(user=request.auth, ids=payload.ids)
    return {"marked": marked, "unread": selectors.unread_count(request.auth)}
