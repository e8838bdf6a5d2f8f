"""Complaint writes: public intake, triage, reply, closure and deadline reminders. All audited."""

import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.accounts.models import OrgUnit, User
from guomen.core.errors import PermissionDenied, ValidationFailed, validation_error_from_django
from guomen.core.permissions import can, org_in_scope, require
from guomen.core.services import audit_record, model_snapshot
from guomen.core.workflow import transition
from guomen.registry.choices import EnterpriseKind

from .choices import COMPLAINT_TRANSITIONS, OPEN_STATUSES, Category, ComplaintStatus, Outcome
from .models import Complaint, ComplaintPhoto
from .uploads import check_photos
from .workdays import add_working_days, reminder_days, response_days, working_days_between

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PUBLIC_FIELDS = ["kind", "product", "place", "enterprise_name", "enterprise", "org", "status", "due_on"]
KEEP = object()  # complaint_triage(enterprise=KEEP): the enterprise on file stays as it is


def new_tracking_code() -> str:
    return "TS" + "".join(secrets.choice(CODE_ALPHABET) for _i in range(10))


def receiving_org(org: OrgUnit | None = None) -> OrgUnit:
    """The unit a new complaint goes to: the one the person chose, else the top of the tree."""
    if org is not None:
        return org
    root = OrgUnit.objects.filter(parent__isnull=True).order_by("path").first()
    if root is None:
        raise ValidationFailed(fields={"org": [_("No unit can receive complaints yet.")]})
    return root


