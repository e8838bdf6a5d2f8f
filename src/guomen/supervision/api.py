"""Supervision API: standing, access decisions, credit events, blacklist, spot-check plans and results."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Router, Schema

from guomen.core.errors import NotFound, ValidationFailed
from guomen.core.pagination import paginated
from guomen.core.permissions import require

from . import selectors, services
from .models import SpotCheckPlan

router = Router(tags=["supervision"])


def _enterprise(request, uscc: str):
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
    enterprise = _enterprise(request, uscc)
    s = selectors.standing_of(enterprise)
    return {
        "uscc": enterprise.uscc, "name": enterprise.name_zh, "filing_status": enterprise.filing_status,
        "classification": enterprise.classification, "credit_grade": enterprise.credit_grade,
        "credit_score": s.credit_score if s else None, "blacklisted": selectors.listed_entry(enterprise.pk) is not None,
        "class_override": s.class_override if s else "",
    }  # fmt: skip


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
    enterprise = _enterprise(request, uscc)
    services.enterprise_filing_change(enterprise=enterprise, action=payload.action, reason=payload.reason,
                                      actor=request.auth)  # fmt: skip
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
def applications(request, status: str = ""):
    require(request.auth, "supervision.view")
    return selectors.application_list(user=request.auth, status=status)


@router.post("/applications/{app_id}/decision", response=ApplicationOut)
def application_decision(request, app_id: int, payload: SupervisionDecisionIn):
    app = selectors.application_get(user=request.auth, pk=app_id)
    return services.application_decide(application=app, approve=payload.approve, reason=payload.reason,
                                       actor=request.auth)  # fmt: skip


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
    enterprise = _enterprise(request, uscc) if uscc else None
    return selectors.credit_event_list(user=request.auth, enterprise=enterprise)


@router.post("/credit-events", response={201: CreditEventOut})
def credit_event_create(request, payload: CreditEventIn):
    enterprise = _enterprise(request, payload.uscc)
    related = None
    if payload.related_event:
        related = selectors.credit_event_list(user=request.auth, enterprise=enterprise).filter(
            pk=payload.related_event).first()  # fmt: skip
    event = services.credit_event_record(
        enterprise=enterprise, kind=payload.kind, severity=payload.severity, occurred_on=payload.occurred_on,
        description=payload.description, evidence=payload.evidence, related_event=related, actor=request.auth,
    )  # fmt: skip
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
def blacklist(request, status: str = ""):
    require(request.auth, "supervision.view")
    return selectors.blacklist_list(user=request.auth, status=status)


@router.post("/blacklist", response={201: BlacklistOut})
def blacklist_propose(request, payload: BlacklistIn):
    enterprise = _enterprise(request, payload.uscc)
    return 201, services.blacklist_propose(enterprise=enterprise, reason=payload.reason,
                                           legal_basis=payload.legal_basis, actor=request.auth)  # fmt: skip


@router.post("/blacklist/{entry_id}/decision", response=BlacklistOut)
def blacklist_decision(request, entry_id: int, payload: SupervisionDecisionIn):
    entry = selectors.blacklist_get(user=request.auth, pk=entry_id)
    return services.blacklist_decide(
        entry=entry, approve=payload.approve, note=payload.reason, actor=request.auth
    )


@router.post("/blacklist/{entry_id}/petitions", response={201: PetitionOut})
def petition(request, entry_id: int, payload: PetitionIn):
    entry = selectors.blacklist_get(user=request.auth, pk=entry_id)
    return 201, services.petition_submit(entry=entry, root_cause=payload.root_cause,
                                         corrective_actions=payload.corrective_actions, actor=request.auth)  # fmt: skip


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
            {"rank": t.rank, "uscc": t.enterprise.uscc, "name": t.enterprise.name_zh,
             "inspectors": [u.username for u in t.inspectors], "status": t.status, "result": t.result}
            for t in selectors.plan_tasks(obj)
        ]  # fmt: skip


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
            for slot, user, manual in (("a", obj.inspector_a, obj.inspector_a_manual), ("b", obj.inspector_b, obj.inspector_b_manual))
            if user is not None
        ]  # fmt: skip

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
        task=task, items={i.position: (i.outcome, i.note) for i in payload.items}, summary=payload.summary,
        samples_taken=payload.samples_taken, rectification_due=payload.rectification_due, actor=request.auth,
        expected_version=payload.expected_version,
    )  # fmt: skip


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
        {"username": o["user"].username, "name": str(o["user"]), "unit": o["user"].org.name if o["user"].org_id else "",
         "eligible": o["eligible"], "current": o["current"], "open_checks": o["open_checks"],
         "reasons": [text for _kind, text in o["reasons"]]}
        for o in selectors.check_assignment_options(user=request.auth, task=task)
    ]  # fmt: skip


@router.post("/checks/{check_id}/inspectors", response=SpotCheckOut)
def check_assign(request, check_id: int, payload: AssignIn):
    """Assign or replace the inspectors of a spot check that has not started, by hand, with a reason."""
    task = selectors.check_get(user=request.auth, pk=check_id)
    services.require_assigner(request.auth, task)
    return services.check_assign_inspectors(
        task=task, inspector_a=_inspector(payload.inspector_a, "inspector_a"),
        inspector_b=_inspector(payload.inspector_b, "inspector_b"), reason=payload.reason, actor=request.auth,
        expected_version=payload.expected_version,
    )  # fmt: skip


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


# --- credit explained: mounted at /api/v1/enterprise/credit -------------------------------------------------

credit_router = Router(tags=["enterprise credit"])


class CreditLineOut(Schema):
    id: int
    date: dt.date
    kind: str
    severity: str
    rule: str
    points: int
    counts: bool
    counts_until: dt.date
    description: str
    record: str


class GradeBandOut(Schema):
    grade: str
    min_score: int | None
    max_score: int | None


class CreditExplainedOut(Schema):
    uscc: str
    name: str
    grade: str
    computed_grade: str
    credit_score: int
    base_score: int
    window_days: int
    blacklisted: bool
    downgrade_pending: bool
    events: list[CreditLineOut]
    grades: list[GradeBandOut]
    restore: list[str]
    notes: list[str]


@credit_router.get("", response=CreditExplainedOut)
def credit_explained(request, uscc: str = ""):
    """The credit grade and score with every credit event that produced them (date, rule, points, record), the
    thresholds of each grade and what restores it. An enterprise user or an enterprise's system key reads its own
    enterprise (`uscc` may be left out); staff name the enterprise by `uscc` (within their jurisdiction)."""
    from .explain import credit_explain

    user = request.auth
    if user.enterprise_id:  # an enterprise user or an enterprise's system key: its own enterprise only
        require(user, "enterprise.view")
        enterprise = user.enterprise
        if uscc and uscc.strip().upper() != enterprise.uscc:
            raise NotFound()
    else:
        require(user, "supervision.view")
        if not uscc:
            raise ValidationFailed(
                fields={"uscc": [_("Name the enterprise by its unified social credit code.")]}
            )
        enterprise = _enterprise(request, uscc)
    x = credit_explain(enterprise=enterprise, user=user)
    return {
        "uscc": enterprise.uscc, "name": enterprise.name_zh, "grade": x.grade, "computed_grade": x.computed_grade,
        "credit_score": x.score, "base_score": x.base_score, "window_days": x.window_days, "blacklisted": x.blacklisted,
        "downgrade_pending": x.downgrade_pending, "restore": x.restore, "notes": x.notes,
        "grades": [{"grade": b.grade, "min_score": b.min_score, "max_score": b.max_score} for b in x.bands],
        "events": [
            {"id": ln.event.pk, "date": ln.event.occurred_on, "kind": ln.event.kind, "severity": ln.event.severity,
             "rule": ln.rule, "points": ln.event.points, "counts": ln.counts, "counts_until": ln.counts_until,
             "description": ln.event.description, "record": ln.link}
            for ln in x.lines
        ],
    }  # fmt: skip
