"""Services to enterprises (帮扶): quality analysis meetings, training, assistance visits, one-enterprise policies,
recorded with who held them, when, the topics and the enterprises that attended. Audited."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.core.permissions import org_in_scope, require
from guomen.core.services import audit_record

from ..choices import ServiceKind
from ..models import EnterpriseService, ServiceAttendance

MAX_ATTENDING = 500


def _text(value, field: str, limit: int, *, required: bool) -> str:
    value = str(value or "").strip()
    if required and not value:
        raise ValidationFailed(fields={field: [_("This field is required.")]})
    if len(value) > limit:
        raise ValidationFailed(fields={field: [_("At most %(n)d characters.") % {"n": limit}]})
    return value


def _attendance(actor, rows) -> list[tuple]:
    """(enterprise, attendees, names) rows: each enterprise of the actor's jurisdiction, once, 1–999 people."""
    rows = list(rows or [])
    if not rows:
        raise ValidationFailed(fields={"attendance": [_("Name at least one enterprise that attended.")]})
    if len(rows) > MAX_ATTENDING:
        raise ValidationFailed(
            fields={"attendance": [_("At most %(n)d enterprises.") % {"n": MAX_ATTENDING}]}
        )
    seen, clean = set(), []
    for enterprise, attendees, names in rows:
        if enterprise is None or not org_in_scope(actor, enterprise.org):
            raise ValidationFailed(fields={"attendance": [_("Name enterprises of your jurisdiction.")]})
        if enterprise.pk in seen:
            raise ValidationFailed(
                fields={"attendance": [_("%(e)s is named twice.") % {"e": enterprise.uscc}]}
            )
        if not isinstance(attendees, int) or not 1 <= attendees <= 999:
            raise ValidationFailed(
                fields={
                    "attendance": [_("%(e)s: give the number of attendees (1–999).") % {"e": enterprise.uscc}]
                }
            )
        seen.add(enterprise.pk)
        clean.append((enterprise, attendees, str(names or "").strip()[:255]))
    return clean


@transaction.atomic
def enterprise_service_record(
    *,
    kind: str,
    title: str,
    held_on,
    topics: str,
    attendance,
    actor,
    org=None,
    place: str = "",
    hosts: str = "",
) -> EnterpriseService:
    """Record a service held for enterprises; `attendance` is (enterprise, attendees, names) rows."""
    require(actor, "supervision.service.record")
    org = org or actor.org
    if org is None or not org_in_scope(actor, org):
        raise PermissionDenied(_("This unit is outside your jurisdiction."))
    errors = {}
    if kind not in ServiceKind.values:
        errors["kind"] = [
            _("Choose a quality analysis meeting, a training, an assistance visit or a policy.")
        ]
    if not isinstance(held_on, dt.date):
        errors["held_on"] = [_("Enter the date as YYYY-MM-DD.")]
    elif held_on > timezone.localdate():
        errors["held_on"] = [_("The date must not be in the future.")]
    if errors:
        raise ValidationFailed(fields=errors)
    service = EnterpriseService.objects.create(
        org=org,
        kind=kind,
        held_on=held_on,
        recorded_by=actor,
        title=_text(title, "title", 200, required=True),
        topics=_text(topics, "topics", 4000, required=True),
        place=_text(place, "place", 200, required=False),
        hosts=_text(hosts, "hosts", 255, required=False),
    )
    rows = _attendance(actor, attendance)
    ServiceAttendance.objects.bulk_create(
        [ServiceAttendance(service=service, enterprise=e, attendees=n, names=names) for e, n, names in rows]
    )
    audit_record(
        actor=actor,
        verb="service.recorded",
        obj=service,
        org_path=org.path,
        after={
            "kind": kind,
            "title": service.title,
            "held_on": str(held_on),
            "attendance": {e.uscc: n for e, n, _names in rows},
        },
    )
    return service
