"""Supervision API: double-random spot-check plans, the draw, checks and their results, publication, the recompute."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Router, Schema

from guomen.core.errors import ValidationFailed
from guomen.core.pagination import paginated
from guomen.core.permissions import require

from .. import selectors, services
from ..models import SpotCheckPlan

router = Router(tags=["supervision"])


class PlanIn(Schema):
    name: str
    enterprise_kinds: list[str] = []
    sample_count: int | None = None
    sample_share: float | None = None
    risk_weighted: bool = False
    checklist_kind: str = "general"
    starts_on: dt.date
    ends_on: dt.date
    publish_within_days: int | None = None


class SelectedOut(Schema):
    rank: int
    uscc: str
    name: str
    inspectors: list[str]
    status: str
    result: str


class PlanOut(Schema):
    id: int
    name: str
    status: str
    seed: int | None
    population_size: int
    population_digest: str
    selected: list[SelectedOut]

    @staticmethod
    def resolve_selected(obj: SpotCheckPlan):
        return [
            {
                "rank": t.rank,
                "uscc": t.enterprise.uscc,
                "name": t.enterprise.name_zh,
                "inspectors": [u.username for u in t.inspectors],
                "status": t.status,
                "result": t.result,
            }
            for t in selectors.plan_tasks(obj)
        ]


class DrawIn(Schema):
    seed: int | None = None


@router.get("/plans", response=list[PlanOut])
@paginated
def plans(request):
    require(request.auth, "supervision.spotcheck.view")
    return selectors.plan_list(user=request.auth)


@router.post("/plans", response={201: PlanOut})
def plan_create(request, payload: PlanIn):
    return 201, services.plan_create(data=payload.model_dump(), actor=request.auth)


@router.get("/plans/{plan_id}", response=PlanOut)
def plan_detail(request, plan_id: int):
    return selectors.plan_get(user=request.auth, pk=plan_id)


@router.post("/plans/{plan_id}/draw", response=PlanOut)
def plan_draw(request, plan_id: int, payload: DrawIn):
    plan = selectors.plan_get(user=request.auth, pk=plan_id)
    return services.plan_draw(plan=plan, seed=payload.seed, actor=request.auth)


class SpotCheckOut(Schema):
    id: int
    version: int
    uscc: str
    name: str
    plan: str
    status: str
    result: str
    inspectors: list[dict]
    inspector_selection: str
    items: list[dict]

    @staticmethod
    def resolve_inspectors(obj):
        return [
            {"slot": slot, "username": user.username, "name": str(user), "manual": manual}
            for slot, user, manual in (
                ("a", obj.inspector_a, obj.inspector_a_manual),
                ("b", obj.inspector_b, obj.inspector_b_manual),
            )
            if user is not None
        ]

    @staticmethod
    def resolve_inspector_selection(obj):
        return "manual" if obj.manually_assigned else "random"

    @staticmethod
    def resolve_uscc(obj):
        return obj.enterprise.uscc

    @staticmethod
    def resolve_name(obj):
        return obj.enterprise.name_zh

    @staticmethod
    def resolve_plan(obj):
        return obj.plan.name

    @staticmethod
    def resolve_items(obj):
        return [
            {"position": i.position, "text": i.text, "outcome": i.outcome, "note": i.note}
            for i in obj.items.all()
        ]


class ItemIn(Schema):
    position: int
    outcome: str
    note: str = ""


class CheckResultIn(Schema):
    items: list[ItemIn]
    summary: str = ""
    samples_taken: int = 0
    rectification_due: dt.date | None = None
    expected_version: int | None = None


@router.get("/checks", response=list[SpotCheckOut])
@paginated
def my_checks(request):
    require(request.auth, "supervision.spotcheck.record")
    return selectors.my_checks(request.auth)


@router.post("/checks/{check_id}/result", response=SpotCheckOut)
def check_result(request, check_id: int, payload: CheckResultIn):
    task = selectors.check_get(user=request.auth, pk=check_id)
    return services.check_record(
        task=task,
        items={i.position: (i.outcome, i.note) for i in payload.items},
        summary=payload.summary,
        samples_taken=payload.samples_taken,
        rectification_due=payload.rectification_due,
        actor=request.auth,
        expected_version=payload.expected_version,
    )


class AssignIn(Schema):
    inspector_a: str
    inspector_b: str
    reason: str = ""
    expected_version: int | None = None


class InspectorOptionOut(Schema):
    username: str
    name: str
    unit: str
    eligible: bool
    current: bool
    open_checks: int
    reasons: list[str]


def _inspector(username: str, field: str):
    from guomen.accounts.models import User

    found = User.objects.filter(username=str(username or "").strip()).first() if username else None
    if found is None:
        raise ValidationFailed(fields={field: [_("No inspector has this user name.")]})
    return found


@router.get("/checks/{check_id}/inspector-options", response=list[InspectorOptionOut])
@paginated
def check_inspector_options(request, check_id: int):
    """For a supervisor: who may be assigned to the spot check, and why the others are excluded."""
    task = selectors.check_get(user=request.auth, pk=check_id)
    return [
        {
            "username": o["user"].username,
            "name": str(o["user"]),
            "unit": o["user"].org.name if o["user"].org_id else "",
            "eligible": o["eligible"],
            "current": o["current"],
            "open_checks": o["open_checks"],
            "reasons": [text for _kind, text in o["reasons"]],
        }
        for o in selectors.check_assignment_options(user=request.auth, task=task)
    ]


@router.post("/checks/{check_id}/inspectors", response=SpotCheckOut)
def check_assign(request, check_id: int, payload: AssignIn):
    """Assign or replace the inspectors of a spot check that has not started, by hand, with a reason."""
    task = selectors.check_get(user=request.auth, pk=check_id)
    services.require_assigner(request.auth, task)
    return services.check_assign_inspectors(
        task=task,
        inspector_a=_inspector(payload.inspector_a, "inspector_a"),
        inspector_b=_inspector(payload.inspector_b, "inspector_b"),
        reason=payload.reason,
        actor=request.auth,
        expected_version=payload.expected_version,
    )


@router.post("/checks/{check_id}/publish", response=SpotCheckOut)
def check_publish(request, check_id: int):
    task = selectors.check_get(user=request.auth, pk=check_id)
    return services.check_publish(task=task, actor=request.auth)


class RunOut(Schema):
    id: int
    enterprises: int
    class_changes: int
    grade_changes: int
    seconds: float


@router.post("/recompute", response=RunOut)
def recompute(request):
    return services.recompute(actor=request.auth)
