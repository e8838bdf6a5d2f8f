"""Supervision API: an enterprise's standing and filing, access decisions, credit events, blacklist and
petitions, downgrades."""

import datetime as dt

from ninja import Query, Router, Schema

from guomen.core.errors import NotFound
from guomen.core.pagination import paginated
from guomen.core.permissions import require

from .. import selectors, services

router = Router(tags=["supervision"])


def enterprise_seen(request, uscc: str):
    from guomen.registry.validators import uscc_clean

    found = selectors.enterprise_list(user=request.auth).filter(uscc=uscc_clean(uscc)).first()
    if found is None:
        raise NotFound()
    return found


class StandingOut(Schema):
    uscc: str
    name: str
    filing_status: str
    classification: str
    credit_grade: str
    credit_score: int | None
    blacklisted: bool
    class_override: str


@router.get("/enterprises/{uscc}/standing", response=StandingOut)
def standing(request, uscc: str):
    enterprise = enterprise_seen(request, uscc)
    s = selectors.standing_of(enterprise)
    return {
        "uscc": enterprise.uscc,
        "name": enterprise.name_zh,
        "filing_status": enterprise.filing_status,
        "classification": enterprise.classification,
        "credit_grade": enterprise.credit_grade,
        "credit_score": s.credit_score if s else None,
        "blacklisted": selectors.listed_entry(enterprise.pk) is not None,
        "class_override": s.class_override if s else "",
    }


class ReasonIn(Schema):
    reason: str


class FilingIn(ReasonIn):
    action: str


class SupervisionDecisionIn(ReasonIn):
    approve: bool


class StatusOut(Schema):
    id: int
    status: str


@router.post("/enterprises/{uscc}/filing", response=StandingOut)
def filing(request, uscc: str, payload: FilingIn):
    enterprise = enterprise_seen(request, uscc)
    services.enterprise_filing_change(
        enterprise=enterprise, action=payload.action, reason=payload.reason, actor=request.auth
    )
    return standing(request, uscc)


class ApplicationOut(Schema):
    id: int
    kind: str
    status: str
    enterprise_uscc: str
    production_base: str | None
    statement: str
    decision_reason: str

    @staticmethod
    def resolve_enterprise_uscc(obj):
        return obj.enterprise.uscc

    @staticmethod
    def resolve_production_base(obj):
        return obj.production_base.code if obj.production_base_id else None


@router.get("/applications", response=list[ApplicationOut])
@paginated
def applications(request, filters: Query[selectors.ApplicationFilters]):
    require(request.auth, "supervision.view")
    return selectors.application_list(user=request.auth, filters=filters)


@router.post("/applications/{app_id}/decision", response=ApplicationOut)
def application_decision(request, app_id: int, payload: SupervisionDecisionIn):
    app = selectors.application_get(user=request.auth, pk=app_id)
    return services.application_decide(
        application=app, approve=payload.approve, reason=payload.reason, actor=request.auth
    )


class CreditEventIn(Schema):
    uscc: str
    kind: str
    severity: str = ""
    occurred_on: dt.date
    description: str
    evidence: str = ""
    related_event: int | None = None


class CreditEventOut(Schema):
    id: int
    kind: str
    severity: str
    points: int
    occurred_on: dt.date
    description: str
    evidence: str
    status: str


@router.get("/credit-events", response=list[CreditEventOut])
@paginated
def credit_events(request, uscc: str = ""):
    require(request.auth, "supervision.view")
    enterprise = enterprise_seen(request, uscc) if uscc else None
    return selectors.credit_event_list(user=request.auth, enterprise=enterprise)


@router.post("/credit-events", response={201: CreditEventOut})
def credit_event_create(request, payload: CreditEventIn):
    enterprise = enterprise_seen(request, payload.uscc)
    related = None
    if payload.related_event:
        related = (
            selectors.credit_event_list(user=request.auth, enterprise=enterprise)
            .filter(pk=payload.related_event)
            .first()
        )
    event = services.credit_event_record(
        enterprise=enterprise,
        kind=payload.kind,
        severity=payload.severity,
        occurred_on=payload.occurred_on,
        description=payload.description,
        evidence=payload.evidence,
        related_event=related,
        actor=request.auth,
    )
    return 201, event


class BlacklistIn(Schema):
    uscc: str
    reason: str
    legal_basis: str = ""


class BlacklistOut(Schema):
    id: int
    enterprise_uscc: str
    status: str
    reason: str
    required_conforming: int

    @staticmethod
    def resolve_enterprise_uscc(obj):
        return obj.enterprise.uscc


class PetitionIn(Schema):
    root_cause: str
    corrective_actions: str


class PetitionOut(Schema):
    id: int
    status: str
    conforming_streak: int


@router.get("/blacklist", response=list[BlacklistOut])
@paginated
def blacklist(request, filters: Query[selectors.BlacklistEntryFilters]):
    require(request.auth, "supervision.view")
    return selectors.blacklist_list(user=request.auth, filters=filters)


@router.post("/blacklist", response={201: BlacklistOut})
def blacklist_propose(request, payload: BlacklistIn):
    enterprise = enterprise_seen(request, payload.uscc)
    return 201, services.blacklist_propose(
        enterprise=enterprise, reason=payload.reason, legal_basis=payload.legal_basis, actor=request.auth
    )


@router.post("/blacklist/{entry_id}/decision", response=BlacklistOut)
def blacklist_decision(request, entry_id: int, payload: SupervisionDecisionIn):
    entry = selectors.blacklist_get(user=request.auth, pk=entry_id)
    return services.blacklist_decide(
        entry=entry, approve=payload.approve, note=payload.reason, actor=request.auth
    )


@router.post("/blacklist/{entry_id}/petitions", response={201: PetitionOut})
def petition(request, entry_id: int, payload: PetitionIn):
    entry = selectors.blacklist_get(user=request.auth, pk=entry_id)
    return 201, services.petition_submit(
        entry=entry,
        root_cause=payload.root_cause,
        corrective_actions=payload.corrective_actions,
        actor=request.auth,
    )


@router.post("/petitions/{petition_id}/decision", response=PetitionOut)
def petition_decision(request, petition_id: int, payload: SupervisionDecisionIn):
    petition = selectors.petition_get(user=request.auth, pk=petition_id)
    return services.petition_decide(
        petition=petition, grant=payload.approve, reason=payload.reason, actor=request.auth
    )


class DowngradeOut(Schema):
    id: int
    enterprise_uscc: str
    status: str
    from_grade: str
    score: int
    proposed_by: str | None = None

    @staticmethod
    def resolve_enterprise_uscc(obj):
        return obj.enterprise.uscc

    @staticmethod
    def resolve_proposed_by(obj):
        return obj.proposed_by.username if obj.proposed_by_id else None


@router.get(
    "/downgrades", response=list[DowngradeOut], summary="Downgrades to grade D (proposed and decided)"
)
@paginated
def downgrades(request, status: str = ""):
    require(request.auth, "supervision.downgrade.decide")
    return selectors.downgrade_list(user=request.auth, status=status)


@router.post(
    "/downgrades/{downgrade_id}/decision",
    response=DowngradeOut,
    summary="A second supervisor approves or rejects a downgrade to grade D",
)
def downgrade_decision(request, downgrade_id: int, payload: SupervisionDecisionIn):
    downgrade = selectors.downgrade_get(user=request.auth, pk=downgrade_id)
    return services.downgrade_decide(
        downgrade=downgrade, approve=payload.approve, note=payload.reason, actor=request.auth
    )
