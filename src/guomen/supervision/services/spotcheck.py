"""Double-random spot checks (双随机一公开): plans, the recorded draw, results on the phone, publication."""

import datetime as dt
import secrets
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.core.four_eyes import require_other_person
from guomen.core.permissions import org_in_scope, require
from guomen.core.services import audit_record
from guomen.core.workflow import transition
from guomen.declarations.models import DeclarationLine
from guomen.registry.choices import EnterpriseKind, FilingStatus
from guomen.registry.models import Enterprise

from .. import draw, eligibility
from ..checklists import ChecklistKind, checklist_items
from ..choices import (
    CHECK_TRANSITIONS,
    PLAN_TRANSITIONS,
    CheckResult,
    CheckStatus,
    ItemOutcome,
    PlanStatus,
    RuleKind,
)
from ..models import InspectorConflict, SpotCheckItem, SpotCheckPlan, SpotCheckTask
from ._common import clean, need_reason, need_text, path_of, require_staff_for
from .standing import ruleset_get

MAX_SEED = 2**62


@transaction.atomic
def plan_create(*, data: dict, actor) -> SpotCheckPlan:
    """A plan: name, jurisdiction, scope (enterprise types, commodity groups), how many, period."""
    require(actor, "supervision.spotcheck.plan")
    org = data.get("org") or actor.org
    if org is None or not org_in_scope(actor, org):
        raise PermissionDenied(_("You may only plan spot checks for your own unit and the units below it."))
    errors = {}
    kinds = list(data.get("enterprise_kinds") or [])
    if any(k not in EnterpriseKind.values for k in kinds):
        errors["enterprise_kinds"] = [_("Unknown enterprise type.")]
    checklist_kind = data.get("checklist_kind") or ChecklistKind.GENERAL
    if checklist_kind not in ChecklistKind.values:
        errors["checklist_kind"] = [_("Choose a checklist.")]
    count, share = data.get("sample_count"), data.get("sample_share")
    if (count is None) == (share in (None, "")):
        errors["sample_count"] = [_("Give either the number or the share of enterprises to select.")]
    elif count is not None and int(count) < 1:
        errors["sample_count"] = [_("Select at least one enterprise.")]
    elif share not in (None, "") and not Decimal("0") < Decimal(str(share)) <= Decimal("100"):
        errors["sample_share"] = [_("The share is a percentage above 0 and at most 100.")]
    starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = [_("The period ends before it starts.")]
    if errors:
        raise ValidationFailed(fields=errors)
    rules = ruleset_get(RuleKind.SPOT_CHECK)
    plan = SpotCheckPlan(
        name=need_text(data.get("name"), "name"),
        org=org,
        enterprise_kinds=kinds,
        sample_count=count,
        sample_share=Decimal(str(share)) if share not in (None, "") else None,
        risk_weighted=bool(data.get("risk_weighted")),
        starts_on=starts_on,
        ends_on=ends_on,
        checklist_kind=checklist_kind,
        publish_within_days=int(data.get("publish_within_days") or rules["publish_within_days"]),
        created_by=actor,
    )
    clean(plan)
    plan.save()
    plan.commodity_groups.set(data.get("commodity_groups") or [])
    audit_record(
        actor=actor,
        verb="spotcheck.plan_created",
        obj=plan,
        org_path=org.path,
        after={"name": plan.name, "count": count, "share": str(share or "")},
    )
    return plan


def population(plan: SpotCheckPlan):
    """The plan's directory: filed enterprises in scope, ordered by credit code (values rows)."""
    qs = Enterprise.objects.filter(org__path__startswith=plan.org.path, filing_status=FilingStatus.FILED)
    if plan.enterprise_kinds:
        qs = qs.filter(kind__in=plan.enterprise_kinds)
    groups = list(plan.commodity_groups.values_list("pk", flat=True))
    if groups:
        qs = qs.filter(
            Exists(
                DeclarationLine.objects.filter(declaration__declarant=OuterRef("pk"), hs__group__in=groups)
            )
        )
    return qs.order_by("uscc").values_list("id", "uscc", "classification", "credit_grade", "org_id")


def sample_size(plan: SpotCheckPlan, n: int) -> int:
    if plan.sample_count:
        return min(plan.sample_count, n)
    return min(n, max(1, int((Decimal(n) * plan.sample_share / 100).to_integral_value())) if n else 0)


def risk_weights(rows, rules: dict) -> list[float]:
    cw, gw = rules["class_weights"], rules["grade_weights"]
    return [float(cw.get(r[2] or "", 1.0)) * float(gw.get(r[3], 1.0)) for r in rows]


