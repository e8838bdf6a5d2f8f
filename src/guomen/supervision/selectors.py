"""Supervision reads: permission-checked lists for staff and enterprises, public data for the portal."""

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.core.errors import NotFound
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import restrict
from guomen.declarations.models import Declaration
from guomen.registry.models import Enterprise
from guomen.registry.validators import uscc_clean

from .choices import ApplicationStatus, BlacklistStatus, CheckStatus, CreditEventStatus
from .models import (
    AccessApplication,
    BlacklistEntry,
    CreditDowngrade,
    CreditEvent,
    EnterpriseStanding,
    RemovalPetition,
    SpotCheckPlan,
    SpotCheckTask,
    StandingChange,
)

# --- internal reads (no user: used by services and by targeting's floor) ------------------------------


def conforming_streak(entry: BlacklistEntry) -> int:
    """Consecutive conforming consignments of the enterprise since it was blacklisted (newest first)."""
    since = entry.listed_at or entry.created_at
    outcomes = (
        Declaration.objects.filter(declarant_id=entry.enterprise_id, submitted_at__gte=since)
        .filter(outcome__in=["conforming", "non_conforming"])
        .order_by("-submitted_at", "-id")
        .values_list("outcome", flat=True)
    )
    streak = 0
    for outcome in outcomes.iterator(chunk_size=500):
        if outcome != "conforming":
            break
        streak += 1
    return streak


def listed_entry(enterprise_id) -> BlacklistEntry | None:
    return BlacklistEntry.objects.filter(enterprise_id=enterprise_id, status=BlacklistStatus.LISTED).first()


# --- staff and enterprise users ------------------------------------------------------------------------


def _get(qs: QuerySet, pk):
    found = qs.filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def enterprise_for(*, user, pk) -> Enterprise:
    """An enterprise whose supervision file the user may see (staff: any; enterprise users: their own)."""
    return _get(restrict(Enterprise.objects.select_related("org"), user, "supervision.view"), pk)


def enterprise_list(*, user, q: str = "", klass: str = "", grade: str = "", blacklisted: bool = False):
    qs = restrict(Enterprise.objects.select_related("org", "standing"), user, "supervision.view")
    text = str(q or "").strip()
    if text:
        qs = qs.filter(Q(name_zh__icontains=text) | Q(uscc__icontains=text.upper()))
    if klass:
        qs = qs.filter(classification=klass)
    if grade:
        qs = qs.filter(credit_grade=grade)
    if blacklisted:
        qs = qs.filter(blacklist_entries__status=BlacklistStatus.LISTED)
    return qs.order_by("name_zh", "id")


def standing_of(enterprise) -> EnterpriseStanding | None:
    return EnterpriseStanding.objects.filter(enterprise=enterprise).select_related("override_by").first()


def standing_changes(enterprise, limit: int = 20):
    return StandingChange.objects.filter(enterprise=enterprise)[:limit]


class ApplicationFilters(FilterSet):
    """The access applications' filters: the page (supervision:applications), its export and
    GET /api/v1/supervision/applications."""

    status: one_of(ApplicationStatus, "Where the application stands") = ""


def application_list(
    *, user, filters: ApplicationFilters | None = None, enterprise=None, **given
) -> QuerySet:
    f = filters or ApplicationFilters(**given)
    qs = restrict(AccessApplication.objects.all(), user, "supervision.view").select_related(
        "enterprise", "production_base", "submitted_by", "decided_by"
    )
    if f.status:
        qs = qs.filter(status=f.status)
    if enterprise is not None:
        qs = qs.filter(enterprise=enterprise)
    return qs


def application_get(*, user, pk) -> AccessApplication:
    return _get(application_list(user=user), pk)


def credit_event_list(*, user, enterprise=None, kind: str = "") -> QuerySet:
    qs = restrict(CreditEvent.objects.all(), user, "supervision.view").select_related(
        "enterprise", "recorded_by"
    )
    if enterprise is not None:
        qs = qs.filter(enterprise=enterprise)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def credit_event_get(*, user, pk) -> CreditEvent:
    return _get(credit_event_list(user=user), pk)


class BlacklistEntryFilters(FilterSet):
    """The blacklist entries' filters (staff and the enterprise's own): the page (supervision:blacklist), its export
    and GET /api/v1/supervision/blacklist."""

    status: one_of(BlacklistStatus, "Where the entry stands") = ""


def blacklist_list(
    *, user, filters: BlacklistEntryFilters | None = None, enterprise=None, **given
) -> QuerySet:
    f = filters or BlacklistEntryFilters(**given)
    qs = restrict(BlacklistEntry.objects.all(), user, "supervision.view").select_related(
        "enterprise", "decided_by", "proposed_by"
    )
    if f.status:
        qs = qs.filter(status=f.status)
    if enterprise is not None:
        qs = qs.filter(enterprise=enterprise)
    return qs


def blacklist_get(*, user, pk) -> BlacklistEntry:
    return _get(blacklist_list(user=user), pk)


