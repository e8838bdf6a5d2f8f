"""Assessments (研判) and early warnings (预警通报): draft → validated → published → closed."""

import re

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from guomen.accounts.choices import OrgKind, Role
from guomen.accounts.models import OrgUnit
from guomen.core.editing import audited_create
from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.core.four_eyes import require_other_person
from guomen.core.permissions import can, org_in_scope, require
from guomen.core.services import audit_record
from guomen.core.workflow import transition

from .choices import (
    FINISHED_MEASURE_STATUSES,
    WARNING_TRANSITIONS,
    Classification,
    MeasureKind,
    MeasureStatus,
    WarningStatus,
)
from .inbox import notify, users_at, users_over
from .models import Assessment, EarlyWarning

SUBJECT_FIELDS = ("hazard", "origin", "commodity_group", "enterprise", "production_base")
VALIDATE_FOUR_EYES = _l(
    "Four eyes: the person who drafted this warning cannot validate it; another supervisor must."
)
PUBLISH_FOUR_EYES = _l(
    "Four eyes: the person who drafted or validated this warning cannot publish it; a second supervisor must."
)
CONSUMER_FOUR_EYES = _l(
    "Four eyes: you proposed a consumer warning on this notice, so you cannot publish it; "
    "another supervisor must."
)


@transaction.atomic
def assessment_create(*, actor, data: dict, cluster=None, signal=None) -> Assessment:
    """Record the risk decision and classification of a cluster or a single signal, with reasoning."""
    require(actor, "risk.edit")
    subject = cluster or signal
    if subject is None:
        raise ValidationFailed(fields={"__all__": [_("Assess a signal or a cluster.")]})
    if not org_in_scope(actor, subject.org) and not org_in_scope(actor, actor.org):
        raise PermissionDenied()
    if not str(data.get("reasoning") or "").strip():
        raise ValidationFailed(fields={"reasoning": [_("Explain the reasoning behind the decision.")]})
    assessment = Assessment(
        cluster=cluster,
        signal=signal,
        risk_decision=data.get("risk_decision") or "",
        classification=data.get("classification") or "",
        reasoning=str(data.get("reasoning")).strip(),
        evidence=str(data.get("evidence") or "").strip(),
        org=actor.org or subject.org,
        assessed_by=actor,
    )
    return audited_create(
        assessment, actor=actor, verb="risk_assessment.create", org_path=assessment.org.path
    )


WARNING_NUMBER = "预警〔{year}〕第{seq:03d}号"
_SEQUENCE = re.compile(r"第(\d+)号$")


def _new_number(now) -> str:
    """The next readable number of the year: 预警〔2026〕第017号 (a number the bureau can cite and read aloud)."""
    year = timezone.localtime(now).year
    prefix = WARNING_NUMBER.split("第")[0].format(year=year)
    taken = EarlyWarning.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    seqs = [int(m.group(1)) for m in map(_SEQUENCE.search, taken) if m]
    return WARNING_NUMBER.format(year=year, seq=max(seqs, default=0) + 1)


@transaction.atomic
def warning_create(
    *, actor, data: dict, assessment: Assessment | None = None, follow_up_of: EarlyWarning | None = None
) -> EarlyWarning:
    """An analyst drafts a warning, from an assessment or as a follow-up notice to an earlier warning."""
    require(actor, "risk.edit")
    if actor.org is None:
        raise PermissionDenied()
    values = {k: data.get(k) for k in SUBJECT_FIELDS}
    source = follow_up_of or (assessment.cluster or assessment.signal if assessment else None)
    for name in SUBJECT_FIELDS:
        if values[name] is None and source is not None:
            values[name] = getattr(source, name, None)
    classification = data.get("classification") or (assessment.classification if assessment else "")
    risk_decision = data.get("risk_decision") or (assessment.risk_decision if assessment else "")
    if follow_up_of is not None:
        classification = classification or follow_up_of.classification
        risk_decision = risk_decision or follow_up_of.risk_decision
    now = timezone.now()
    warning = EarlyWarning(
        number=_new_number(now),
        title=str(data.get("title") or "").strip(),
        body=str(data.get("body") or "").strip(),
        classification=classification,
        risk_decision=risk_decision,
        assessment=assessment,
        follow_up_of=follow_up_of,
        hs_prefix=str(data.get("hs_prefix") or (follow_up_of.hs_prefix if follow_up_of else "")).strip(),
        org=actor.org,
        drafted_by=actor,
        **values,
    )
    addressees = list(data.get("addressees") or (follow_up_of.addressees.all() if follow_up_of else []))
    if not addressees and classification != Classification.BORDER_REJECTION:
        raise ValidationFailed(fields={"addressees": [_("Choose the ports or branches to notify.")]})
    warning = audited_create(
        warning,
        actor=actor,
        verb="risk_warning.create",
        m2m={"addressees": addressees},
        org_path=actor.org.path,
    )
    notify(
        recipients=users_over(warning.org, [Role.SUPERVISOR]),
        kind="warnings_to_validate",
        text=_("To validate: %(title)s") % {"title": warning.title},
        url=reverse("risk:warning_detail", args=[warning.pk]),
    )
    return warning


def _check_supervisor(actor, warning: EarlyWarning) -> None:
    require(actor, "risk.approve")
    if not org_in_scope(actor, warning.org):
        raise PermissionDenied(_("This warning was issued outside your jurisdiction."))


