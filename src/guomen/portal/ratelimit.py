"""Per-client limits for public forms and lookups, counted in the database (fixed windows) so that every server
worker shares one count and a restart does not reset it.

Limits are configurable: settings.GUOMEN_RATE_LIMITS = {"complaint_submit": (5, 3600), ...}
(count per window in seconds). Clients are told how long to wait; nothing they typed is lost.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from guomen.accounts import throttle
from guomen.core.errors import ApplicationError

DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "complaint_submit": (5, 3600),
    "complaint_track": (30, 600),
    "consignment_lookup": (10, 600),
    "public_search": (120, 60),
    "public_export": (30, 600),
}


class RateLimited(ApplicationError):
    status = 429
    code = "rate_limited"


@dataclass(frozen=True)
class Limit:
    count: int
    window: int


def limit_for(scope: str) -> Limit:
    configured = getattr(settings, "GUOMEN_RATE_LIMITS", {}) or {}
    count, window = configured.get(scope, DEFAULT_LIMITS[scope])
    return Limit(int(count), int(window))


def client_id(request) -> str:
    """Who is asking: the address (or the configured proxy header), hashed so no address is stored."""
    header = getattr(settings, "GUOMEN_CLIENT_IP_HEADER", "")
    raw = ""
    if header:
        raw = request.META.get(header, "").split(",")[0].strip()
    raw = raw or request.META.get("REMOTE_ADDR", "") or "unknown"
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def _key(scope: str, client: str) -> str:
    return f"rl:{scope}:{client}"


def _refuse(remaining: int):
    minutes = max(1, -(-remaining // 60))
    raise RateLimited(
        _("Too many attempts from your connection. Please try again in %(minutes)s minutes.")
        % {"minutes": minutes},
        fields={"__all__": [_("Rate limit reached.")]},
    )


def check(scope: str, client: str) -> None:
    """Refuse when the client has used up this window's allowance (does not count)."""
    used, remaining = throttle.current(_key(scope, client))
    if used >= limit_for(scope).count:
        _refuse(remaining)


def hit(scope: str, client: str) -> None:
    """Count one attempt; refuse if it goes over the allowance."""
    limit = limit_for(scope)
    used, remaining = throttle.hit(_key(scope, client), limit.window)
    if used > limit.count:
        _refuse(remaining)


def number_and_code_lookup(request, *, form_class, find, not_found: str, template: str):
    """A public page that finds a record by its number and the verification code printed on it (the consignment
    status, an export certificate): from a POSTed form or from the query of a QR code; wrong guesses are
    limited per client."""
    from django.shortcuts import render

    from guomen.core.errors import ApplicationError, NotFound

    query = request.GET if {"number", "code"} <= set(request.GET) else None
    form = form_class(request.POST or query)
    context, status = {"form": form}, 200
    if (request.method == "POST" or query is not None) and form.is_valid():
        client = client_id(request)
        try:
            check("consignment_lookup", client)
            context["found"] = find(number=form.cleaned_data["number"], code=form.cleaned_data["code"])
        except NotFound:
            message, status = not_found, 404
            try:
                hit("consignment_lookup", client)
            except ApplicationError as limited:
                message, status = limited.message, limited.status
            form.add_error(None, message)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
            status = exc.status
    return render(request, template, context, status=status)