@transaction.atomic
def plan_draw(*, plan: SpotCheckPlan, seed: int | None = None, actor, expected_version=None) -> SpotCheckPlan:
    """Draw the enterprises and, for each, two inspectors; record the seed and the directory fingerprint."""
    require_staff_for_plan(actor, plan)
    plan = SpotCheckPlan.objects.select_for_update().get(pk=plan.pk)  # one draw at a time
    if PlanStatus.DRAWN not in PLAN_TRANSITIONS.get(plan.status, set()):
        # refused before any task is made: a second draw is a conflict, not a duplicate task
        transition(plan, to=PlanStatus.DRAWN, allowed=PLAN_TRANSITIONS, actor=actor, verb="spotcheck.drawn")
    if seed is None:
        seed = secrets.randbelow(MAX_SEED)
    if not 0 <= int(seed) < MAX_SEED:
        raise ValidationFailed(fields={"seed": [_("The seed is a whole number from 0 to 2^62.")]})
    rules = ruleset_get(RuleKind.SPOT_CHECK)
    rows = list(population(plan))
    if not rows:
        raise ValidationFailed(fields={"scope": [_("No filed enterprise is in this plan's scope.")]})
    k = sample_size(plan, len(rows))
    weights = risk_weights(rows, rules) if plan.risk_weighted else None
    picked = draw.select(len(rows), k, int(seed), weights)
    chosen = [rows[i] for i in picked]
    pools = eligibility.inspector_pools({r[4] for r in chosen})
    excluded = eligibility.exclusions(plan, [r[0] for r in chosen], bool(rules["exclude_last_cycle"]))
    checklist = [str(_(text)) for text in checklist_items(plan.checklist_kind, rules["checklist"])]
    for rank, (index, row) in enumerate(zip(picked, chosen, strict=True), start=1):
        pool = [u for u in pools.get(row[4], []) if u.pk not in excluded.get(row[0], {})]
        pair = draw.pick_inspectors(pool, int(seed), rank)
        note = "" if len(pair) == 2 else _("Fewer than two eligible inspectors: a supervisor must assign.")
        task = SpotCheckTask.objects.create(
            plan=plan,
            enterprise_id=row[0],
            rank=rank,
            weight=weights[index] if weights else 1.0,
            inspector_a=pair[0] if pair else None,
            inspector_b=pair[1] if len(pair) > 1 else None,
            assignment_note=note,
        )
        SpotCheckItem.objects.bulk_create(
            SpotCheckItem(task=task, position=i, text=text[:255]) for i, text in enumerate(checklist, start=1)
        )
    transition(
        plan,
        to=PlanStatus.DRAWN,
        allowed=PLAN_TRANSITIONS,
        actor=actor,
        verb="spotcheck.drawn",
        expected_version=expected_version,
        org_path=plan.org.path,
        extra_fields={
            "seed": int(seed),
            "population_size": len(rows),
            "drawn_at": timezone.now(),
            "population_digest": draw.population_digest([r[1] for r in rows]),
            "drawn_by_id": getattr(actor, "pk", None),
        },
    )
    return plan


def require_staff_for_plan(actor, plan) -> None:
    require(actor, "supervision.spotcheck.plan")
    if not org_in_scope(actor, plan.org):
        raise PermissionDenied()


@transaction.atomic
def plan_cancel(*, plan, reason: str, actor):
    require_staff_for_plan(actor, plan)
    return transition(
        plan,
        to=PlanStatus.CANCELLED,
        allowed=PLAN_TRANSITIONS,
        actor=actor,
        verb="spotcheck.plan_cancelled",
        reason=need_reason(reason),
        org_path=plan.org.path,
    )


@transaction.atomic
def plan_close(*, plan, actor):
    require_staff_for_plan(actor, plan)
    if plan.tasks.filter(status__in=[CheckStatus.ASSIGNED, CheckStatus.RECORDED]).exists():
        message = _("Every spot check must be published or cancelled before the plan is closed.")
        raise ValidationFailed(message, fields={"status": [message]})
    return transition(
        plan,
        to=PlanStatus.CLOSED,
        allowed=PLAN_TRANSITIONS,
        actor=actor,
        verb="spotcheck.plan_closed",
        org_path=plan.org.path,
    )


def _require_drawn_inspector(actor, task) -> None:
    require(actor, "supervision.spotcheck.record")
    if actor.pk not in (task.inspector_a_id, task.inspector_b_id):
        raise PermissionDenied(_("Only the two inspectors drawn for this spot check may record its result."))