def petition_get(*, user, pk) -> RemovalPetition:
    qs = restrict(RemovalPetition.objects.all(), user, "supervision.view").select_related("entry__enterprise")
    return _get(qs, pk)


def downgrade_list(*, user, status: str = "", enterprise=None) -> QuerySet:
    """Proposed and decided downgrades to grade D (staff only: a proposal is the bureau's deliberation)."""
    if getattr(user, "role", None) == Role.ENTERPRISE:
        return CreditDowngrade.objects.none()
    qs = restrict(CreditDowngrade.objects.all(), user, "supervision.view").select_related(
        "enterprise", "proposed_by", "decided_by"
    )
    if status:
        qs = qs.filter(status=status)
    if enterprise is not None:
        qs = qs.filter(enterprise=enterprise)
    return qs


def downgrade_get(*, user, pk) -> CreditDowngrade:
    return _get(downgrade_list(user=user), pk)


def plan_list(*, user) -> QuerySet:
    return restrict(SpotCheckPlan.objects.all(), user, "supervision.spotcheck.view").select_related("org")


def plan_get(*, user, pk) -> SpotCheckPlan:
    return _get(plan_list(user=user), pk)


def plan_tasks(plan) -> QuerySet:
    return plan.tasks.select_related("enterprise", "inspector_a", "inspector_b").order_by("rank")


def my_checks(user, *, open_only: bool = True) -> QuerySet:
    """The spot checks this inspector was drawn for."""
    qs = SpotCheckTask.objects.filter(Q(inspector_a=user) | Q(inspector_b=user)).select_related(
        "enterprise", "plan", "inspector_a", "inspector_b"
    )
    if open_only:
        qs = qs.filter(status=CheckStatus.ASSIGNED)
    return qs.order_by("plan__ends_on", "rank")


