"""Attempt counters shared by every server worker (database rows, fixed windows): sign-in throttling per account
and per address, and the public pages' rate limits. Nothing here lives in one process's memory."""

import datetime as dt
import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import Throttle


def hit(key: str, window_seconds: int) -> tuple[int, int]:
    """Count one attempt under `key`; returns (attempts in the current window, seconds until it ends)."""
    now = timezone.now()
    with transaction.atomic():
        if not Throttle.objects.filter(key=key, window_ends__gt=now).update(count=F("count") + 1):
            ends = now + dt.timedelta(seconds=window_seconds)
            if not Throttle.objects.filter(key=key).update(count=1, window_ends=ends):
                try:
                    with transaction.atomic():
                        Throttle.objects.create(key=key, count=1, window_ends=ends)
                except IntegrityError:  # another worker created it a moment ago
                    Throttle.objects.filter(key=key).update(count=F("count") + 1)
                Throttle.objects.filter(window_ends__lt=now - dt.timedelta(days=1)).delete()
        row = Throttle.objects.filter(key=key).values_list("count", "window_ends").first()
    count, ends = row if row else (1, now)
    return count, max(1, int((ends - now).total_seconds()))


def current(key: str) -> tuple[int, int]:
    """(attempts in the current window, seconds until it ends) without counting one."""
    now = timezone.now()
    row = Throttle.objects.filter(key=key, window_ends__gt=now).values_list("count", "window_ends").first()
    if row is None:
        return 0, 0
    return row[0], max(1, int((row[1] - now).total_seconds()))


def clear(key: str) -> None:
    Throttle.objects.filter(key=key).delete()


def address_of(request) -> str:
    """The client's address (or the configured proxy header's first value), hashed so no address is stored."""
    header = getattr(settings, "GUOMEN_CLIENT_IP_HEADER", "")
    raw = ""
    if header and request is not None:
        raw = request.META.get(header, "").split(",")[0].strip()
    if not raw and request is not None:
        raw = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256((raw or "unknown").encode()).hexdigest()[:24]
