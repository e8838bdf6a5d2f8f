"""API authentication: X-API-Key for system clients, the session for browser users.

A key's row and its user (with unit and enterprise) are kept in memory by each server process for `KEY_TTL`
seconds (core.refcache), so a system client's request spends no statement on its key. The cache is emptied at
once in the process that saves a key, a user, a unit or an enterprise, or revokes a key or deactivates a user
(`api_keys_forget`); other processes refuse a revoked key or a deactivated user within `KEY_TTL` seconds.
"""

import copy
import hashlib
import secrets
import time

from django.db import transaction
from django.utils import timezone
from ninja.security import APIKeyHeader
from ninja.security import SessionAuth as NinjaSessionAuth

from guomen.core.refcache import ReferenceCache

from .models import ApiKey, OrgUnit, User

KEY_PREFIX = "gm_"
KEY_TTL = 10.0  # seconds another process may still accept a key revoked (or a user deactivated) elsewhere
_KEYS = ReferenceCache(
    "accounts.api_keys",
    (ApiKey, User, OrgUnit, User._meta.get_field("enterprise").related_model),
    ttl=KEY_TTL,
)


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def api_keys_forget() -> None:
    """Forget the keys this process holds, now and when the current transaction commits (after a revocation
    or a deactivation written with `update()`, which sends no signal)."""
    _KEYS.clear()
    transaction.on_commit(_KEYS.clear)


def _load_key(key_hash: str):
    key = (
        ApiKey.objects.select_related("user", "user__org", "user__enterprise")
        .filter(key_hash=key_hash, revoked_at__isnull=True)
        .first()
    )
    if key is None or not key.user.is_active:
        return None
    return key


def user_for_key(raw: str):
    if not raw or not raw.startswith(KEY_PREFIX):
        return None
    key = _KEYS.get(hash_key(raw), lambda: _load_key(hash_key(raw)))
    if key is None:
        return None
    # last used: written at most once a minute per key and process
    last = getattr(key, "_last_written", None)
    if last is None or time.monotonic() - last > 60:
        now = timezone.now()
        if key.last_used_at is None or (now - key.last_used_at).total_seconds() > 60:
            ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
            key.last_used_at = now
        key._last_written = time.monotonic()
    return copy.copy(key.user)  # each request its own instance (the cached one is shared by threads)


class ApiKeyAuth(APIKeyHeader):
    param_name = "X-API-Key"

    def authenticate(self, request, key):
        user = user_for_key(key)
        if user is not None:
            request.user = user
        return user


class SessionAuth(NinjaSessionAuth):
    """Session users; CSRF is checked for unsafe methods as Django does for forms."""
