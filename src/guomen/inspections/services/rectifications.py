"""Rectification requests to enterprises (整改通知): issue, answer, close or reopen, and overdue reminders."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed
from guomen.core.permissions import org_in_scope, require
from guomen.core.services import audit_record, model_snapshot
from guomen.core.workflow import transition

from ..choices import RECTIFICATION_TRANSITIONS, RectificationOutcome, RectificationStatus
from ..models import RectificationAnswer, RectificationRequest
from .evidence import evidence_check_all, evidence_store

RS = RectificationStatus


def _text(value, field: str, limit: int, *, required: bool, message: str = "") -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(fields={field: message or _("This field is required.")})
    if len(value) > limit:
        raise ValidationFailed(fields={field: _("At most %(n)d characters.") % {"n": limit}})
    return value


@transaction.atomic
def rectification_create(
    *,
    enterprise,
    subject: str,
    due_date,
    actor,
    details: str = "",
    task=None,
    owner=None,
    org=None,
    violation=None,
) -> RectificationRequest:
    """Ask an enterprise to put something right by a deadline; the owner follows it up."""
    require(actor, "rectification.create")
    org = org or (task.port if task else actor.org)
    if org is None or not org_in_scope(actor, org):
        raise PermissionDenied(_("This unit is outside your jurisdiction."))
    errors = {}
    if enterprise is None:
        errors["enterprise"] = _("Choose the enterprise.")
    if not isinstance(due_date, dt.date):
        errors["due_date"] = _("Enter the deadline as YYYY-MM-DD.")
    elif due_date < timezone.localdate():
        errors["due_date"] = _("The deadline cannot be in the past.")
    if owner is not None and (owner.role == Role.ENTERPRISE or not org_in_scope(owner, org)):
        errors["owner"] = _("The owner must be staff of this unit or above it.")
    if violation is not None and (
        enterprise is None or violation.enterprise_id != enterprise.pk or violation.kind != "violation"
    ):
        errors["violation"] = _("Name a violation of this enterprise.")
    if errors:
        raise ValidationFailed(fields=errors)
    request = RectificationRequest.objects.create(
        task=task,
        enterprise=enterprise,
        org=org,
        subject=_text(subject, "subject", 200, required=True, message=_("Say what must be put right.")),
        details=_text(details, "details", 4000, required=False),
        due_date=due_date,
        owner=owner or actor,
        violation=violation,
    )
    audit_record(
        actor=actor,
        verb="rectification.create",
        obj=request,
        org_path=org.path,
        after=model_snapshot(request, ["enterprise", "subject", "due_date", "owner", "task", "violation"]),
    )
    return request


def _own_enterprise(actor, request) -> None:
    if actor.role != Role.ENTERPRISE or actor.enterprise_id != request.enterprise_id:
        raise PermissionDenied(_("Only the enterprise concerned can answer this request."))


def _staff_in_scope(actor, request) -> None:
    require(actor, "rectification.create")
    if not org_in_scope(actor, request.org):
        raise PermissionDenied(_("This request belongs to another jurisdiction."))


def _closed_conflict(request) -> None:
    if request.status == RS.CLOSED:
        raise Conflict(_("This rectification request is closed; it can no longer be answered."))


@transaction.atomic
def rectification_answer(
    *, request, answer: str, actor, files=(), expected_version=None
) -> RectificationRequest:
    """The enterprise says what it has done, with files (photos, PDFs, spreadsheets) as evidence."""
    require(actor, "rectification.answer")
    _own_enterprise(actor, request)
    _closed_conflict(request)
    text = _text(answer, "answer", 4000, required=True, message=_("Say what has been put right."))
    checked = evidence_check_all(files)  # every file is checked before anything is saved
    now = timezone.now()
    transition(
        request,
        to=RS.ANSWERED,
        allowed=RECTIFICATION_TRANSITIONS,
        actor=actor,
        verb="rectification.answer",
        reason=text,
        expected_version=expected_version,
        org_path=request.org.path,
        extra_fields={"answer": text, "answered_at": now, "answered_by_id": actor.pk},
    )
    round_no = request.answers.count() + 1
    row = RectificationAnswer.objects.create(
        request=request, round=round_no, text=text, answered_by=actor, answered_at=now
    )
    stored = evidence_store(row, checked, actor=actor)
    if stored:
        audit_record(
            actor=actor,
            verb="rectification.evidence",
            obj=request,
            org_path=request.org.path,
            after={"round": round_no, "files": [f"{f.name} ({f.size_bytes} B)" for f in stored]},
        )
    return request


def _decide_last_answer(request, decision: str, reason: str, actor) -> None:
    last = request.answers.order_by("-round", "-id").first()
    if last is not None and not last.decision:
        RectificationAnswer.objects.filter(pk=last.pk).update(
            decision=decision, decision_reason=reason, decided_by=actor, decided_at=timezone.now()
        )


@transaction.atomic
def rectification_close(*, request, actor, reason: str = "", expected_version=None) -> RectificationRequest:
    """Staff accept the answer (when answered) or withdraw the request (when still open): it is closed.

    An accepted rectification of a recorded violation gives back credit points as the credit scheme says.
    """
    _staff_in_scope(actor, request)
    outcome = (
        RectificationOutcome.ACCEPTED if request.status == RS.ANSWERED else RectificationOutcome.WITHDRAWN
    )
    text = _text(reason, "reason", 2000, required=False)
    transition(
        request,
        to=RS.CLOSED,
        allowed=RECTIFICATION_TRANSITIONS,
        actor=actor,
        verb="rectification.close",
        reason=text,
        expected_version=expected_version,
        org_path=request.org.path,
        extra_fields={"outcome": outcome},
    )
    if outcome == RectificationOutcome.ACCEPTED:
        _decide_last_answer(request, outcome, text, actor)
        _restore_credit(request, actor)
    return request


def _restore_credit(request, actor) -> None:
    if request.violation_id is None:
        return
    from guomen.supervision.services import credit_rectification_restore

    credit_rectification_restore(
        violation=request.violation,
        source_ref=f"inspections.rectification:{request.pk}",
        description=_("Rectification accepted: %(s)s") % {"s": request.subject},
        evidence=f"{_('Rectification request')} #{request.pk}",
        actor=actor,
    )


@transaction.atomic
def rectification_reopen(
    *, request, actor, reason: str, due_date=None, expected_version=None
) -> RectificationRequest:
    """Staff do not accept the answer: back to the enterprise, optionally with a new deadline."""
    _staff_in_scope(actor, request)
    text = _text(reason, "reason", 2000, required=True, message=_("Say why the answer is not accepted."))
    extra = {"overdue_flagged_at": None, "outcome": ""}
    if due_date is not None:
        if due_date < timezone.localdate():
            raise ValidationFailed(fields={"due_date": _("The deadline cannot be in the past.")})
        extra["due_date"] = due_date
    transition(
        request,
        to=RS.OPEN,
        allowed=RECTIFICATION_TRANSITIONS,
        actor=actor,
        verb="rectification.reopen",
        reason=text,
        expected_version=expected_version,
        org_path=request.org.path,
        extra_fields=extra,
    )
    _decide_last_answer(request, RectificationOutcome.SENT_BACK, text, actor)
    return request


def followup_flag_overdue(*, today=None) -> int:
    """Flag every open request past its deadline (a reminder); once per day each. Returns how many."""
    today = today or timezone.localdate()
    now = timezone.now()
    start_of_day = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    due = RectificationRequest.objects.select_related("org", "enterprise").filter(
        status=RS.OPEN, due_date__lt=today
    )
    flagged = 0
    for request in due.exclude(overdue_flagged_at__gte=start_of_day):
        with transaction.atomic():
            RectificationRequest.objects.filter(pk=request.pk).update(
                overdue_flagged_at=now, reminders=request.reminders + 1
            )
            audit_record(
                actor=None,
                verb="rectification.remind",
                obj=request,
                org_path=request.org.path,
                after={"due_date": str(request.due_date), "days_overdue": (today - request.due_date).days},
            )
        flagged += 1
    return flagged


@transaction.atomic
def rectification_open_for_result(*, task, subject: str, details: str, due_date) -> RectificationRequest:
    """A follow-up item raised by a result that arrived after the goods left (no person asked for it).

    Owned by the supervisor who confirmed the release; the enterprise is the declarant.
    """
    declaration = task.declaration
    request = RectificationRequest.objects.create(
        task=task,
        enterprise=declaration.declarant,
        org=task.port,
        subject=subject[:200],
        details=details[:4000],
        due_date=due_date,
        owner=task.confirmed_by,
    )
    audit_record(
        actor=None,
        verb="rectification.create",
        obj=request,
        org_path=task.port.path,
        after=model_snapshot(request, ["enterprise", "subject", "due_date", "owner", "task"]),
    )
    return request
