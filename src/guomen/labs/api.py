"""Laboratory API (/api/v1/labs): register samples, custody scans, receipt, results, approval, reads."""

import datetime as dt
from decimal import Decimal

from ninja import Query, Router, Schema, Status

from guomen.clearance import services as clearance
from guomen.core.pagination import mapped, paginated

from . import selectors, services
from .models import Sample

router = Router(tags=["labs"])


class SampleIn(Schema):
    task_id: int
    sample_type: str
    quantity: Decimal
    unit: str
    tests: list[str]
    laboratory: str
    line_no: int | None = None
    notes: str = ""


class ScanIn(Schema):
    code: str
    note: str = ""
    expected_version: int | None = None


class CustodyIn(ScanIn):
    step: str


class LabResultIn(Schema):
    test: str
    analyte: str
    value: Decimal | None = None
    unit: str = ""
    lod: Decimal | None = None
    method: str = ""
    detected: bool | None = None


class LabDecisionIn(Schema):
    reason: str = ""
    expected_version: int | None = None


class ItemOut(Schema):
    test: str
    analyte: str
    analyte_name: str
    value: Decimal | None
    unit: str
    lod: Decimal | None
    method: str
    detected: bool | None
    limit_value: Decimal | None
    limit_unit: str
    verdict: str
    entered_by: str


class SampleOut(Schema):
    id: int
    number: str
    task_id: int
    declaration: str
    laboratory: str
    sample_type: str
    quantity: Decimal
    unit: str
    tests: list[str]
    status: str
    verdict: str
    due_date: dt.date
    version: int
    items: list[ItemOut]


def _out(sample: Sample) -> dict:
    return {
        "id": sample.pk,
        "number": sample.number,
        "task_id": sample.task_id,
        "declaration": sample.declaration.number,
        "laboratory": sample.laboratory.code,
        "sample_type": sample.sample_type,
        "quantity": sample.quantity,
        "unit": sample.unit,
        "tests": sample.tests_requested,
        "status": sample.status,
        "verdict": sample.verdict,
        "due_date": sample.due_date,
        "version": sample.version,
        "items": [
            {
                "test": i.test,
                "analyte": i.analyte.code,
                "analyte_name": i.analyte.name_zh,
                "value": i.value,
                "unit": i.unit,
                "lod": i.lod,
                "method": i.method,
                "detected": i.detected,
                "limit_value": i.limit_value,
                "limit_unit": i.limit_unit,
                "verdict": i.verdict,
                "entered_by": i.entered_by.get_username(),
            }
            for i in sample.items.all()
        ],
    }


def _fresh(request, pk) -> dict:
    return _out(selectors.sample_get(user=request.auth, pk=pk))


@router.post("/samples", response={201: SampleOut}, summary="Register a sample drawn in an inspection task")
def sample_create(request, payload: SampleIn):
    task = selectors.task_get(user=request.auth, pk=payload.task_id)
    line = None
    if payload.line_no is not None:
        line = next((ln for ln in selectors.task_lines(task) if ln.line_no == payload.line_no), None)
    sample = services.sample_register(
        task=task,
        sample_type=payload.sample_type,
        quantity=payload.quantity,
        unit=payload.unit,
        tests=payload.tests,
        laboratory=payload.laboratory,
        line=line,
        notes=payload.notes,
        actor=request.auth,
    )
    return Status(201, _fresh(request, sample.pk))


@router.get("/samples", response=list[SampleOut], summary="Samples you may see (your ports and laboratories)")
@paginated
def sample_list(request, filters: Query[selectors.SampleFilters]):
    """The filters of the sample page (and its export), by the same names."""
    qs = selectors.sample_list(user=request.auth, filters=filters).prefetch_related(
        "items__analyte", "items__entered_by"
    )
    return mapped(qs, _out)


@router.get("/samples/{sample_id}", response=SampleOut, summary="One sample with its results")
def sample_detail(request, sample_id: int):
    return _fresh(request, sample_id)


@router.get("/tasks/{task_id}/samples", response=list[SampleOut], summary="The samples of an inspection task")
@paginated
def task_samples(request, task_id: int):
    task = selectors.task_get(user=request.auth, pk=task_id)
    return mapped(selectors.samples_for_task(task), _out)


@router.get("/overdue", response=list[SampleOut], summary="Samples past their result due date")
@paginated
def overdue(request):
    return mapped(selectors.overdue_samples(request.auth).prefetch_related("items"), _out)


@router.post(
    "/samples/{sample_id}/custody", response=SampleOut, summary="Custody step confirmed by scanning the code"
)
def custody(request, sample_id: int, payload: CustodyIn):
    sample = selectors.sample_get(user=request.auth, pk=sample_id)
    services.sample_custody(
        sample=sample,
        step=payload.step,
        scanned_code=payload.code,
        note=payload.note,
        actor=request.auth,
        expected_version=payload.expected_version,
    )
    return _fresh(request, sample_id)


@router.post("/receive", response=SampleOut, summary="The laboratory receives a sample by its scanned code")
def receive(request, payload: ScanIn):
    sample = services.sample_receive_by_code(code=payload.code, note=payload.note, actor=request.auth)
    return _fresh(request, sample.pk)


@router.post("/samples/{sample_id}/results", response=SampleOut, summary="Enter the result of one analyte")
def result_enter(request, sample_id: int, payload: LabResultIn):
    sample = selectors.sample_get(user=request.auth, pk=sample_id)
    services.result_enter(sample=sample, actor=request.auth, **payload.dict())
    return _fresh(request, sample_id)


@router.post("/samples/{sample_id}/submit", response=SampleOut, summary="Submit the results for approval")
def submit(request, sample_id: int, payload: LabDecisionIn):
    sample = selectors.sample_get(user=request.auth, pk=sample_id)
    services.results_submit(sample=sample, actor=request.auth, expected_version=payload.expected_version)
    return _fresh(request, sample_id)


@router.post(
    "/samples/{sample_id}/approve", response=SampleOut, summary="Second analyst approves the results"
)
def approve(request, sample_id: int, payload: LabDecisionIn):
    sample = selectors.sample_get(user=request.auth, pk=sample_id)
    clearance.clearance_lab_approve(
        sample=sample, actor=request.auth, expected_version=payload.expected_version
    )
    return _fresh(request, sample_id)


@router.post("/samples/{sample_id}/return", response=SampleOut, summary="Second analyst returns the results")
def return_results(request, sample_id: int, payload: LabDecisionIn):
    sample = selectors.sample_get(user=request.auth, pk=sample_id)
    services.results_return(
        sample=sample, actor=request.auth, reason=payload.reason, expected_version=payload.expected_version
    )
    return _fresh(request, sample_id)


@router.post("/samples/{sample_id}/reject", response=SampleOut, summary="The laboratory rejects the sample")
def reject(request, sample_id: int, payload: LabDecisionIn):
    sample = selectors.sample_get(user=request.auth, pk=sample_id)
    services.sample_reject(
        sample=sample, actor=request.auth, reason=payload.reason, expected_version=payload.expected_version
    )
    return _fresh(request, sample_id)
