"""Emergency plans API: plans, drills, activation (on an early warning the user may see), the response's tasks,
duty roster and status reports, and closure with a review."""

import datetime as dt

from ninja import Query, Router, Schema

from guomen.core.actions import apply
from guomen.core.pagination import paginated
from guomen.core.permissions import require

from . import selectors, services

router = Router(tags=["emergency"])


class EmergencyPlanIn(Schema):
    kind: str
    title: str
    contacts: str
    revised_on: dt.date


class EmergencyPlanOut(Schema):
    id: int
    kind: str
    title: str
    unit: str
    contacts: str
    revised_on: dt.date

    @staticmethod
    def resolve_unit(obj):
        return obj.org.code


class DrillIn(Schema):
    held_on: dt.date
    scenario: str
    findings: str


class DrillOut(Schema):
    id: int
    held_on: dt.date
    scenario: str
    findings: str


class ActivateIn(Schema):
    situation: str
    instructions: str = ""
    early_warning: str = ""  # number of the early warning


class ActivationOut(Schema):
    id: int
    plan: int
    status: str
    started_on: dt.date
    closed_on: dt.date | None
    early_warning: str
    situation: str
    instructions: str
    review: str
    version: int

    @staticmethod
    def resolve_plan(obj):
        return obj.plan_id

    @staticmethod
    def resolve_early_warning(obj):
        return obj.early_warning.number if obj.early_warning_id else ""


class EmergencyCloseIn(Schema):
    review: str
    version: int | None = None


class EmergencyCreatedOut(Schema):
    id: int


class ResponseTaskIn(Schema):
    title: str
    assignee: str  # username of a member of staff of the plan's unit
    due_on: dt.date


class TaskDoneIn(Schema):
    version: int | None = None


class ResponseTaskOut(Schema):
    id: int
    title: str
    assignee: str
    due_on: dt.date
    done_on: dt.date | None
    version: int

    @staticmethod
    def resolve_assignee(obj):
        return obj.assignee.username


class DutyIn(Schema):
    person: str  # username
    starts_at: dt.datetime
    ends_at: dt.datetime
    phone: str


class DutyOut(Schema):
    id: int
    person: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    phone: str

    @staticmethod
    def resolve_person(obj):
        return obj.person.username


class StatusReportIn(Schema):
    text: str


class StatusReportOut(Schema):
    id: int
    reported_at: dt.datetime
    text: str
    author: str

    @staticmethod
    def resolve_author(obj):
        return obj.author.username


@router.get("/plans", response=list[EmergencyPlanOut])
@paginated
def plans(request, filters: Query[selectors.EmergencyPlanFilters]):
    """The filters of the plan page (and its export), by the same names."""
    require(request.auth, "emergency.view")
    return selectors.plan_list(user=request.auth, filters=filters)


@router.post("/plans", response={201: EmergencyPlanOut})
def plan_save(request, payload: EmergencyPlanIn):
    require(request.auth, "emergency.edit")
    return 201, services.plan_save(org=request.auth.org, actor=request.auth, **payload.model_dump())


@router.get("/plans/{pk}", response=EmergencyPlanOut)
def plan_detail(request, pk: int):
    return selectors.plan_get(user=request.auth, pk=pk)


@router.get("/plans/{pk}/drills", response=list[DrillOut])
@paginated
def drills(request, pk: int):
    plan = selectors.plan_get(user=request.auth, pk=pk)
    return selectors.drill_list(user=request.auth, plan=plan)


@router.post("/plans/{pk}/drills", response={201: EmergencyCreatedOut})
def drill_record(request, pk: int, payload: DrillIn):
    plan = selectors.plan_get(user=request.auth, pk=pk)
    return 201, services.drill_record(plan=plan, actor=request.auth, **payload.model_dump())


@router.post("/plans/{pk}/activate", response={201: ActivationOut})
def plan_activate(request, pk: int, payload: ActivateIn):
    plan = selectors.plan_get(user=request.auth, pk=pk)
    data = payload.model_dump()
    ref = data.pop("early_warning")
    warning = selectors.warning_named(user=request.auth, ref=ref) if ref else None
    return 201, services.plan_activate(plan=plan, early_warning=warning, actor=request.auth, **data)


@router.get("/activations", response=list[ActivationOut])
@paginated
def activations(request, filters: Query[selectors.ActivationFilters]):
    require(request.auth, "emergency.view")
    return selectors.activation_list(user=request.auth, filters=filters)


@router.get("/activations/{pk}", response=ActivationOut)
def activation_detail(request, pk: int):
    return selectors.activation_get(user=request.auth, pk=pk)


@router.post("/activations/{pk}/close", response=ActivationOut)
def activation_close(request, pk: int, payload: EmergencyCloseIn):
    activation = selectors.activation_get(user=request.auth, pk=pk)
    return apply(services.activation_close, payload, activation=activation, actor=request.auth)


@router.get("/activations/{pk}/tasks", response=list[ResponseTaskOut])
@paginated
def tasks(request, pk: int):
    activation = selectors.activation_get(user=request.auth, pk=pk)
    return selectors.task_list(user=request.auth, activation=activation)


@router.post("/activations/{pk}/tasks", response={201: ResponseTaskOut})
def task_add(request, pk: int, payload: ResponseTaskIn):
    activation = selectors.activation_get(user=request.auth, pk=pk)
    data = payload.model_dump()
    assignee = selectors.responder_named(
        plan=activation.plan, username=data.pop("assignee"), field="assignee"
    )
    return 201, services.task_add(activation=activation, assignee=assignee, actor=request.auth, **data)


@router.post("/activations/{pk}/tasks/{task_id}/done", response=ResponseTaskOut)
def task_done(request, pk: int, task_id: int, payload: TaskDoneIn):
    activation = selectors.activation_get(user=request.auth, pk=pk)
    task = selectors.task_get(user=request.auth, activation=activation, pk=task_id)
    return apply(services.task_done, payload, task=task, actor=request.auth)


@router.get("/activations/{pk}/duties", response=list[DutyOut])
@paginated
def duties(request, pk: int):
    activation = selectors.activation_get(user=request.auth, pk=pk)
    return selectors.duty_list(user=request.auth, activation=activation)


@router.post("/activations/{pk}/duties", response={201: DutyOut})
def duty_add(request, pk: int, payload: DutyIn):
    activation = selectors.activation_get(user=request.auth, pk=pk)
    data = payload.model_dump()
    person = selectors.responder_named(plan=activation.plan, username=data.pop("person"), field="person")
    return 201, services.duty_add(activation=activation, person=person, actor=request.auth, **data)


@router.get("/activations/{pk}/reports", response=list[StatusReportOut])
@paginated
def reports(request, pk: int):
    activation = selectors.activation_get(user=request.auth, pk=pk)
    return selectors.report_list(user=request.auth, activation=activation)


@router.post("/activations/{pk}/reports", response={201: StatusReportOut})
def report_add(request, pk: int, payload: StatusReportIn):
    activation = selectors.activation_get(user=request.auth, pk=pk)
    return 201, services.report_add(activation=activation, text=payload.text, actor=request.auth)
