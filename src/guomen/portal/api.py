"""Public API (no key needed for the public readers) and staff endpoints for publishing decisions."""

from datetime import date, datetime

from ninja import Query, Router, Schema

from guomen.accounts.models import OrgUnit
from guomen.core.errors import NotFound, ValidationFailed
from guomen.core.pagination import paginated
from guomen.registry.models import Enterprise

from . import ratelimit, selectors, services, sources

router = Router(tags=["public"])


class PublicDecisionOut(Schema):
    id: int
    kind: str
    decision_number: str
    enterprise_name: str
    enterprise_uscc: str
    decided_on: date
    summary: str
    legal_basis: str
    org: str
    published_at: datetime | None

    @staticmethod
    def resolve_org(obj) -> str:
        return obj.org.name


class StaffDecisionOut(PublicDecisionOut):
    published: bool
    version: int


class PortalDecisionIn(Schema):
    kind: str
    decision_number: str
    enterprise_uscc: str = ""
    enterprise_name: str = ""
    decided_on: date
    summary: str
    legal_basis: str = ""
    org: str


class PublishIn(Schema):
    published: bool
    reason: str = ""
    version: int | None = None


class RequirementOut(Schema):
    id: int
    hs: str
    commodity: str
    origin: str
    access_granted: bool
    pests: list[str]
    required_treatment: str
    marking: str
    registered_base_required: bool
    protocol: str
    documents: list[dict]

    @staticmethod
    def resolve_hs(obj) -> str:
        return obj.hs_id

    @staticmethod
    def resolve_commodity(obj) -> str:
        return obj.hs.display_name

    @staticmethod
    def resolve_origin(obj) -> str:
        return obj.origin_id

    @staticmethod
    def resolve_pests(obj) -> list[str]:
        return [
            f"{p.name_zh} ({p.scientific_name})" if p.scientific_name else p.name_zh for p in obj.pests.all()
        ]

    @staticmethod
    def resolve_documents(obj) -> list[dict]:
        return [
            {"id": d.pk, "number": d.number, "title": d.title} for d in selectors.requirement_documents(obj)
        ]


class ConsignmentIn(Schema):
    number: str
    verification_code: str


class IssuedDocumentOut(Schema):
    title: str
    number: str


class ConsignmentOut(Schema):
    number: str
    status: str
    status_label: str
    changed_on: date
    documents: list[IssuedDocumentOut] = []


PUBLIC_ROWS = 100_000  # the API pages through the published lists; the readers' own default is 200


def _unavailable(rows):
    if rows is None:
        raise NotFound()
    return rows


@router.get("/warnings", auth=None, response=list[dict])
@paginated
def warnings(request):
    """Consumer warnings in force now (withdrawn ones drop off on their date)."""
    return _unavailable(sources.consumer_warnings())


@router.get("/spot-checks", auth=None, response=list[dict])
@paginated
def spot_checks(request, filters: Query[selectors.SpotCheckFilters]):
    """Published spot-check results, the latest first: the filters of the portal page (and its export)."""
    return _unavailable(selectors.spot_check_results(filters, limit=PUBLIC_ROWS))


@router.get("/blacklist", auth=None, response=list[dict])
@paginated
def blacklist(request, filters: Query[selectors.BlacklistFilters]):
    """Enterprises on the blacklist now: the filters of the portal page (and its export)."""
    return _unavailable(selectors.blacklist(filters, limit=PUBLIC_ROWS))


@router.get("/credit", auth=None, response=list[dict])
@paginated
def credit(request, q: str):
    return _unavailable(sources.credit(q[:60])) if len(q.strip()) >= 2 else []


@router.get("/decisions", auth=None, response=list[PublicDecisionOut])
@paginated
def decisions(request, filters: Query[selectors.PublicDecisionFilters]):
    """Published licence and penalty decisions: the filters of the portal page (and its export)."""
    return selectors.public_decision_list(filters=filters)


@router.get("/decisions/{int:pk}", auth=None, response=PublicDecisionOut)
def decision(request, pk: int):
    return selectors.public_decision_get(pk=pk)


@router.get("/requirements", auth=None, response=list[RequirementOut])
@paginated
def requirements(request, filters: Query[selectors.PublicRequirementFilters]):
    """Import requirements by commodity and origin: the filters of the portal page (and its export)."""
    return selectors.requirement_list(filters=filters)


@router.post("/consignment-status", auth=None, response=ConsignmentOut)
def consignment_status(request, payload: ConsignmentIn):
    """Status of a declaration by number + verification code; wrong guesses are limited per client."""
    client = ratelimit.client_id(request)
    ratelimit.check("consignment_lookup", client)
    try:
        found = selectors.consignment_status(number=payload.number, code=payload.verification_code)
    except NotFound:
        ratelimit.hit("consignment_lookup", client)
        raise
    return {**found.__dict__, "documents": [{"title": t, "number": n} for t, n in found.documents]}


def _decision_data(payload: PortalDecisionIn) -> dict:
    data = payload.dict()
    org = OrgUnit.objects.filter(code=payload.org.upper()).first()
    if org is None:
        raise ValidationFailed(fields={"org": [payload.org]})
    enterprise = None
    if payload.enterprise_uscc:
        enterprise = Enterprise.objects.filter(uscc=payload.enterprise_uscc.upper()).first()
        if enterprise is None:
            raise ValidationFailed(fields={"enterprise_uscc": [payload.enterprise_uscc]})
    data.update(org=org, enterprise=enterprise)
    return data


@router.get("/manage/decisions", response=list[StaffDecisionOut])
@paginated
def decisions_for_publication(request, filters: Query[selectors.StaffDecisionFilters]):
    """Decisions of your units, published or not (staff): the filters of the staff page (and its export)."""
    return selectors.decision_list(user=request.auth, filters=filters)


@router.post("/decisions", response={201: StaffDecisionOut})
def decision_create(request, payload: PortalDecisionIn):
    """Enter a licence or penalty decision (staff); it is not public until published."""
    return 201, services.decision_create(data=_decision_data(payload), actor=request.auth)


@router.post("/decisions/{int:pk}/publication", response=StaffDecisionOut)
def decision_publication(request, pk: int, payload: PublishIn):
    """Publish a decision on the portal or withdraw it (staff)."""
    d = selectors.decision_get(user=request.auth, pk=pk, action="decision.publish")
    return services.decision_set_published(
        decision=d,
        published=payload.published,
        actor=request.auth,
        reason=payload.reason,
        expected_version=payload.version,
    )
