"""Inspection API: the inspector's tasks, results, and the supervisor's decisions."""

import datetime as dt

from ninja import Router, Schema

from guomen.core.permissions import require

from . import selectors, services
from .models import InspectionTask

router = Router(tags=["inspections"])


class ErrorOut(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class FindingIn(Schema):
    hazard_code: str | None = None
    description: str = ""
    count: int | None = None


class FindingOut(Schema):
    hazard_code: str | None
    hazard_name: str | None
    description: str
    count: int | None


class TaskOut(Schema):
    id: int
    version: int
    status: str
    channel: str
    priority: int
    due_date: dt.date
    port: str
    declaration_number: str
    declaration_status: str
    origin_country: str
    arrival_date: dt.date
    commodities: list[str]
    assignee: str | None
    outcome: str
    proposed_disposition: str
    disposition: str


class TaskDetailOut(TaskOut):
    instruction: str
    notes: str
    findings: list[FindingOut]
    declarant: str
    credit_grade: str
    recorded_by: str | None
    recorded_at: dt.datetime | None
    confirmed_by: str | None
    confirmed_at: dt.datetime | None


class ResultIn(Schema):
    outcome: str
    notes: str = ""
    findings: list[FindingIn] = []
    proposed_disposition: str = ""
    expected_version: int


class ConfirmIn(Schema):
    disposition: str
    reason: str = ""
    expected_version: int


class SendBackIn(Schema):
    reason: str
    expected_version: int | None = None


class StartIn(Schema):
    expected_version: int | None = None


def _username(user) -> str | None:
    return user.get_username() if user else None


def _task_out(task: InspectionTask) -> dict:
    d = task.declaration
    return {
        "id": task.pk,
        "version": task.version,
        "status": task.status,
        "channel": task.channel,
        "priority": task.priority,
        "due_date": task.due_date,
        "port": task.port.code,
        "declaration_number": d.number,
        "declaration_status": d.status,
        "origin_country": d.origin_country_id,
        "arrival_date": d.arrival_date,
        "commodities": [line.hs_id for line in d.lines.all()],
        "assignee": _username(task.assignee),
        "outcome": task.outcome,
        "proposed_disposition": task.proposed_disposition,
        "disposition": task.disposition,
    }


def _detail_out(task: InspectionTask) -> dict:
    findings = [
        {
            "hazard_code": f.hazard.code if f.hazard else None,
            "hazard_name": f.hazard.name_zh if f.hazard else None,
            "description": f.description,
            "count": f.count,
        }
        for f in task.findings.all()
    ]
    return _task_out(task) | {
        "instruction": task.instruction,
        "notes": task.notes,
        "findings": findings,
        "declarant": task.declaration.declarant.uscc,
        "credit_grade": task.declaration.declarant.credit_grade,
        "recorded_by": _username(task.recorded_by),
        "recorded_at": task.recorded_at,
        "confirmed_by": _username(task.confirmed_by),
        "confirmed_at": task.confirmed_at,
    }


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.get("/tasks", response={200: list[TaskOut], **ERRORS})
def list_tasks(request):
    """Open and in-progress tasks of my port and the units below, due first, by priority."""
    require(request.auth, "inspection.record")
    return [_task_out(t) for t in selectors.my_tasks(request.auth)[:500]]


@router.get("/tasks/{task_id}", response={200: TaskDetailOut, **ERRORS})
def get_task(request, task_id: int):
    return _detail_out(selectors.task_detail(request.auth, task_id))


def _reloaded(request, task_id: int) -> dict:
    return _detail_out(selectors.task_detail(request.auth, task_id))


@router.post("/tasks/{task_id}/start", response={200: TaskDetailOut, **ERRORS})
def start_task(request, task_id: int, payload: StartIn):
    task = selectors.task_detail(request.auth, task_id)
    services.inspection_task_start(task=task, actor=request.auth, expected_version=payload.expected_version)
    return _reloaded(request, task_id)


@router.post("/tasks/{task_id}/result", response={200: TaskDetailOut, **ERRORS})
def record_result(request, task_id: int, payload: ResultIn):
    """Record conform / non-conform with findings and a proposed disposition. 409 if the task changed."""
    task = selectors.task_detail(request.auth, task_id)
    services.inspection_result_record(
        task=task,
        outcome=payload.outcome,
        notes=payload.notes,
        findings=[f.model_dump() for f in payload.findings],
        proposed_disposition=payload.proposed_disposition,
        actor=request.auth,
        expected_version=payload.expected_version,
    )
    return _reloaded(request, task_id)


@router.post("/tasks/{task_id}/confirm", response={200: TaskDetailOut, **ERRORS})
def confirm_disposition(request, task_id: int, payload: ConfirmIn):
    task = selectors.task_detail(request.auth, task_id)
    services.inspection_disposition_confirm(
        task=task,
        disposition=payload.disposition,
        actor=request.auth,
        reason=payload.reason,
        expected_version=payload.expected_version,
    )
    return _reloaded(request, task_id)


@router.post("/tasks/{task_id}/send-back", response={200: TaskDetailOut, **ERRORS})
def send_back(request, task_id: int, payload: SendBackIn):
    task = selectors.task_detail(request.auth, task_id)
    services.inspection_send_back(
        task=task, actor=request.auth, reason=payload.reason, expected_version=payload.expected_version
    )
    return _reloaded(request, task_id)
