"""Inspection API: the inspector's tasks, results, and the supervisor's decisions."""

import datetime as dt

from django.urls import reverse
from ninja import File, Form, Header, Query, Router, Schema, Status
from ninja.files import UploadedFile

from guomen.clearance import services as clearance
from guomen.clearance.api import ClearanceErrorOut
from guomen.core.pagination import mapped, paginated
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
    photo_ids: list[int] = []
    found_at: dt.datetime | None = None
    latitude: float | None = None
    longitude: float | None = None
    checklist_code: str = ""


class CheckIn(Schema):
    code: str
    result: str = ""
    note: str = ""


class FindingOut(Schema):
    hazard_code: str | None
    hazard_name: str | None
    description: str
    count: int | None
    found_at: dt.datetime | None
    photos: list[int]


class InspectionCheckOut(Schema):
    code: str
    kind: str
    title: str
    result: str
    note: str


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
    treatment_kind: str


class TaskDetailOut(TaskOut):
    instruction: str
    notes: str
    conditions: str
    findings: list[FindingOut]
    checklist: list[InspectionCheckOut]
    declarant: str
    credit_grade: str
    recorded_by: str | None
    recorded_at: dt.datetime | None
    confirmed_by: str | None
    confirmed_at: dt.datetime | None


class InspectionResultIn(Schema):
    outcome: str
    notes: str = ""
    findings: list[FindingIn] = []
    checklist: list[CheckIn] = []
    proposed_disposition: str = ""
    treatment_kind: str = ""
    conditions: str = ""
    expected_version: int


class ConfirmIn(Schema):
    disposition: str
    treatment_kind: str | None = None
    conditions: str | None = None
    reason: str = ""
    expected_version: int


class SyncFindingIn(FindingIn):
    photo_keys: list[str] = []


class SyncItemIn(Schema):
    key: str
    task_id: int
    outcome: str = ""
    notes: str = ""
    findings: list[SyncFindingIn] = []
    checklist: list[CheckIn] = []
    proposed_disposition: str = ""
    treatment_kind: str = ""
    conditions: str = ""
    queued_at: dt.datetime | None = None


class SyncIn(Schema):
    items: list[SyncItemIn]


class SyncResultOut(Schema):
    key: str
    task_id: int | None
    status: str
    message: str
    fields: dict[str, list[str]]
    task_status: str
    declaration_number: str
    replayed: bool


class SyncOut(Schema):
    results: list[SyncResultOut]


class PhotoOut(Schema):
    id: int
    width: int
    height: int
    bytes: int
    replayed: bool = False


class RectificationFileOut(Schema):
    id: int
    name: str
    content_type: str
    bytes: int
    url: str


class RectificationRoundOut(Schema):
    round: int
    text: str
    answered_at: dt.datetime
    decision: str
    decision_reason: str
    files: list[RectificationFileOut]


class RectificationOut(Schema):
    id: int
    version: int
    status: str
    outcome: str
    subject: str
    details: str
    enterprise: str
    due_date: dt.date
    overdue: bool
    owner: str | None
    answer: str
    declaration_number: str | None
    rounds: list[RectificationRoundOut]


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
        "treatment_kind": task.treatment_kind,
    }


def _detail_out(task: InspectionTask) -> dict:
    findings = [
        {
            "hazard_code": f.hazard.code if f.hazard else None,
            "hazard_name": f.hazard.name_zh if f.hazard else None,
            "description": f.description,
            "count": f.count,
            "found_at": f.found_at,
            "photos": [p.pk for p in f.photos.all()],
        }
        for f in task.findings.all()
    ]
    checklist = [
        {"code": c.code, "kind": c.kind, "title": c.title, "result": c.result, "note": c.note}
        for c in task.checklist.all()
    ]
    return _task_out(task) | {
        "instruction": task.instruction,
        "notes": task.notes,
        "conditions": task.conditions,
        "findings": findings,
        "checklist": checklist,
        "declarant": task.declaration.declarant.uscc,
        "credit_grade": task.declaration.declarant.credit_grade,
        "recorded_by": _username(task.recorded_by),
        "recorded_at": task.recorded_at,
        "confirmed_by": _username(task.confirmed_by),
        "confirmed_at": task.confirmed_at,
    }


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.get("/tasks", response={200: list[TaskOut], **ERRORS})
@paginated
def list_tasks(request, filters: Query[selectors.TaskFilters]):
    """Open and in-progress tasks of my port and the units below, due first, by priority. The filters of the task
    page (and its export), by the same names."""
    require(request.auth, "inspection.record")
    return mapped(selectors.my_tasks(request.auth, filters=filters), _task_out)


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
def record_result(request, task_id: int, payload: InspectionResultIn):
    """Record conform / non-conform with findings and a proposed disposition. 409 if the task changed."""
    task = selectors.task_detail(request.auth, task_id)
    clearance.clearance_record_result(
        task=task,
        outcome=payload.outcome,
        notes=payload.notes,
        findings=[f.model_dump() for f in payload.findings],
        checklist=[c.model_dump() for c in payload.checklist],
        proposed_disposition=payload.proposed_disposition,
        treatment_kind=payload.treatment_kind,
        conditions=payload.conditions,
        actor=request.auth,
        expected_version=payload.expected_version,
    )
    return _reloaded(request, task_id)