def _move(warning, *, to, actor, verb, reason="", expected_version=None, extra=None):
    return transition(
        warning,
        to=to,
        allowed=WARNING_TRANSITIONS,
        actor=actor,
        verb=verb,
        reason=reason,
        expected_version=expected_version,
        org_path=warning.org.path,
        extra_fields=extra,
    )


@transaction.atomic
def warning_validate(*, warning: EarlyWarning, actor, expected_version=None) -> EarlyWarning:
    """A supervisor other than the drafter checks the warning (four eyes: drafter ≠ validator ≠ publisher)."""
    _check_supervisor(actor, warning)
    require_other_person(actor, warning.drafted_by_id, message=VALIDATE_FOUR_EYES)
    return _move(
        warning,
        to=WarningStatus.VALIDATED,
        actor=actor,
        verb="risk_warning.validated",
        expected_version=expected_version,
        extra={"validated_by_id": actor.pk},
    )


@transaction.atomic
def warning_return(*, warning: EarlyWarning, actor, reason: str, expected_version=None) -> EarlyWarning:
    """A supervisor sends a validated warning back to draft (with the reason)."""
    _check_supervisor(actor, warning)
    if not str(reason or "").strip():
        raise ValidationFailed(fields={"reason": [_("Say what must change.")]})
    return _move(
        warning,
        to=WarningStatus.DRAFT,
        actor=actor,
        verb="risk_warning.returned",
        reason=reason,
        expected_version=expected_version,
        extra={"validated_by_id": None},
    )


def consumer_warning_proposers(warning: EarlyWarning) -> list[int]:
    """Who proposed the consumer warnings that publishing this warning would put on the public portal."""
    return list(
        warning.measures.filter(kind=MeasureKind.CONSUMER_WARNING, status=MeasureStatus.PLANNED)
        .exclude(proposed_by=None)
        .values_list("proposed_by_id", flat=True)
    )


def publish_blockers(user, warning: EarlyWarning) -> list[int]:
    """The people whose proposals bar `user` from validating or publishing (for the page's hint)."""
    if warning.status == WarningStatus.DRAFT:
        return [warning.drafted_by_id]
    return [warning.drafted_by_id, warning.validated_by_id, *consumer_warning_proposers(warning)]


def all_ports() -> list[OrgUnit]:
    return list(OrgUnit.objects.filter(kind=OrgKind.PORT))


@transaction.atomic
def warning_publish(*, warning: EarlyWarning, actor, expected_version=None, now=None) -> EarlyWarning:
    """Publish: notify the addressed ports (every port for a border rejection) and put the measures in force."""
    from .measures import measure_apply

    _check_supervisor(actor, warning)
    require_other_person(actor, warning.drafted_by_id, warning.validated_by_id, message=PUBLISH_FOUR_EYES)
    require_other_person(actor, *consumer_warning_proposers(warning), message=CONSUMER_FOUR_EYES)
    now = now or timezone.now()
    _move(
        warning,
        to=WarningStatus.PUBLISHED,
        actor=actor,
        verb="risk_warning.published",
        expected_version=expected_version,
        extra={"published_by_id": actor.pk, "published_at": now},
    )
    if warning.classification == Classification.BORDER_REJECTION:
        warning.addressees.add(*all_ports())
    for measure in warning.measures.select_related("enterprise", "production_base").order_by("id"):
        measure_apply(measure=measure, actor=actor, now=now)
    notify(
        recipients=users_at(warning.addressees.all()),
        kind="warnings",
        text=warning.title,
        url=reverse("risk:warning_detail", args=[warning.pk]),
        now=now,
    )
    return warning


@transaction.atomic
def warning_close(*, warning: EarlyWarning, actor, reason: str = "", expected_version=None, now=None):
    """Close a published warning once every measure is done or lifted (done automatically then)."""
    if actor is not None:
        _check_supervisor(actor, warning)
    open_measures = warning.measures.exclude(status__in=FINISHED_MEASURE_STATUSES).count()
    if open_measures:
        raise ValidationFailed(
            _("%(n)d measure(s) are still open; finish or lift them first.") % {"n": open_measures},
            fields={"status": [_("Measures are still open.")]},
        )
    return _move(
        warning,
        to=WarningStatus.CLOSED,
        actor=actor,
        verb="risk_warning.closed",
        reason=reason,
        expected_version=expected_version,
        extra={"closed_at": now or timezone.now()},
    )


def warning_close_if_done(*, warning: EarlyWarning, actor, now=None) -> bool:
    if warning.status != WarningStatus.PUBLISHED or not warning.measures.exists():
        return False
    if warning.measures.exclude(status__in=FINISHED_MEASURE_STATUSES).exists():
        return False
    warning.refresh_from_db()
    _move(
        warning,
        to=WarningStatus.CLOSED,
        actor=actor,
        verb="risk_warning.closed",
        reason=_("All measures are done or lifted."),
        extra={"closed_at": now or timezone.now()},
    )
    return True


def may_act_on_measure(user, measure) -> bool:
    return user.pk == measure.owner_id or (
        can(user, "risk.approve") and org_in_scope(user, measure.warning.org)
    )


def audit_measure(measure, *, actor, verb, before=None, after=None, reason=""):
    audit_record(
        actor=actor,
        verb=verb,
        obj=measure,
        org_path=measure.warning.org.path,
        before=before,
        after=after,
        reason=reason,
    )
