"""Reads of the port lines of work, always through restrict(): staff see their unit and below, an enterprise
its own records."""

import datetime as dt

from django.db.models import Q, QuerySet

from guomen.core.errors import NotFound
from guomen.core.permissions import restrict

from .choices import ConsigneeStatus, LicenceStatus
from .models import AgencyFinding, FoodLicence, PackagingUse, WasteConsignee

# The text a list's search box looks in, per record.
SEARCH = {
    FoodLicence: ("number", "premises"),
    WasteConsignee: ("number", "materials"),
    AgencyFinding: ("description", "penalty"),
    PackagingUse: ("un_number", "goods"),
}


def record_list(model, *, user, q: str = "", status: str = "", enterprise=None) -> QuerySet:
    qs = restrict(model.objects.all(), user, "portlines.view").select_related("enterprise", "org")
    if q:
        match = Q(enterprise__name_zh__icontains=q) | Q(enterprise__uscc=q)
        for field in SEARCH[model]:
            match |= Q(**{f"{field}__icontains": q})
        qs = qs.filter(match)
    if status:
        qs = qs.filter(status=status)
    if enterprise is not None:
        qs = qs.filter(enterprise=enterprise)
    return qs


def record_get(model, *, user, pk):
    found = record_list(model, user=user).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound()
    return found


def licence_list(*, user, q: str = "", status: str = "", grade: str = "") -> QuerySet:
    qs = record_list(FoodLicence, user=user, q=q, status=status)
    return qs.filter(grade=grade) if grade else qs


def consignee_list(*, user, q: str = "", status: str = "") -> QuerySet:
    return record_list(WasteConsignee, user=user, q=q, status=status)


def finding_list(*, user, q: str = "", status: str = "") -> QuerySet:
    return record_list(AgencyFinding, user=user, q=q, status=status)


def use_list(*, user, q: str = "", status: str = "") -> QuerySet:
    return record_list(PackagingUse, user=user, q=q, status=status)


def licence_alerts(*, user, enterprise, on: dt.date) -> list[FoodLicence]:
    """The enterprise's licences that do not allow it to trade on `on`: suspended, revoked or expired (by status or
    by date) — shown on the enterprise page."""
    lapsed = ~Q(status=LicenceStatus.VALID) | Q(valid_until__lt=on)
    return list(record_list(FoodLicence, user=user, enterprise=enterprise).filter(lapsed))


def consignee_registered(*, enterprise, on: dt.date) -> bool:
    """Whether the enterprise is a registered solid-waste consignee on `on` (the clearance rule's fact)."""
    return WasteConsignee.objects.filter(
        enterprise=enterprise, status=ConsigneeStatus.REGISTERED, registered_on__lte=on
    ).exists()