@router.post("/tasks/{task_id}/confirm", response={200: TaskDetailOut, **ERRORS, 409: ClearanceErrorOut})
def confirm_disposition(request, task_id: int, payload: ConfirmIn):
    task = selectors.task_detail(request.auth, task_id)
    clearance.clearance_confirm(
        task=task,
        disposition=payload.disposition,
        treatment_kind=payload.treatment_kind,
        conditions=payload.conditions,
        actor=request.auth,
        reason=payload.reason,
        expected_version=payload.expected_version,
    )
    return _reloaded(request, task_id)


@router.post("/tasks/{task_id}/send-back", response={200: TaskDetailOut, **ERRORS})
def send_back(request, task_id: int, payload: SendBackIn):
    task = selectors.task_detail(request.auth, task_id)
    clearance.clearance_send_back(
        task=task, actor=request.auth, reason=payload.reason, expected_version=payload.expected_version
    )
    return _reloaded(request, task_id)


@router.post("/sync", response={200: SyncOut, **ERRORS})
def sync_results(request, payload: SyncIn):
    """Replay results queued on a phone without signal. Each item carries an idempotency key: a retry
    returns the first outcome and records nothing twice. A finding may name photos uploaded with a key
    by `photo_keys`. Per item: recorded, conflict (someone else already recorded or closed the task),
    validation_error, not_found, photos_missing (a named photo has not been uploaded yet; nothing was
    recorded and the item may be sent again)."""
    items = [item.model_dump() for item in payload.items]
    return {"results": clearance.clearance_sync_results(items=items, actor=request.auth)}


@router.post("/tasks/{task_id}/photos", response={201: PhotoOut, **ERRORS})
def upload_photo(
    request,
    task_id: int,
    photo: File[UploadedFile],
    latitude: Form[float | None] = None,
    longitude: Form[float | None] = None,
    taken_at: Form[dt.datetime | None] = None,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key"),
):
    """A photo for a task under inspection: resized to 1600 px, EXIF removed; attach it to a finding
    by listing its id in the finding's photo_ids. With an `Idempotency-Key` header a retry returns the
    photo the first upload stored (`replayed` true) and stores nothing; a sync item can then name the
    photo by its key in `photo_keys`."""
    task = selectors.task_detail(request.auth, task_id)
    item = services.photo_upload(
        task=task,
        data=photo.read(),
        actor=request.auth,
        taken_at=taken_at,
        latitude=latitude,
        longitude=longitude,
        key=idempotency_key or "",
    )
    return Status(
        201,
        {
            "id": item.pk,
            "width": item.width,
            "height": item.height,
            "bytes": item.size_bytes,
            "replayed": item.replayed,
        },
    )


def _round_out(a) -> dict:
    return {
        "round": a.round,
        "text": a.text,
        "answered_at": a.answered_at,
        "decision": a.decision,
        "decision_reason": a.decision_reason,
        "files": [
            {
                "id": f.pk,
                "name": f.name,
                "content_type": f.content_type,
                "bytes": f.size_bytes,
                "url": reverse("inspections:rectification_file", args=[a.request_id, f.pk]),
            }
            for f in a.files.all()
        ],
    }


def _rectification_out(r, rounds=None) -> dict:
    return {
        "id": r.pk,
        "version": r.version,
        "status": r.status,
        "outcome": r.outcome,
        "rounds": [_round_out(a) for a in (rounds or [])],
        "subject": r.subject,
        "details": r.details,
        "enterprise": r.enterprise.uscc,
        "due_date": r.due_date,
        "overdue": r.is_overdue,
        "owner": _username(r.owner),
        "answer": r.answer,
        "declaration_number": r.task.declaration.number if r.task else None,
    }


@router.get("/rectifications", response={200: list[RectificationOut], **ERRORS})
@paginated
def list_rectifications(request, filters: Query[selectors.RectificationFilters]):
    """Rectification requests: a unit's (staff) or the enterprise's own (enterprise users)."""
    require(request.auth, "rectification.view")
    return mapped(selectors.rectification_list(request.auth, filters=filters), _rectification_out)


@router.post("/rectifications/{rect_id}/answer", response={200: RectificationOut, **ERRORS})
def answer_rectification(
    request,
    rect_id: int,
    answer: Form[str],
    expected_version: Form[int | None] = None,
    files: File[list[UploadedFile]] = None,
):
    """The enterprise's answer (multipart/form-data): `answer` says what has been put right, `files` (repeat the
    field, at most 10) are photos (JPEG, PNG, WebP; EXIF removed), PDFs or spreadsheets (XLSX, CSV), each at most
    20 MB. Every round is kept with its files. A closed request answers 409 (`conflict`); a bad file 422 naming
    `files` and the file."""
    item = selectors.rectification_get(request.auth, rect_id)
    services.rectification_answer(
        request=item,
        answer=answer,
        files=files or [],
        actor=request.auth,
        expected_version=expected_version,
    )
    item = selectors.rectification_get(request.auth, rect_id)
    return _rectification_out(item, selectors.rectification_rounds(item))


@router.get("/rectifications/{rect_id}", response={200: RectificationOut, **ERRORS})
def get_rectification(request, rect_id: int):
    """One rectification request with every round of answers, the bureau's decisions and the files."""
    item = selectors.rectification_get(request.auth, rect_id)
    return _rectification_out(item, selectors.rectification_rounds(item))