def check_get(*, user, pk) -> SpotCheckTask:
    """A spot check: its drawn inspectors, or staff of its jurisdiction allowed to view spot checks."""
    task = (
        SpotCheckTask.objects.select_related("enterprise__org", "plan", "inspector_a", "inspector_b")
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise NotFound()
    if user.pk in (task.inspector_a_id, task.inspector_b_id):
        return task
    if not restrict(SpotCheckTask.objects.filter(pk=pk), user, "supervision.spotcheck.view").exists():
        raise NotFound()
    return task


def check_assignment_options(*, user, task: SpotCheckTask) -> list[dict]:
    """For a supervisor of the plan's jurisdiction: the inspectors to choose from, with why others are excluded."""
    from .eligibility import assignment_options
    from .services.assignment import require_assigner

    require_assigner(user, task)
    return assignment_options(task)


def publication_due(*, user) -> QuerySet:
    """Recorded results not yet published, the most urgent first."""
    qs = restrict(
        SpotCheckTask.objects.filter(status=CheckStatus.RECORDED), user, "supervision.spotcheck.view"
    )
    return qs.select_related("enterprise", "plan").order_by("publish_by", "id")


# --- public data (the portal calls these; only public fields, no personal data) -------------------------


def _public_result(task: SpotCheckTask) -> dict:
    return {
        "enterprise_name": task.enterprise.name_zh,
        "uscc": task.enterprise.uscc,
        "plan": task.plan.name,
        "result": task.result,
        "result_label": str(task.get_result_display()),
        "checked_on": timezone.localdate(task.recorded_at) if task.recorded_at else None,
        "published_on": task.published_on,
        "rectified_on": task.rectified_on,
        "inspector_selection": "manual" if task.manually_assigned else "random",
        "inspector_selection_label": str(
            _("Assigned by hand") if task.manually_assigned else _("Drawn at random")
        ),
    }


def published_spot_check_results(filters: dict | None = None) -> list[dict]:
    """Published spot-check results: enterprise name, USCC, plan, result, dates. Filters: q, result, year."""
    filters = filters or {}
    qs = SpotCheckTask.objects.filter(status=CheckStatus.PUBLISHED).select_related("enterprise", "plan")
    text = str(filters.get("q") or "").strip()
    if text:
        qs = qs.filter(Q(enterprise__name_zh__icontains=text) | Q(enterprise__uscc__icontains=text.upper()))
    if filters.get("result"):
        qs = qs.filter(result=filters["result"])
    if filters.get("year"):
        qs = qs.filter(published_on__year=int(filters["year"]))
    limit = int(filters.get("limit") or 200)
    return [_public_result(t) for t in qs.order_by("-published_on", "-id")[:limit]]


def public_blacklist(filters: dict | None = None) -> list[dict]:
    """Enterprises on the blacklist now: name, USCC, reason, legal basis, date listed."""
    filters = filters or {}
    qs = BlacklistEntry.objects.filter(status=BlacklistStatus.LISTED).select_related("enterprise")
    text = str(filters.get("q") or "").strip()
    if text:
        qs = qs.filter(Q(enterprise__name_zh__icontains=text) | Q(enterprise__uscc__icontains=text.upper()))
    return [
        {
            "enterprise_name": e.enterprise.name_zh,
            "uscc": e.enterprise.uscc,
            "reason": e.reason,
            "legal_basis": e.legal_basis,
            "listed_on": timezone.localdate(e.listed_at) if e.listed_at else None,
        }
        for e in qs.order_by("-listed_at", "-id")[: int(filters.get("limit") or 200)]
    ]


def public_credit(uscc_or_name: str) -> list[dict]:
    """Credit lookup by credit code (exact) or name (contains): grade, class, filing, blacklist, results."""
    text = str(uscc_or_name or "").strip()
    if not text:
        return []
    code = uscc_clean(text)
    qs = Enterprise.objects.filter(uscc=code) if code and len(code) == 18 else Enterprise.objects.none()
    if not qs.exists():
        qs = Enterprise.objects.filter(name_zh__icontains=text)
    found = []
    for enterprise in qs.order_by("name_zh")[:20]:
        entry = listed_entry(enterprise.pk)
        published = SpotCheckTask.objects.filter(enterprise=enterprise, status=CheckStatus.PUBLISHED)
        found.append(
            {
                "enterprise_name": enterprise.name_zh,
                "uscc": enterprise.uscc,
                "credit_grade": enterprise.credit_grade,
                "classification": enterprise.classification,
                "filing_status": enterprise.filing_status,
                "filing_status_label": str(enterprise.get_filing_status_display()),
                "blacklisted": entry is not None,
                "blacklist_reason": entry.reason if entry else "",
                "spot_checks": [
                    _public_result(t) for t in published.select_related("enterprise", "plan")[:10]
                ],
                "violations_in_force": CreditEvent.objects.filter(
                    enterprise=enterprise, status=CreditEventStatus.ACTIVE, kind="violation"
                ).count(),
            }
        )
    return found


# --- four-eyes approvals waiting for the user (core.work: the 待审批 queue) ---------------------------------


def approvals_waiting(user) -> list:
    """Blacklistings, liftings and downgrades to D proposed by someone else; spot checks the user took no
    part in, ready to publish."""
    from django.urls import reverse

    from guomen.core.permissions import can
    from guomen.core.work import Approval

    from .choices import DowngradeStatus, PetitionStatus

    rows = []
    if can(user, "supervision.blacklist.decide"):
        entries = blacklist_list(user=user, status=BlacklistStatus.PROPOSED).exclude(proposed_by=user)
        rows += [
            Approval(
                _("Blacklisting to decide"),
                e.enterprise.name_zh,
                reverse("supervision:enterprise_detail", args=[e.enterprise_id]),
                str(e.proposed_by or ""),
            )
            for e in entries.order_by("created_at", "id")
        ]
    if can(user, "supervision.petition.decide"):
        petitions = (
            restrict(RemovalPetition.objects.all(), user, "supervision.view")
            .filter(status=PetitionStatus.RECOMMENDED)
            .exclude(recommended_by=user)
            .select_related("entry__enterprise", "recommended_by")
        )
        rows += [
            Approval(
                _("Lifting of a blacklisting to approve"),
                p.entry.enterprise.name_zh,
                reverse("supervision:enterprise_detail", args=[p.entry.enterprise_id]),
                str(p.recommended_by or ""),
            )
            for p in petitions.order_by("created_at", "id")
        ]
    if can(user, "supervision.downgrade.decide"):
        downgrades = downgrade_list(user=user, status=DowngradeStatus.PROPOSED).exclude(proposed_by=user)
        rows += [
            Approval(
                _("Downgrade to grade D to approve"),
                d.enterprise.name_zh,
                reverse("supervision:enterprise_detail", args=[d.enterprise_id]),
                str(d.proposed_by or ""),
            )
            for d in downgrades.order_by("created_at", "id")
        ]
    if can(user, "supervision.spotcheck.publish"):
        checks = (
            restrict(SpotCheckTask.objects.all(), user, "supervision.spotcheck.view")
            .filter(status=CheckStatus.RECORDED)
            .exclude(assigned_by=user)
            .exclude(recorded_by=user)
            .exclude(inspector_a=user)
            .exclude(inspector_b=user)
            .select_related("enterprise", "recorded_by")
        )
        rows += [
            Approval(
                _("Spot-check result to publish"),
                c.enterprise.name_zh,
                reverse("supervision:check_detail", args=[c.pk]),
                str(c.recorded_by or ""),
            )
            for c in checks.order_by("recorded_at", "id")
        ]
    return rows


def service_list(*, user, enterprise=None) -> QuerySet:
    """Services to enterprises the user may see: their unit's (staff), or those their enterprise attended."""
    from .models import EnterpriseService

    qs = restrict(EnterpriseService.objects.all(), user, "supervision.view").select_related(
        "org", "recorded_by"
    )
    if enterprise is not None:
        qs = qs.filter(attendances__enterprise=enterprise)
    return qs.prefetch_related("attendances__enterprise").order_by("-held_on", "-id")
