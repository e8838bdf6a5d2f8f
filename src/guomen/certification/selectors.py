"""Certification reads, always through restrict(): staff see their unit and below, an enterprise its own."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone
from ninja import Field

from guomen.accounts.choices import Role
from guomen.core.errors import NotFound
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import can, restrict
from guomen.registry.models import Enterprise

from .choices import CertificateStatus, CheckStatus, MisuseStatus, Scheme
from .models import AnnualCheck, Certificate, CompulsoryProduct, MarkMisuseCase


class CertificationFilters(FilterSet):
    """The certificate list's filters: the page (certification:list), its export and
    GET /api/v1/certification/certificates."""

    q: str = Field(
        "", max_length=60, description="Certificate number, holder's name or products (part of it)"
    )
    scheme: one_of(Scheme, "The certification scheme") = ""
    status: one_of(CertificateStatus, "Where the certificate stands") = ""


def certificate_list(*, user, filters: CertificationFilters | None = None, **given) -> QuerySet:
    """Certificates the user may see, the soonest to expire first."""
    f = filters or CertificationFilters(**given)
    q, scheme, status = f.q, f.scheme, f.status
    # the list shows the holder only: the body and the unit are joined where one certificate is read
    qs = restrict(Certificate.objects.all(), user, "certification.view").select_related("enterprise")
    if q:
        # the holders named like `q` are found once (a subquery), not joined to every certificate: a text
        # search over 50,000 certificates counts in a third of the time
        holders = Enterprise.objects.filter(name_zh__icontains=q).values("id")
        qs = qs.filter(Q(number__icontains=q) | Q(enterprise_id__in=holders) | Q(products__icontains=q))
    if scheme:
        qs = qs.filter(scheme=scheme)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("valid_until", "id")


def certificate_get(*, user, pk) -> Certificate:
    qs = certificate_list(user=user).select_related("body", "org")
    found = qs.filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound()
    return found


class CheckFilters(FilterSet):
    """The annual checks' filters: GET /api/v1/certification/checks."""

    status: one_of(CheckStatus, "Where the check stands") = ""


def check_list(*, user, filters: CheckFilters | None = None, certificate=None, **given) -> QuerySet:
    f = filters or CheckFilters(**given)
    qs = restrict(AnnualCheck.objects.all(), user, "certification.view").select_related(
        "certificate__enterprise", "org", "inspector"
    )
    if f.status:
        qs = qs.filter(status=f.status)
    if certificate is not None:
        qs = qs.filter(certificate=certificate)
    return qs


def check_get(*, user, pk) -> AnnualCheck:
    found = check_list(user=user).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound()
    return found


class MisuseFilters(FilterSet):
    """The mark-misuse cases' filters: the page (certification:misuse), its export and
    GET /api/v1/certification/misuse."""

    q: str = Field(
        "", max_length=60, description="Enterprise name or credit code, or what was found (part of it)"
    )
    status: one_of(MisuseStatus, "Where the case stands") = ""


def misuse_list(*, user, filters: MisuseFilters | None = None, **given) -> QuerySet:
    f = filters or MisuseFilters(**given)
    qs = restrict(MarkMisuseCase.objects.all(), user, "certification.view").select_related(
        "enterprise", "certificate", "org"
    )
    if f.status:
        qs = qs.filter(status=f.status)
    if f.q:
        qs = qs.filter(
            Q(enterprise__name_zh__icontains=f.q) | Q(enterprise__uscc=f.q) | Q(description__icontains=f.q)
        )
    return qs


def misuse_get(*, user, pk) -> MarkMisuseCase:
    found = misuse_list(user=user).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound()
    return found


def valid_ccc_certificate(*, enterprise, hs_code: str = "", on: dt.date) -> Certificate | None:
    """The enterprise's CCC certificate valid on `on` covering the HS code (by prefix), if any — for the
    dossier's certificate lookup and the release rule for CCC products."""
    qs = Certificate.objects.filter(
        enterprise=enterprise,
        scheme=Scheme.CCC,
        status=CertificateStatus.VALID,
        valid_from__lte=on,
        valid_until__gte=on,
    )
    for certificate in qs.order_by("-valid_until"):
        if not certificate.hs_code or str(hs_code).startswith(certificate.hs_code):
            return certificate
    return None


CATALOGUE_STATES = ("in_force", "retired", "all")


class CatalogueFilters(FilterSet):
    """The CCC catalogue's filters: the page (certification:catalogue), its export and
    GET /api/v1/certification/catalogue. The entries in force by default, as the release rule applies them."""

    q: str = Field("", max_length=20, description="HS code prefix or product category (part of it)")
    state: one_of(
        CATALOGUE_STATES,
        "in_force: applied by the release rule today (the default); retired; all: every entry",
    ) = "in_force"


def catalogue_list(
    *, user, filters: CatalogueFilters | None = None, on: dt.date | None = None, **given
) -> QuerySet:
    """The CCC catalogue (national reference data, read by every user allowed certification.view): `state`
    "in_force" (applied by the release rule on `on`, default today), "retired" (retired by then), else all."""
    f = filters or CatalogueFilters(**given)
    q, state = f.q, f.state
    on = on or timezone.localdate()
    qs = restrict(CompulsoryProduct.objects.all(), user, "certification.view")
    if q:
        qs = qs.filter(Q(hs_prefix__startswith=q) | Q(name_zh__icontains=q))
    live = Q(retired_on__isnull=True) | Q(retired_on__gt=on)
    if state == "in_force":
        qs = qs.filter(live, Q(in_force_from__isnull=True) | Q(in_force_from__lte=on))
    elif state == "retired":
        qs = qs.exclude(live)
    return qs.order_by("hs_prefix", "id")


def catalogue_get(*, user, pk) -> CompulsoryProduct:
    found = catalogue_list(user=user, state="all").filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound()
    return found


def catalogue_editable(user) -> bool:
    """May the user change the CCC catalogue? It is national: an administrator, or a supervisor (or leader) of
    the general bureau."""
    if not can(user, "certification.catalogue"):
        return False
    national = user.org_id is not None and user.org.parent_id is None
    return user.is_superuser or user.role == Role.ADMINISTRATOR or national
