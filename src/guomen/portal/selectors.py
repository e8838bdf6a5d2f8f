"""Portal reads: only published information, never personal data or another party's details."""

import hmac
import re
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone
from ninja import Field

from guomen.catalog.models import Country, ImportRequirement
from guomen.catalog.selectors import country_resolve, normalise_hs
from guomen.core.errors import NotFound
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import require, restrict
from guomen.declarations.models import Declaration
from guomen.documents.selectors import documents_for

from . import sources
from .choices import DecisionKind
from .models import PublicDecision

# Decisions ----------------------------------------------------------------------------------------


class PublicDecisionFilters(FilterSet):
    """The public decision list's filters: the page (portal:decisions), its export and GET /api/v1/public/decisions."""

    kind: one_of(DecisionKind, "Licence or penalty") = ""
    q: str = Field(
        "", max_length=100, description="Decision number, enterprise name or credit code, or summary"
    )
    year: int | None = Field(None, ge=1990, le=2100, description="Year of the decision")


def public_decision_list(*, filters: PublicDecisionFilters | None = None, **given) -> QuerySet:
    """Published decisions only (anyone may read them), the latest first."""
    f = filters or PublicDecisionFilters(**given)
    qs = PublicDecision.objects.filter(published=True).select_related("org")
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.year:
        qs = qs.filter(decided_on__year=f.year)
    if f.q:
        qs = qs.filter(
            Q(decision_number__icontains=f.q)
            | Q(enterprise_name__icontains=f.q)
            | Q(enterprise_uscc=f.q.upper())
            | Q(summary__icontains=f.q)
        )
    return qs.order_by("-decided_on", "-id")


def public_decision_get(*, pk: int) -> PublicDecision:
    found = public_decision_list().filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


class StaffDecisionFilters(FilterSet):
    """The staff list of decisions for publication: the page (portal:decision_admin), its export and
    GET /api/v1/public/manage/decisions."""

    kind: one_of(DecisionKind, "Licence or penalty") = ""
    published: one_of(["yes", "no"], "yes: on the portal now; no: not published (yet, or withdrawn)") = ""
    q: str = Field("", max_length=60, description="Decision number or enterprise name (part of it)")


def decision_list(*, user, filters: StaffDecisionFilters | None = None, **given) -> QuerySet:
    """Decisions of the user's units, published or not, the latest first."""
    require(user, "decision.view")
    f = filters or StaffDecisionFilters(**given)
    qs = restrict(PublicDecision.objects.all(), user, "decision.view").select_related("org")
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.published:
        qs = qs.filter(published=f.published == "yes")
    if f.q:
        qs = qs.filter(Q(decision_number__icontains=f.q) | Q(enterprise_name__icontains=f.q))
    return qs.order_by("-decided_on", "-id")


def decision_get(*, user, pk: int, action: str = "decision.view") -> PublicDecision:
    require(user, action)
    found = restrict(PublicDecision.objects.all(), user, action).select_related("org").filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


# Spot-check results and the blacklist (read from supervision through `sources`) -------------------------


class SpotCheckFilters(FilterSet):
    """The published spot-check results' filters: the page (portal:spot_checks), its export and
    GET /api/v1/public/spot-checks."""

    q: str = Field(
        "", max_length=100, description="Enterprise name or unified social credit code (part of it)"
    )
    result: one_of(sources.spot_check_result_choices(), "Result of the check") = ""
    year: int | None = Field(None, ge=1990, le=2100, description="Year the result was published")


class BlacklistFilters(FilterSet):
    """The blacklist's filters: the page (portal:blacklist), its export and GET /api/v1/public/blacklist."""

    q: str = Field(
        "", max_length=100, description="Enterprise name or unified social credit code (part of it)"
    )


def spot_check_results(filters: SpotCheckFilters, *, limit: int) -> list[dict] | None:
    """Published results only, the latest first, at most `limit`; None when the source is not available."""
    return sources.spot_check_results({**filters.model_dump(), "limit": limit})


def blacklist(filters: BlacklistFilters, *, limit: int) -> list[dict] | None:
    """Enterprises on the blacklist now, the latest listed first, at most `limit`; None when not available."""
    return sources.blacklist({**filters.model_dump(), "limit": limit})


# Import requirements ------------------------------------------------------------------------------


class PublicRequirementFilters(FilterSet):
    """The public import requirement list's filters: the page (portal:requirements), its export and
    GET /api/v1/public/requirements."""

    commodity: str = Field("", max_length=60, description="Commodity: HS code (prefix) or name (part of it)")
    origin: str = Field("", max_length=60, description="Origin: code or name")


def requirement_list(*, filters: PublicRequirementFilters | None = None, **given) -> QuerySet:
    """Import requirements by commodity (HS code or name) and origin (code or name)."""
    f = filters or PublicRequirementFilters(**given)
    qs = ImportRequirement.objects.select_related("hs", "origin").prefetch_related("pests")
    if f.commodity:
        digits = normalise_hs(f.commodity)
        if digits and re.fullmatch(r"[\d. ]+", f.commodity):
            qs = qs.filter(hs__code__startswith=digits)
        else:
            qs = qs.filter(Q(hs__name_zh__icontains=f.commodity) | Q(hs__name_en__icontains=f.commodity))
    if f.origin:
        country = country_resolve(f.origin)
        qs = qs.filter(origin=country) if country else qs.filter(origin__name_zh__icontains=f.origin)
    return qs.order_by("hs_id", "origin_id")


def requirement_get(*, pk: int) -> ImportRequirement:
    found = requirement_list().filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


def requirement_documents(requirement: ImportRequirement) -> list:
    return documents_for(hs=requirement.hs_id, origin=requirement.origin_id, public_only=True)


def requirement_origins() -> QuerySet:
    return Country.objects.filter(requirements__isnull=False).distinct().order_by("code")


# Consignment status -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsignmentStatus:
    """All a trader learns: the status of their declaration and when it last changed."""

    number: str
    status: str
    status_label: str
    changed_on: date
    documents: tuple = ()  # (title, number) of each document issued for it


def consignment_status(*, number: str, code: str) -> ConsignmentStatus:
    """Status by declaration number plus the verification code on the receipt; a wrong pair is not found."""
    number = (number or "").strip().upper()[:30]
    code = (code or "").strip().upper()[:8]
    row = (
        Declaration.objects.filter(number=number)
        .values("number", "status", "verification_code", "updated_at")
        .first()
        if number and code
        else None
    )
    if row is None or not hmac.compare_digest(row["verification_code"].upper().encode(), code.encode()):
        raise NotFound()
    label = dict(Declaration._meta.get_field("status").choices).get(row["status"], row["status"])
    return ConsignmentStatus(
        row["number"],
        row["status"],
        str(label),
        timezone.localdate(row["updated_at"]),
        issued_documents(row["number"]),
    )


def issued_documents(number: str) -> tuple:
    """(title, number) of the documents the confirmed dispositions of a declaration issued."""
    from guomen.certificates.models import ExportCertificate
    from guomen.clearance.documents import document_number, document_title
    from guomen.inspections.models import InspectionTask

    certificates = ExportCertificate.objects.filter(declaration__number=number, status="valid").order_by("id")
    if certificates:  # an export's certificates stand for its release document
        return tuple((c.get_kind_display(), c.number) for c in certificates)

    tasks = InspectionTask.objects.filter(declaration__number=number, status="closed").select_related(
        "declaration"
    )
    return tuple((document_title(t), document_number(t)) for t in tasks.order_by("id") if t.disposition)