def _clean(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise validation_error_from_django(exc) from exc


def _check_agency(agency, field: str = "agency") -> None:
    if agency is not None and agency.kind != EnterpriseKind.INSPECTION_AGENCY:
        raise ValidationFailed(fields={field: [_("Choose an inspection agency on file.")]})


def _tell_agency_supervisors(complaint: Complaint) -> None:
    """A complaint against an inspection agency goes to the supervisors of the agency's supervising unit."""
    from django.urls import reverse

    from guomen.notifications.choices import Kind
    from guomen.notifications.services import notify

    people = User.objects.filter(
        is_active=True, org=complaint.org, role__in=(Role.SUPERVISOR, Role.LEADER)
    ).select_related("org")
    notify(
        recipients=list(people),
        kind=Kind.QUEUE_ITEM,
        params={"item": f"12365 {complaint.tracking_code} · {complaint.enterprise.name_zh}"},
        url=reverse("complaints:detail", args=[complaint.pk]),
        ref=f"complaints.complaint:{complaint.pk}:agency:{complaint.enterprise_id}",
    )


@transaction.atomic
def complaint_submit(
    *,
    data: dict,
    photos: list[tuple[str, bytes]] = (),
    org: OrgUnit | None = None,
    client: str = "",
    agency=None,
) -> Complaint:
    """A complaint from the public; returns it with its tracking code and reply deadline. A complaint against
    an inspection agency (`agency`, an enterprise of that kind) names it and goes to the agency's supervising
    unit, whose supervisors are told."""
    _check_agency(agency)
    checked = check_photos(list(photos))
    description = (data.get("description") or "").strip()
    if len(description) < 10:
        raise ValidationFailed(
            fields={"description": [_("Describe what happened in at least 10 characters.")]}
        )
    now = timezone.now()
    fields = ("kind", "product", "place", "enterprise_name", "contact_name", "contact_phone", "contact_email")
    values = {k: (data.get(k) or "").strip() for k in fields}
    if agency is not None:
        values["enterprise_name"] = values["enterprise_name"] or agency.name_zh
    complaint = Complaint(
        **values,
        description=description,
        enterprise=agency,
        org=agency.org if agency is not None else receiving_org(org),
        client_hash=client[:32],
        received_at=now,
        due_on=add_working_days(timezone.localdate(now), response_days()),
        tracking_code=new_tracking_code(),
    )
    _clean(complaint)
    complaint.save(force_insert=True)
    for photo in checked:
        item = ComplaintPhoto(complaint=complaint, content_type=photo.content_type, size=len(photo.data))
        item.image.save(photo.name, ContentFile(photo.data), save=True)
    audit_record(
        actor=None,
        verb="complaint.received",
        obj=complaint,
        org_path=complaint.org.path,
        after={**model_snapshot(complaint, PUBLIC_FIELDS), "photos": len(checked)},
    )
    if agency is not None:
        _tell_agency_supervisors(complaint)
    return complaint


def _check_assignee(assignee: User | None, org: OrgUnit) -> None:
    if assignee is None:
        return
    if not can(assignee, "complaint.reply") or not org_in_scope(assignee, org):
        raise ValidationFailed(
            fields={"assignee": [_("The assignee must be staff of the handling unit who may reply.")]}
        )


@transaction.atomic
def complaint_triage(
    *,
    complaint: Complaint,
    category: str,
    org: OrgUnit,
    actor,
    assignee: User | None = None,
    enterprise=KEEP,
    hs=None,
    expected_version: int | None = None,
) -> Complaint:
    """Classify, route to a unit and assign. A product-safety complaint becomes a risk signal. Naming an
    inspection agency as the enterprise complained about routes the complaint to the agency's supervising unit
    (whose supervisors are told); `enterprise=None` takes the enterprise off, KEEP leaves it."""
    require(actor, "complaint.triage")
    enterprise = complaint.enterprise if enterprise is KEEP else enterprise
    against_agency = enterprise is not None and enterprise.kind == EnterpriseKind.INSPECTION_AGENCY
    if against_agency:
        org = enterprise.org
        if assignee is not None and not org_in_scope(assignee, org):
            assignee = None  # the agency's unit assigns its own officer
    if not org_in_scope(actor, complaint.org) or not (against_agency or org_in_scope(actor, org)):
        raise PermissionDenied()
    if category not in Category.values:
        raise ValidationFailed(fields={"category": [_("Choose a category.")]})
    if complaint.status not in OPEN_STATUSES:
        raise ValidationFailed(fields={"status": [_("Only open complaints can be triaged.")]})
    _check_assignee(assignee, org)
    changes = {
        "category": category,
        "org_id": org.pk,
        "assignee_id": getattr(assignee, "pk", None),
        "enterprise_id": getattr(enterprise, "pk", None),
    }
    if complaint.status == ComplaintStatus.RECEIVED:
        transition(
            complaint,
            to=ComplaintStatus.IN_PROGRESS,
            allowed=COMPLAINT_TRANSITIONS,
            actor=actor,
            verb="complaint.triaged",
            expected_version=expected_version,
            org_path=org.path,
            extra_fields=changes,
        )
    else:
        before = {k: getattr(complaint, k) for k in changes}
        for k, v in changes.items():
            setattr(complaint, k, v)
        complaint.version += 1
        complaint.save()
        audit_record(
            actor=actor,
            verb="complaint.retriaged",
            obj=complaint,
            org_path=org.path,
            before=before,
            after=changes,
        )
    complaint.refresh_from_db()
    if against_agency:
        _tell_agency_supervisors(complaint)  # once per supervisor and agency (the notification's dedup key)
    if category == Category.PRODUCT_SAFETY:
        _signal(complaint, actor, hs)
    return complaint


def _signal(complaint: Complaint, actor, hs) -> None:
    from guomen.risk.services import signal_record

    signal_record(
        source="complaint",
        source_ref=f"complaints.complaint:{complaint.pk}",
        title=_("Consumer complaint about %(product)s") % {"product": complaint.product},
        description=complaint.description,
        org=complaint.org,
        actor=actor,
        occurred_on=timezone.localdate(complaint.received_at),
        enterprise=complaint.enterprise,
        hs=hs,
    )


def _require_handler(actor, complaint: Complaint) -> None:
    require(actor, "complaint.reply")
    if not org_in_scope(actor, complaint.org):
        raise PermissionDenied()
    if not can(actor, "complaint.triage") and complaint.assignee_id != actor.pk:
        raise PermissionDenied(_("Only the assigned officer or a supervisor may reply."))


@transaction.atomic
def complaint_reply(
    *, complaint: Complaint, reply: str, actor, expected_version: int | None = None
) -> Complaint:
    """Send the reply the complainant sees on the tracking page."""
    _require_handler(actor, complaint)
    if len((reply or "").strip()) < 2:
        raise ValidationFailed(fields={"reply": [_("Write a reply for the complainant.")]})
    return transition(
        complaint,
        to=ComplaintStatus.REPLIED,
        allowed=COMPLAINT_TRANSITIONS,
        actor=actor,
        verb="complaint.replied",
        expected_version=expected_version,
        org_path=complaint.org.path,
        extra_fields={"reply": reply.strip(), "replied_at": timezone.now()},
    )


@transaction.atomic
def complaint_close(
    *, complaint: Complaint, outcome: str, actor, note: str = "", expected_version: int | None = None
) -> Complaint:
    """Close with an outcome. Only a complaint closed as invalid may skip the reply."""
    require(actor, "complaint.close")
    if not org_in_scope(actor, complaint.org):
        raise PermissionDenied()
    if outcome not in Outcome.values:
        raise ValidationFailed(fields={"outcome": [_("Choose an outcome.")]})
    if complaint.status != ComplaintStatus.REPLIED and outcome != Outcome.INVALID:
        raise ValidationFailed(
            fields={"outcome": [_("Reply to the complainant first, or close it as duplicate or invalid.")]}
        )
    return transition(
        complaint,
        to=ComplaintStatus.CLOSED,
        allowed=COMPLAINT_TRANSITIONS,
        actor=actor,
        verb="complaint.closed",
        reason=note,
        expected_version=expected_version,
        org_path=complaint.org.path,
        extra_fields={"outcome": outcome, "closing_note": note.strip(), "closed_at": timezone.now()},
    )


def complaint_send_reminders(*, today=None) -> dict:
    """Flag open complaints whose deadline is near or past, once a day each (an audited reminder)."""
    today = today or timezone.localdate()
    soon, overdue = 0, 0
    candidates = Complaint.objects.filter(status__in=OPEN_STATUSES).exclude(reminded_on=today)
    for complaint in candidates.select_related("org").iterator():
        left = working_days_between(today, complaint.due_on)
        if left > reminder_days():
            continue
        late = complaint.due_on < today
        with transaction.atomic():
            Complaint.objects.filter(pk=complaint.pk).update(reminded_on=today)
            audit_record(
                actor=None,
                verb="complaint.overdue" if late else "complaint.reminder",
                obj=complaint,
                org_path=complaint.org.path,
                after={"due_on": complaint.due_on, "working_days_left": left},
            )
        overdue += late
        soon += not late
    return {"due_soon": soon, "overdue": overdue}
