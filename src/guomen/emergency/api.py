"""Emergency plans API: plans, drills, activation and closure."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Router, Schema

from guomen.core.errors import ValidationFailed
from guomen.core.pagination import paginated
from guomen.core.permissions import require, restrict

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
    revised_on: dt.date


class DrillIn(Schema):
    held_on: dt.date
    scenario: str
    findings: str


class ActivateIn(Schema):
    situation: str
    tasks: str
    early_warning: str = ""


class ActivationOut(Schema):
    id: int
    status: str
    started_on: dt.date
    review: str


class EmergencyCloseIn(Schema):
    review: str
    version: int | None = None


class EmergencyCreatedOut(Schema):
    id: int


@router.get("/plans", response=list[EmergencyPlanOut])
@paginated
def plans(request):
    require(request.auth, "emergency.view")
    return selectors.plan_list(user=request.auth)


@router.post("/plans", response={201: EmergencyPlanOut})
def plan_save(request, payload: EmergencyPlanIn):
    require(request.auth, "emergency.edit")
    return 201, services.plan_save(org=request.auth.org, actor=request.auth, **payload.model_dump())


@router.post("/plans/{pk}/drills", response={201: EmergencyCreatedOut})
def drill_record(request, pk: int, payload: DrillIn):
    plan = selectors.plan_get(user=request.auth, pk=pk)
    return 201, services.drill_record(plan=plan, actor=request.auth, **payload.model_dump())


@router.post("/plans/{pk}/activate", response={201: ActivationOut})
def plan_activate(request, pk: int, payload: ActivateIn):
    from guomen.risk.models import EarlyWarning

    plan = selectors.plan_get(user=request.auth, pk=pk)
    warning = None
    if payload.early_warning:
        warning = restrict(
            EarlyWarning.objects.filter(number=payload.early_warning), request.auth, "risk.view"
        ).first()
        if warning is None:
            raise ValidationFailed(fields={"early_warning": [_("No such early warning that you may see.")]})
    return 201, services.plan_activate(
        plan=plan, situation=payload.situation, tasks=payload.tasks, early_warning=warning, actor=request.auth
    )


@router.post("/activations/{pk}/close", response=ActivationOut)
def activation_close(request, pk: int, payload: EmergencyCloseIn):
    activation = selectors.activation_get(user=request.auth, pk=pk)
    return services.activation_close(
        activation=activation, review=payload.review, actor=request.auth, expected_version=payload.version
    )
