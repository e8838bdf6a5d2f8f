"""Reads of the clearance flow: the release card of a task, the overrides report."""

from django.db.models import QuerySet

from guomen.core.errors import NotFound
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import can, org_in_scope, restrict
from guomen.inspections.choices import TaskStatus

from .choices import OverrideStatus, Severity
from .facts import facts_load
from .models import ReleaseOverride
from .rules import evaluate


def release_card(task, user) -> dict:
    """What the confirmation card and the dossier show: each broken rule with its evidence, every sample
    with its results and verdict, the override asked for or granted, and what this user may do about it."""
    facts = facts_load(task.declaration, task=task)
    broken = evaluate(facts)
    overrides = list(task.overrides.select_related("requested_by", "decided_by").order_by("-created_at"))
    open_override = next((o for o in overrides if o.status == OverrideStatus.REQUESTED), None)
    in_scope = org_in_scope(user, task.port)
    awaiting = task.status == TaskStatus.AWAITING_CONFIRMATION
    hard = [b for b in broken if b.severity == Severity.HARD_STOP]
    only_hard = bool(hard) and all(b.severity == Severity.HARD_STOP for b in broken)
    return {
        "rules": broken,
        "hard_stops": hard,
        "holds": [b for b in broken if b.severity == Severity.HOLD],
        "refusals": [b for b in broken if b.severity == Severity.REFUSE_RELEASE],
        "samples": facts.samples,
        "overrides": overrides,
        "open_override": open_override,
        "can_request_override": awaiting
        and only_hard
        and open_override is None
        and in_scope
        and can(user, "clearance.override.request"),
        "can_decide_override": open_override is not None
        and in_scope
        and can(user, "clearance.override.decide")
        and user.pk not in (open_override.requested_by_id, task.recorded_by_id),
    }


class OverrideFilters(FilterSet):
    """The release overrides' filters: the page (clearance:overrides), its export and GET /api/v1/clearance/overrides."""

    status: one_of(OverrideStatus, "Where the override request stands") = ""


def override_list(*, user, filters: OverrideFilters | None = None, **given) -> QuerySet:
    """Release overrides the user may see (their bureau's), newest first."""
    f = filters or OverrideFilters(**given)
    qs = restrict(ReleaseOverride.objects.all(), user, "clearance.override.view").select_related(
        "declaration", "port", "requested_by", "decided_by", "task"
    )
    if f.status:
        qs = qs.filter(status=f.status)
    return qs.order_by("-created_at")


def override_get(*, user, pk) -> ReleaseOverride:
    try:
        return override_list(user=user).get(pk=int(pk))
    except (ReleaseOverride.DoesNotExist, ValueError, TypeError) as exc:
        raise NotFound() from exc


def _waiting_for(user) -> QuerySet:
    """Override requests this user may decide: in scope, asked by someone else, not recorded by them."""
    if not can(user, "clearance.override.decide"):
        return ReleaseOverride.objects.none()
    return (
        override_list(user=user, status=OverrideStatus.REQUESTED)
        .exclude(requested_by=user)
        .exclude(task__recorded_by=user)
    )


def overrides_to_decide(user) -> int:
    return _waiting_for(user).count()


def approvals_waiting(user) -> list:
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from guomen.core.work import Approval

    return [
        Approval(
            kind=str(_("Release override")),
            title=o.declaration.number,
            url=reverse("clearance:override_detail", args=[o.pk]),
            proposer=str(o.requested_by),
        )
        for o in _waiting_for(user)[:200]
    ]
