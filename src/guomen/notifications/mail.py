"""E-mail of notifications through Django's e-mail backend: at once (one mail per user per burst) and the
daily digest (one mail per user for everything waiting). Both are idempotent: a row is claimed (its
`emailed_at` set) in the transaction that hands its mail to the backend, so a second run, a retry or a
concurrent run finds nothing left to send, and a failed send leaves the rows waiting for the next run.

Mails are written in the bureau's language (LANGUAGE_CODE, Chinese); links are absolute with
GUOMEN_SITE_URL. Rows of users deactivated since are dropped from e-mail (delivery "off"), never sent.
"""

import logging
from collections import Counter, defaultdict

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guomen.accounts.models import User

from .choices import Delivery, Kind
from .messages import render
from .models import Notification

logger = logging.getLogger("guomen.notifications")

CHUNK = 100  # users per transaction and per hand-over to the e-mail backend
LINES_PER_MAIL = 50  # a digest lists the newest 50 and counts the rest per kind
FIELDS = ("id", "recipient_id", "kind", "params", "url", "created_at")


def site_url() -> str:
    return str(getattr(settings, "GUOMEN_SITE_URL", "") or "http://127.0.0.1:8000").rstrip("/")


def _absolute(url: str) -> str:
    return f"{site_url()}{url}" if url.startswith("/") else url


def _compose(user, rows: list[dict], *, digest: bool) -> EmailMessage:
    rows = sorted(rows, key=lambda r: r["id"], reverse=True)
    language, tz = settings.LANGUAGE_CODE, timezone.get_current_timezone()
    with translation.override(language):
        lines = []
        for row in rows[:LINES_PER_MAIL]:
            subject, body = render(row["kind"], row["params"], language=language)
            when = row["created_at"].astimezone(tz).strftime("%Y-%m-%d %H:%M")
            lines.append(f"· {when} {subject}\n  {body}\n  {_absolute(row['url'])}".rstrip())
        rest = rows[LINES_PER_MAIL:]
        if rest:
            counts = Counter(r["kind"] for r in rest)
            more = "；".join(
                f"{Kind(k).label if k in Kind.values else k} {n}" for k, n in sorted(counts.items())
            )
            lines.append(
                ngettext("… and %(n)d more: %(kinds)s", "… and %(n)d more: %(kinds)s", len(rest))
                % {"n": len(rest), "kinds": more}
            )
        if digest or len(rows) > 1:
            subject = ngettext(
                "Guomen: %(n)d new notification", "Guomen: %(n)d new notifications", len(rows)
            ) % {"n": len(rows)}
        else:
            subject = _("Guomen: %(subject)s") % {"subject": render(rows[0]["kind"], rows[0]["params"])[0]}
        footer = _("All notifications and your e-mail preferences: %(url)s") % {
            "url": _absolute("/notifications/")
        }
        greeting = _("Hello %(name)s,") % {"name": str(user)}
        body = "\n\n".join([greeting, *lines, footer])
    return EmailMessage(subject=subject, body=body, to=[user.email])


def _send(delivery: str, *, user_ids=None, cutoff=None, connection=None) -> dict:
    """Send each user's waiting rows of this delivery as one mail; returns counts.

    Users are taken CHUNK at a time: their rows are claimed and their mails handed to the backend (one
    connection) in one transaction, so a failing send leaves the whole chunk waiting for the next run."""
    now = timezone.now()
    pending = Notification.objects.filter(delivery=delivery, emailed_at=None)
    if user_ids is not None:
        pending = pending.filter(recipient_id__in=list(user_ids))
    if cutoff is not None:
        pending = pending.filter(created_at__lte=cutoff)
    by_user: dict[int, list[dict]] = defaultdict(list)
    for row in pending.order_by("recipient_id", "id").values(*FIELDS).iterator(chunk_size=5000):
        by_user[row["recipient_id"]].append(row)
    if not by_user:
        return {"mails": 0, "notifications": 0, "skipped": 0}
    users = User.objects.filter(pk__in=list(by_user)).only("username", "display_name", "email", "is_active")
    users = {u.pk: u for u in users}
    connection = connection or get_connection()
    mails = sent = skipped = 0
    order = list(by_user)
    for start in range(0, len(order), CHUNK):
        with transaction.atomic():
            messages = []
            for user_id in order[start : start + CHUNK]:
                user, rows = users.get(user_id), by_user[user_id]
                # this run's rows of one user: waiting, up to the newest one read above
                claim = pending.filter(recipient_id=user_id, id__gte=rows[0]["id"], id__lte=rows[-1]["id"])
                if user is None or not user.is_active or not user.email:
                    skipped += claim.update(delivery=Delivery.OFF)
                    continue
                count = claim.update(emailed_at=now)
                if not count:  # another run sent them already
                    continue
                messages.append(_compose(user, rows, digest=delivery == Delivery.DIGEST))
                sent += count
            if messages:
                connection.send_messages(messages)
                mails += len(messages)
    return {"mails": mails, "notifications": sent, "skipped": skipped}


def send_immediate(*, user_ids) -> dict:
    """Everything due at once for these users, one mail each (queued after the commit that created it)."""
    return _send(Delivery.IMMEDIATE, user_ids=user_ids)


def send_digests(*, now=None, connection=None) -> dict:
    """The digest: one mail per user for every digest notification created up to `now`. Idempotent."""
    result = _send(Delivery.DIGEST, cutoff=now or timezone.now(), connection=connection)
    logger.info("digest: %(mails)d mails, %(notifications)d notifications", result)
    return result