@transaction.atomic
def check_record(
    *,
    task: SpotCheckTask,
    items: dict,
    summary: str = "",
    samples_taken: int = 0,
    rectification_due: dt.date | None = None,
    actor,
    expected_version=None,
) -> SpotCheckTask:
    """One of the drawn inspectors records the checklist; any non-conforming item makes it non-conforming.

    `items` maps item position → (outcome, note). A non-conforming result needs a rectification deadline
    and reports a risk signal (source "inspection").
    """
    _require_drawn_inspector(actor, task)
    problem = eligibility.start_problem(task)
    if problem:
        raise ValidationFailed(problem, fields={"inspectors": [problem]})
    rows = list(task.items.all())
    errors = {}
    for row in rows:
        outcome, _note = items.get(row.position, ("", ""))
        if outcome not in ItemOutcome.values:
            errors[f"item_{row.position}"] = [_("Choose an outcome for this item.")]
    non_conforming = [r for r in rows if items.get(r.position, ("",))[0] == ItemOutcome.NON_CONFORM]
    if non_conforming and rectification_due is None:
        errors["rectification_due"] = [_("Set the date by which the enterprise must rectify.")]
    if int(samples_taken or 0) < 0:
        errors["samples_taken"] = [_("Enter zero or more.")]
    if errors:
        raise ValidationFailed(fields=errors)
    for row in rows:
        row.outcome, note = items[row.position]
        row.note = str(note or "").strip()[:255]
    SpotCheckItem.objects.bulk_update(rows, ["outcome", "note"])
    result = CheckResult.NON_CONFORMING if non_conforming else CheckResult.CONFORMING
    today = timezone.localdate()
    transition(
        task,
        to=CheckStatus.RECORDED,
        allowed=CHECK_TRANSITIONS,
        actor=actor,
        verb="spotcheck.recorded",
        expected_version=expected_version,
        org_path=path_of(task.enterprise),
        extra_fields={
            "result": result,
            "summary": str(summary or "").strip(),
            "samples_taken": int(samples_taken or 0),
            "rectification_due": rectification_due if non_conforming else None,
            "recorded_by_id": actor.pk,
            "recorded_at": timezone.now(),
            "publish_by": today + dt.timedelta(days=task.plan.publish_within_days),
        },
    )
    if non_conforming:
        from guomen.risk.services import signal_record

        signal_record(
            source="inspection",
            org=task.enterprise.org,
            actor=actor,
            source_ref=f"supervision.spotchecktask:{task.pk}",
            title=_("Spot check of %(name)s: %(n)s non-conforming items")
            % {"name": task.enterprise.name_zh, "n": len(non_conforming)},
            description="\n".join(r.text for r in non_conforming),
            occurred_on=today,
            enterprise=task.enterprise,
        )
    return task


@transaction.atomic
def check_send_back(*, task, reason: str, actor):
    """A supervisor sends a recorded result back to the inspectors (before publication)."""
    require_staff_for(actor, "supervision.spotcheck.publish", task.enterprise)
    return transition(
        task,
        to=CheckStatus.ASSIGNED,
        allowed=CHECK_TRANSITIONS,
        actor=actor,
        verb="spotcheck.sent_back",
        reason=need_reason(reason),
        org_path=path_of(task.enterprise),
    )


SPOTCHECK_FOUR_EYES = _l(
    "Four eyes: whoever assigned the inspectors by hand, carried out or recorded this spot check cannot "
    "publish its result; a supervisor who took no part must."
)


def check_participants(task) -> list:
    """The people who may not publish a spot check's result (see check_publish)."""
    return [task.assigned_by_id, task.recorded_by_id, task.inspector_a_id, task.inspector_b_id]


@transaction.atomic
def check_publish(*, task, actor, expected_version=None):
    """Publish the result on the public portal (enterprise, result, date; no personal data).

    Four eyes: no one who chose the inspectors by hand, carried out or recorded the check publishes it.
    """
    require_staff_for(actor, "supervision.spotcheck.publish", task.enterprise)
    require_other_person(actor, *check_participants(task), message=SPOTCHECK_FOUR_EYES)
    return transition(
        task,
        to=CheckStatus.PUBLISHED,
        allowed=CHECK_TRANSITIONS,
        actor=actor,
        verb="spotcheck.published",
        expected_version=expected_version,
        org_path=path_of(task.enterprise),
        extra_fields={"published_on": timezone.localdate()},
    )


@transaction.atomic
def check_mark_rectified(*, task, rectified_on: dt.date, actor):
    """The enterprise completed the rectification (seen by an inspector or a supervisor)."""
    require_staff_for(actor, "supervision.spotcheck.record", task.enterprise)
    if task.result != CheckResult.NON_CONFORMING:
        raise ValidationFailed(
            fields={"rectified_on": [_("Only a non-conforming spot check needs rectification.")]}
        )
    if rectified_on is None or rectified_on > timezone.localdate():
        raise ValidationFailed(fields={"rectified_on": [_("Give a date that is not in the future.")]})
    before = task.rectified_on
    SpotCheckTask.objects.filter(pk=task.pk).update(rectified_on=rectified_on, version=task.version + 1)
    task.rectified_on, task.version = rectified_on, task.version + 1
    audit_record(
        actor=actor,
        verb="spotcheck.rectified",
        obj=task,
        org_path=path_of(task.enterprise),
        before={"rectified_on": before},
        after={"rectified_on": rectified_on},
    )
    return task


@transaction.atomic
def conflict_declare(*, enterprise, reason: str, actor) -> InspectorConflict:
    """An inspector declares a conflict of interest: they will never be drawn for this enterprise."""
    require(actor, "supervision.conflict.declare")
    conflict, _created = InspectorConflict.objects.update_or_create(
        inspector=actor, enterprise=enterprise, defaults={"reason": need_reason(reason)[:255], "active": True}
    )
    audit_record(
        actor=actor,
        verb="spotcheck.conflict_declared",
        obj=conflict,
        org_path=path_of(enterprise),
        after={"enterprise": enterprise.uscc},
        reason=reason,
    )
    return conflict
