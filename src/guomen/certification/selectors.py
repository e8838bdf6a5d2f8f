"""Certification reads, always through restrict(): staff see their unit and below, an enterprise its own."""

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.core.errors import NotFound
from guomen.core.permissions import can, restrict
from guomen.registry.models import Enterprise

from .choices import CertificateStatus, Scheme
from .models import AnnualCheck, Certificate, CompulsoryProduct, MarkMisuseCase


def certificate_list(*, user, q: str = "", scheme: str = "", status: str = "") -> QuerySet:
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


def check_list(*, user, status: str = "", certificate=None) -> QuerySet:
    qs = restrict(AnnualCheck.objects.all(), user, "certification.view").select_related(
        "certificate__enterprise", "org", "inspector"
    )
    if status:
        qs = qs.filter(status=status)
    if certificate is not None:
        qs = qs.filter(certificate=certificate)
    return qs


def check_get(*, user, pk) -> AnnualCheck:
    found = check_list(user=user).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound()
    return found


def misuse_list(*, user, status: str = "") -> QuerySet:
    qs = restrict(MarkMisuseCase.objects.all(), user, "certification.view").select_related(
        "enterprise", "certificate", "org"
    )
    if status:
        qs = qs.filter(status=status)
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


def catalogue_list(*, user, q: str = "", state: str = "", on: dt.date | None = None) -> QuerySet:
    """The CCC catalogue (national reference data, read by every user allowed certification.view): `state`
    "in_force" (applied by the release rule on `on`, default today), "retired" (retired by then), else all."""
    on = on or timezone.localdate()
    qs = restrict(CompulsoryProduct.objects.all(), user, "certification.view")
    if q:
        qs = qs.filter(Q(hs_prefix__startswith=q.strip()) | Q(name_zh__icontains=q.strip()))
    live = Q(retired_on__isnull=True) | Q(retired_on__gt=on)
    if state == "in_force":
        qs = qs.filter(live, Q(in_force_from__isnull=True) | Q(in_force_from__lte=on))
    elif state == "retired":
        qs = qs.exclude(live)
    return qs.order_by("hs_prefix", "id")


def catalogue_get(*, user, pk) -> CompulsoryProduct:
    found = catalogue_list(user=user).filter(pk=pk).first() if str(pk).isdigit() else None
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
