"""Services to enterprises (帮扶): the unit's list with a form to record a meeting or training."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from guomen.core.errors import ApplicationError, PermissionDenied, ValidationFailed
from guomen.core.permissions import require
from guomen.registry.models import Enterprise

from .. import selectors, services
from ..choices import ServiceKind


def _date(value):
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        return None


def parse_attendance(text: str) -> list[tuple]:
    """One enterprise a line: “USCC, attendees, names” (attendees and names may be left out)."""
    rows = []
    for number, line in enumerate(str(text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.replace("，", ",").split(",", 2)]
        enterprise = Enterprise.objects.filter(uscc=parts[0].upper()).select_related("org").first()
        if enterprise is None:
            raise ValidationFailed(
                fields={"attendance": [_("Line %(n)d: no enterprise has this code.") % {"n": number}]}
            )
        try:
            attendees = int(parts[1]) if len(parts) > 1 and parts[1] else 1
        except ValueError:
            raise ValidationFailed(
                fields={
                    "attendance": [_("Line %(n)d: the number of attendees is not a number.") % {"n": number}]
                }
            ) from None
        rows.append((enterprise, attendees, parts[2] if len(parts) > 2 else ""))
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def service_list(request):
    require(request.user, "supervision.service.record")
    errors, data = {}, {}
    if request.method == "POST":
        data = request.POST
        try:
            service = services.enterprise_service_record(
                kind=data.get("kind", ""),
                title=data.get("title", ""),
                held_on=_date(data.get("held_on")),
                topics=data.get("topics", ""),
                place=data.get("place", ""),
                hosts=data.get("hosts", ""),
                attendance=parse_attendance(data.get("attendance", "")),
                actor=request.user,
            )
            messages.success(request, _("Recorded: %(t)s.") % {"t": service.title})
            return redirect("supervision:services")
        except PermissionDenied:
            raise
        except ApplicationError as exc:
            errors = exc.fields or {"form": [str(exc.message)]}
    context = {
        "services": selectors.service_list(user=request.user)[:100],
        "kinds": ServiceKind.choices,
        "errors": errors,
        "data": data,
    }
    return render(request, "supervision/services.html", context, status=422 if errors else 200)
