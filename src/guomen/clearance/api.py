"""Clearance API (/api/v1/clearance): a task's release rules, override requests and decisions."""

import datetime as dt

from ninja import Query, Router, Schema

from guomen.core.pagination import mapped, paginated
from guomen.core.permissions import require
from guomen.inspections import selectors as inspections

from . import selectors, services

router = Router(tags=["clearance"])


class ReleaseRuleOut(Schema):
    code: str
    severity: str
    message: str
    evidence: list[str]


class ClearanceErrorOut(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]
    rules: list[ReleaseRuleOut] = []


ERRORS = {
    400: ClearanceErrorOut,
    401: ClearanceErrorOut,
    403: ClearanceErrorOut,
    404: ClearanceErrorOut,
    409: ClearanceErrorOut,
    422: ClearanceErrorOut,
}


class SampleVerdictOut(Schema):
    number: str
    status: str
    verdict: str


class ReleaseCardOut(Schema):
    task_id: int
    declaration: str
    rules: list[ReleaseRuleOut]
    samples: list[SampleVerdictOut]
    open_override_id: int | None


class OverrideRequestIn(Schema):
    disposition: str
    reason: str
    conditions: str = ""


class OverrideDecisionIn(Schema):
    reason: str
    expected_version: int | None = None


class OverrideOut(Schema):
    id: int
    task_id: int
    declaration: str
    disposition: str
    status: str
    rules: list[ReleaseRuleOut]
    reason: str
    requested_by: str
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_reason: str
    version: int


def _override(o) -> dict:
    return {
        "id": o.pk,
        "task_id": o.task_id,
        "declaration": o.declaration.number,
        "disposition": o.disposition,
        "status": o.status,
        "rules": o.rules,
        "reason": o.reason,
        "requested_by": str(o.requested_by),
        "decided_by": str(o.decided_by) if o.decided_by_id else None,
        "decided_at": o.decided_at,
        "decision_reason": o.decision_reason,
        "version": o.version,
    }


@router.get("/tasks/{task_id}/release-rules", response={200: ReleaseCardOut, **ERRORS})
def release_rules(request, task_id: int):
    """Every broken release rule of the task with its evidence, and its samples' verdicts."""
    require(request.auth, "inspection.view")
    task = inspections.task_detail(request.auth, task_id)
    card = selectors.release_card(task, request.auth)
    return {
        "task_id": task.pk,
        "declaration": task.declaration.number,
        "rules": [b.as_dict() for b in card["rules"]],
        "samples": [{"number": s.number, "status": s.status, "verdict": s.verdict} for s in card["samples"]],
        "open_override_id": card["open_override"].pk if card["open_override"] else None,
    }


@router.post("/tasks/{task_id}/override", response={201: OverrideOut, **ERRORS})
def override_request(request, task_id: int, payload: OverrideRequestIn):
    """A supervisor asks a bureau leader to release despite the hard stops broken now."""
    require(request.auth, "clearance.override.request")
    task = inspections.task_detail(request.auth, task_id)
    override = services.override_request(task=task, actor=request.auth, **payload.dict())
    return 201, _override(override)


@router.get("/overrides", response={200: list[OverrideOut], **ERRORS})
@paginated
def overrides(request, filters: Query[selectors.OverrideFilters]):
    """Release overrides of the user's bureau, newest first (the page clearance:overrides, same filters)."""
    require(request.auth, "clearance.override.view")
    return mapped(selectors.override_list(user=request.auth, filters=filters), _override)


@router.post("/overrides/{override_id}/grant", response={200: OverrideOut, **ERRORS})
def override_grant(request, override_id: int, payload: OverrideDecisionIn):
    """A bureau leader (not the requester, not the inspector) grants: the goods are released."""
    override = selectors.override_get(user=request.auth, pk=override_id)
    override, _task = services.override_grant(override=override, actor=request.auth, **payload.dict())
    return _override(override)


@router.post("/overrides/{override_id}/refuse", response={200: OverrideOut, **ERRORS})
def override_refuse(request, override_id: int, payload: OverrideDecisionIn):
    override = selectors.override_get(user=request.auth, pk=override_id)
    return _override(services.override_refuse(override=override, actor=request.auth, **payload.dict()))
