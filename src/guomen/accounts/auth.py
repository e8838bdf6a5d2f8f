"""API authentication: X-API-Key for system clients, the session for browser users."""

import hashlib
import secrets

from django.utils import timezone
from ninja.security import APIKeyHeader
from ninja.security import SessionAuth as NinjaSessionAuth

from .models import ApiKey

KEY_PREFIX = "gm_"


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def user_for_key(raw: str):
    if not raw or not raw.startswith(KEY_PREFIX):
        return None
    key = (
        ApiKey.objects.select_related("user", "user__org", "user__enterprise")
        .filter(key_hash=hash_key(raw), revoked_at__isnull=True)
        .first()
    )
    if key is None or not key.user.is_active:
        return None
    now = timezone.now()
    if key.last_used_at is None or (now - key.last_used_at).total_seconds() > 60:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key.user


class ApiKeyAuth(APIKeyHeader):
    param_name = "X-API-Key"

    def authenticate(self, request, key):
        user = user_for_key(key)
        if user is not None:
            request.user = user
        return user


class SessionAuth(NinjaSessionAuth):
    """Session users; CSRF is checked for unsafe methods as Django does for forms."""
