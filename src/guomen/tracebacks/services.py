"""Trace-back writes: China-origin notifications enter the queue (from the RASFF import or by hand), the matcher
offers candidates, an analyst confirms one (a trace-back case opens) or marks the notification unmatched; the
case's investigation tasks, findings (credit points through supervision, a rectification request through the
follow-up board) and closing report. Every status change goes through a transitions table and is audited."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.numbering import insert_numbered
from guomen.core.permissions import org_in_scope, require
from guomen.core.services import audit_record, model_snapshot
from guomen.core.workflow import transition

from .choices import (
    CASE_TRANSITIONS,
    NOTIFICATION_TRANSITIONS,
    TASK_TRANSITIONS,
    CaseStatus,
    Cause,
    NotificationSource,
    NotificationStatus,
    TaskStatus,
)
from .matching import facts_of, match_all
from .models import CaseTask, MatchCandidate, TraceCase, TraceNotification

CHINA = "CN"
NS = NotificationStatus


def _text(value, field: str, limit: int, *, required: bool = True, message: str = "") -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationFailed(fields={field: [message or _("This field is required.")]})
    if len(text) > limit:
        raise ValidationFailed(fields={field: [_("At most %(n)d characters.") % {"n": limit}]})
    return text


def _staff_here(actor, action: str, org) -> None:
    require(actor, action)
    if getattr(actor, "role", None) == Role.ENTERPRISE or not org_in_scope(actor, org):
        raise PermissionDenied(_("This record belongs to another jurisdiction."))


# --- intake and matching -------------------------------------------------------------------------------


def intake_foreign(*, ids=None, actor=None) -> int:
    """Every imported foreign notification naming China as an origin enters the queue once (idempotent).
    `ids` limits it to those just imported. Returns how many entered."""
    from guomen.risk.models import ForeignNotification

    qs = ForeignNotification.objects.filter(
        origins__code=CHINA, traceback__isnull=True, notified_at__isnull=False
    )
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    rows = [
        TraceNotification(
            source=NotificationSource.RASFF,
            foreign=n,
            reference=f"RASFF {n.reference}",
            authority=(n.notifying_country or "RASFF")[:200],
            notified_on=timezone.localtime(n.notified_at or n.imported_at).date(),
            subject=n.subject or n.reference,
            product=(n.category or "")[:255],
            operator=n.operator,
            hazards_text=n.hazards_text,
            commodity_group_id=n.commodity_group_id,
        )
        for n in qs.distinct().order_by("pk")
    ]
    if not rows:
        return 0
    with transaction.atomic():
        made = TraceNotification.objects.bulk_create(rows, batch_size=500)
        if made and made[0].pk is None:  # backends that do not return ids
            made = list(TraceNotification.objects.filter(foreign__in=[r.foreign_id for r in rows]))
        match_run(notifications=made)
        audit_record(
            actor=actor,
            verb="traceback.intake",
            object_type="tracebacks.tracenotification",
            object_id="rasff",
            object_repr=_("China-origin notifications from the RASFF import"),
            org_path="/",
            after={"entered": len(made)},
        )
    return len(made)


def match_run(*, notifications) -> dict[str, int]:
    """(Re)compute the candidates of notifications not yet confirmed; an analyst's own "no match" stays unless
    the matcher now finds a candidate. Returns counts by resulting status."""
    todo = [n for n in notifications if n.status != NS.CONFIRMED]
    results = match_all(facts_of(n) for n in todo)
    now = timezone.now()
    MatchCandidate.objects.filter(notification__in=todo).delete()
    MatchCandidate.objects.bulk_create(
        [
            MatchCandidate(
                notification_id=n.pk,
                enterprise_id=c.enterprise_id,
                declaration_id=c.declaration_id,
                org_id=c.org_id,
                score=c.score,
                evidence=c.evidence,
            )
            for n in todo
            for c in results.get(n.pk, [])
        ],
        batch_size=1000,
    )
    counts = {NS.PENDING: 0, NS.UNMATCHED: 0}
    pending = [n.pk for n in todo if results.get(n.pk)]
    unmatched = [n.pk for n in todo if not results.get(n.pk)]
    if pending:
        TraceNotification.objects.filter(pk__in=pending).update(status=NS.PENDING, matched_at=now)
    if unmatched:
        TraceNotification.objects.filter(pk__in=unmatched).update(status=NS.UNMATCHED, matched_at=now)
    counts[NS.PENDING], counts[NS.UNMATCHED] = len(pending), len(unmatched)
    return counts


@transaction.atomic
def notification_enter(
    *,
    reference: str,
    authority: str,
    notified_on: dt.date,
    subject: str,
    actor,
    notifying_country=None,
    product: str = "",
    operator: str = "",
    hazards_text: str = "",
    commodity_group=None,
    hs_code: str = "",
    numbers: str = "",
) -> TraceNotification:
    """A notification about goods of Chinese origin from any country's authority, entered by hand; matched at once."""
    require(actor, "traceback.enter")
    errors = {}
    if not isinstance(notified_on, dt.date):
        errors["notified_on"] = [_("Enter the date as YYYY-MM-DD.")]
    elif notified_on > timezone.localdate():
        errors["notified_on"] = [_("The date must not be in the future.")]
    hs = str(hs_code or "").replace(".", "").strip()
    if hs and not (hs.isdigit() and 2 <= len(hs) <= 10):
        errors["hs_code"] = [_("Enter 2 to 10 digits of an HS code.")]
    texts = {}
    for name, value, limit, required, message in (
        ("reference", reference, 60, True, _("Give the notification's reference.")),
        ("authority", authority, 200, True, _("Name the authority that notified.")),
        ("subject", subject, 2000, True, _("Say what was notified.")),
        ("product", product, 255, False, ""),
        ("operator", operator, 2000, False, ""),
        ("hazards_text", hazards_text, 2000, False, ""),
        ("numbers", numbers, 255, False, ""),
    ):
        try:
            texts[name] = _text(value, name, limit, required=required, message=message)
        except ValidationFailed as exc:
            errors.update(exc.fields)
    if (
        texts.get("reference")
        and TraceNotification.objects.filter(
            reference=texts["reference"], source=NotificationSource.MANUAL
        ).exists()
    ):
        errors["reference"] = [_("A notification with this reference has already been entered.")]
    if errors:
        raise ValidationFailed(fields=errors)
    notification = TraceNotification(
        source=NotificationSource.MANUAL,
        **texts,
        notifying_country=notifying_country,
        notified_on=notified_on,
        commodity_group=commodity_group,
        hs_code=hs,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    notification.save(force_insert=True)
    match_run(notifications=[notification])
    notification.refresh_from_db()
    audit_record(
        actor=actor,
        verb="traceback.entered",
        obj=notification,
        org_path="/",
        after=model_snapshot(notification, ["reference", "authority", "notified_on", "status"]),
    )
    return notification


# --- the analyst's decision ----------------------------------------------------------------------------


def _case_number(day: dt.date) -> tuple[str, callable, callable]:
    prefix = f"ZS{day:%Y}"

    def floor() -> int:
        last = (
            TraceCase.objects.filter(number__startswith=prefix)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        return int(last[len(prefix) :]) if last and last[len(prefix) :].isdigit() else 0

    return f"traceback:{day:%Y}", (lambda value: f"{prefix}{value:05d}"), floor


@transaction.atomic
def match_confirm(*, notification, candidate, actor, reason: str = "", expected_version=None) -> TraceCase:
    """The analyst confirms one candidate: the notification is attributed to its unit and a case opens."""
    require(actor, "traceback.decide")
    if candidate.notification_id != notification.pk:
        raise ValidationFailed(fields={"candidate": [_("This candidate belongs to another notification.")]})
    _staff_here(actor, "traceback.decide", candidate.org)
    transition(
        notification,
        to=NS.CONFIRMED,
        allowed=NOTIFICATION_TRANSITIONS,
        actor=actor,
        verb="traceback.confirmed",
        reason=_text(reason, "reason", 2000, required=False),
        expected_version=expected_version,
        org_path=candidate.org.path,
        extra_fields={
            "attributed_org_id": candidate.org_id,
            "decided_by_id": actor.pk,
            "decided_at": timezone.now(),
            "decision_reason": str(reason or "").strip(),
        },
    )
    case = TraceCase(
        notification=notification,
        enterprise_id=candidate.enterprise_id,
        declaration_id=candidate.declaration_id,
        org_id=candidate.org_id,
        opened_by=actor,
    )
    key, number, floor = _case_number(timezone.localdate())
    insert_numbered(case, key=key, number=number, floor=floor)
    audit_record(
        actor=actor,
        verb="traceback_case.opened",
        obj=case,
        org_path=candidate.org.path,
        after={
            "notification": notification.reference,
            "enterprise": candidate.enterprise_id,
            "declaration": candidate.declaration_id,
            "score": candidate.score,
            "evidence": [e["field"] for e in candidate.evidence],
        },
    )
    return case


@transaction.atomic
def match_reject(*, notification, reason: str, actor, expected_version=None) -> TraceNotification:
    """The analyst finds none of the candidates is the exporter: the notification stays listed as unmatched.
    Only an analyst whose jurisdiction covers every candidate may say so."""
    require(actor, "traceback.decide")
    outside = [c for c in notification.candidates.select_related("org") if not org_in_scope(actor, c.org)]
    if outside:
        raise PermissionDenied(
            _("Candidates of other units remain; an analyst covering them decides whether none matches.")
        )
    text = _text(reason, "reason", 2000, message=_("Say why none of the candidates is the exporter."))
    return transition(
        notification,
        to=NS.UNMATCHED,
        allowed=NOTIFICATION_TRANSITIONS,
        actor=actor,
        verb="traceback.no_match",
        reason=text,
        expected_version=expected_version,
        org_path=actor.org.path if actor.org_id else "/",
        extra_fields={"decided_by_id": actor.pk, "decided_at": timezone.now(), "decision_reason": text},
    )


# --- the case ------------------------------------------------------------------------------------------


def _open_case(case) -> None:
    if case.status == CaseStatus.CLOSED:
        raise IllegalTransition(_("The case is closed."))


@transaction.atomic
def case_task_add(*, case, title: str, due_date, actor, assignee=None) -> CaseTask:
    """An investigation task at the exporter (check records, the production site, inputs; take samples)."""
    _staff_here(actor, "traceback.case", case.org)
    _open_case(case)
    errors = {}
    if not isinstance(due_date, dt.date):
        errors["due_date"] = [_("Enter the due date as YYYY-MM-DD.")]
    elif due_date < timezone.localdate():
        errors["due_date"] = [_("The due date cannot be in the past.")]
    if assignee is not None and (assignee.role == Role.ENTERPRISE or not org_in_scope(assignee, case.org)):
        errors["assignee"] = [_("The task goes to staff of this unit or above it.")]
    if errors:
        raise ValidationFailed(fields=errors)
    task = CaseTask.objects.create(
        case=case,
        title=_text(title, "title", 200, message=_("Say what is to be investigated.")),
        due_date=due_date,
        assignee=assignee or actor,
    )
    audit_record(
        actor=actor,
        verb="traceback_task.added",
        obj=task,
        org_path=case.org.path,
        after=model_snapshot(task, ["title", "due_date", "assignee"]),
    )
    return task


@transaction.atomic
def case_task_done(*, task, result: str, actor, expected_version=None) -> CaseTask:
    _staff_here(actor, "traceback.case", task.case.org)
    _open_case(task.case)
    text = _text(result, "result", 4000, message=_("Say what the investigation found."))
    return transition(
        task,
        to=TaskStatus.DONE,
        allowed=TASK_TRANSITIONS,
        actor=actor,
        verb="traceback_task.done",
        reason=text,
        expected_version=expected_version,
        org_path=task.case.org.path,
        extra_fields={"result": text, "done_at": timezone.now()},
    )


@transaction.atomic
def case_findings(
    *,
    case,
    findings: str,
    cause: str,
    actor,
    severity: str = "",
    rectify: bool = False,
    subject: str = "",
    due_date=None,
    expected_version=None,
) -> TraceCase:
    """Record what the investigation found. A fault at the exporter is a credit violation (points per the
    supervision credit scheme); a rectification request goes to the enterprise through the follow-up board
    and the case waits for it."""
    from guomen.inspections.services import rectification_create
    from guomen.supervision.services import credit_event_record

    _staff_here(actor, "traceback.findings", case.org)
    if case.status != CaseStatus.INVESTIGATING:
        raise IllegalTransition(_("Findings are recorded while the case is under investigation."))
    text = _text(findings, "findings", 4000, message=_("Describe what the investigation found."))
    errors = {}
    if cause not in Cause.values:
        errors["cause"] = [_("Choose the cause.")]
    if rectify and cause == Cause.NOT_OURS:
        errors["rectify"] = [_("There is nothing to rectify when the goods are not this exporter's.")]
    if errors:
        raise ValidationFailed(fields=errors)
    extra = {"findings": text, "cause": cause}
    if cause == Cause.EXPORTER:
        event = credit_event_record(
            enterprise=case.enterprise,
            kind="violation",
            severity=severity,
            occurred_on=case.notification.notified_on,
            description=_("Foreign notification %(ref)s traced back to the exporter: %(what)s")
            % {"ref": case.notification.reference, "what": text[:200]},
            evidence=_("trace-back case %(n)s") % {"n": case.number},
            source_ref=f"traceback:{case.pk}",
            actor=actor,
        )
        extra["credit_event_id"] = event.pk
    if rectify:
        request = rectification_create(
            enterprise=case.enterprise,
            subject=_text(subject, "subject", 200, message=_("Say what must be put right.")),
            details=_("Trace-back case %(n)s (notification %(ref)s): %(what)s")
            % {"n": case.number, "ref": case.notification.reference, "what": text[:3000]},
            due_date=due_date,
            org=case.org,
            actor=actor,
        )
        extra["rectification_id"] = request.pk
        return transition(
            case,
            to=CaseStatus.RECTIFYING,
            allowed=CASE_TRANSITIONS,
            actor=actor,
            verb="traceback_case.rectifying",
            reason=text,
            expected_version=expected_version,
            org_path=case.org.path,
            extra_fields=extra,
        )
    TraceCase.objects.filter(pk=case.pk).update(**extra, version=case.version + 1)
    audit_record(actor=actor, verb="traceback_case.findings", obj=case, org_path=case.org.path, after=extra)
    case.refresh_from_db()
    return case


@transaction.atomic
def case_close(*, case, report: str, actor, expected_version=None) -> TraceCase:
    """Close the case with its closing report, once every task is done and the rectification (if any) has been
    verified and closed on the follow-up board; a verified rectification restores credit points per the
    supervision rules."""
    from guomen.inspections.choices import RectificationStatus
    from guomen.supervision.services import credit_event_record

    _staff_here(actor, "traceback.close", case.org)
    errors = {}
    if not case.findings:
        errors["findings"] = [_("Record the findings first.")]
    if case.tasks.filter(status=TaskStatus.OPEN).exists():
        errors["tasks"] = [_("Some investigation tasks are still open.")]
    if case.rectification_id and case.rectification.status != RectificationStatus.CLOSED:
        errors["rectification"] = [_("The rectification has not been verified and closed yet.")]
    if errors:
        raise ValidationFailed(fields=errors)
    text = _text(report, "report", 8000, message=_("Write the closing report."))
    if case.rectification_id and case.credit_event_id:
        credit_event_record(
            enterprise=case.enterprise,
            kind="rectification",
            occurred_on=timezone.localdate(),
            description=_("Rectification after trace-back case %(n)s verified") % {"n": case.number},
            evidence=_("rectification request closed; trace-back case %(n)s") % {"n": case.number},
            related_event=case.credit_event,
            source_ref=f"traceback:{case.pk}:rectified",
            actor=actor,
        )
    return transition(
        case,
        to=CaseStatus.CLOSED,
        allowed=CASE_TRANSITIONS,
        actor=actor,
        verb="traceback_case.closed",
        reason=text[:2000],
        expected_version=expected_version,
        org_path=case.org.path,
        extra_fields={"closing_report": text, "closed_at": timezone.now(), "closed_by_id": actor.pk},
    )
