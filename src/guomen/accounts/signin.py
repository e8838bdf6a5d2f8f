"""Sign-in throttling: after too many failed passwords an account, or an address, is locked for a while and even
the right password is refused until then. Limits: settings.GUOMEN_SIGNIN_LIMITS."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from . import throttle

DEFAULTS = {"account": (5, 900), "address": (20, 900)}  # failures allowed per window (seconds)


@dataclass(frozen=True)
class Lockout:
    minutes: int

    @property
    def message(self) -> str:
        return _(
            "Too many failed sign-in attempts. This account or connection is locked; try again in %(minutes)d "
            "minutes."
        ) % {"minutes": self.minutes}


def _limit(kind: str) -> tuple[int, int]:
    configured = getattr(settings, "GUOMEN_SIGNIN_LIMITS", {}) or {}
    count, window = configured.get(kind, DEFAULTS[kind])
    return int(count), int(window)


def _keys(username: str, request) -> dict[str, str]:
    account = hashlib.sha256((username or "").strip().lower().encode()).hexdigest()[:24]
    return {
        "account": f"signin:account:{account}",
        "address": f"signin:address:{throttle.address_of(request)}",
    }


def lockout(username: str, request) -> Lockout | None:
    """The lockout in force for this account or address, if any."""
    for kind, key in _keys(username, request).items():
        allowed, _window = _limit(kind)
        count, remaining = throttle.current(key)
        if count >= allowed:
            return Lockout(minutes=max(1, -(-remaining // 60)))
    return None


def record_failure(username: str, request) -> None:
    for kind, key in _keys(username, request).items():
        throttle.hit(key, _limit(kind)[1])


def record_success(username: str, request) -> None:
    throttle.clear(_keys(username, request)["account"])


class ThrottledModelBackend(ModelBackend):
    """Django's backend behind the throttle, so every sign-in path (the login page, /admin/) is held to it."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if lockout(username or "", request) is not None:
            raise PermissionDenied  # stops every backend: the right password is refused too while locked
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            record_failure(username or "", request)
        else:
            record_success(username or "", request)
        return user
