"""Reads of the port lines of work, always through restrict(): staff see their unit and below, an enterprise
its own records."""

import datetime as dt

from django.db.models import CharField, Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field

from guomen.core.errors import NotFound, ValidationFailed
from guomen.core.filters import FilterSet, one_of
from guomen.core.models import AuditEvent
from guomen.core.permissions import restrict

from .choices import (
    AgencyScope,
    AgencyStatus,
    ConsigneeStatus,
    FindingStatus,
    Grade,
    LicenceStatus,
    MakerStatus,
    MonitoringCategory,
    MonitoringStatus,
    PerformanceStatus,
    UseStatus,
)
from .models import (
    AgencyFinding,
    AgencyRegistration,
    FoodLicence,
    HygieneMonitoring,
    PackagingMaker,
    PackagingUse,
    PerformanceTest,
    WasteConsignee,
)

# The text a list's search box looks in, per record.
SEARCH = {
    FoodLicence: ("number", "premises"),
    WasteConsignee: ("number", "materials"),
    AgencyFinding: ("description", "penalty"),
    PackagingUse: ("un_number", "goods", "batch"),
    AgencyRegistration: ("number",),
    PackagingMaker: ("number", "products"),
    PerformanceTest: ("batch", "un_code"),
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


# The filters of each list: its page (portlines:<list>), its export (portlines:<record>_export) and
# GET /api/v1/portlines/<list> take the same FilterSet, by the same names.


class RecordFilters(FilterSet):
    """What every port-line list filters on: its search box and its status (each list its own statuses)."""

    q: str = Field("", max_length=60, description="Enterprise name or USCC, number or text (part of it)")


class LicenceFilters(RecordFilters):
    """Food hygiene licences: portlines:licences and GET /api/v1/portlines/licences."""

    status: one_of(LicenceStatus, "Where the licence stands") = ""
    grade: one_of(Grade, "The grade of the annual hygiene assessment") = ""


class ConsigneeFilters(RecordFilters):
    """Solid-waste consignees: portlines:consignees and GET /api/v1/portlines/consignees."""

    status: one_of(ConsigneeStatus, "Where the registration stands") = ""


class FindingFilters(RecordFilters):
    """Inspection-agency findings: portlines:findings and GET /api/v1/portlines/findings."""

    status: one_of(FindingStatus, "Where the finding stands") = ""


class UseFilters(RecordFilters):
    """Packaging use results: portlines:uses and GET /api/v1/portlines/uses."""

    status: one_of(UseStatus, "Where the use result stands") = ""


class AgencyFilters(RecordFilters):
    """Inspection-agency registrations: portlines:agencies and GET /api/v1/portlines/agencies."""

    status: one_of(AgencyStatus, "Where the registration stands") = ""
    scope: one_of(AgencyScope, "A line of business within the agency's scope") = ""


class MonitoringFilters(RecordFilters):
    """Hygiene monitoring results: portlines:monitoring and GET /api/v1/portlines/monitoring."""

    q: str = Field("", max_length=60, description="Item, sampling point, licence number or enterprise name")
    status: one_of(MonitoringStatus, "Where the result stands") = ""
    category: one_of(MonitoringCategory, "What is monitored") = ""
    licence: int | None = Field(
        None, ge=1, description="Only the results of this food hygiene licence (its id)"
    )
    conforming: one_of(["0", "1"], "1: conforming results only, 0: non-conforming ones only") = ""


class MakerFilters(RecordFilters):
    """Packaging makers: portlines:makers and GET /api/v1/portlines/makers."""

    status: one_of(MakerStatus, "Where the registration stands") = ""


class PerformanceFilters(RecordFilters):
    """Packaging performance tests: portlines:tests and GET /api/v1/portlines/tests."""

    status: one_of(PerformanceStatus, "Where the test result stands") = ""


def licence_list(*, user, filters: LicenceFilters | None = None, **given) -> QuerySet:
    f = filters or LicenceFilters(**given)
    qs = record_list(FoodLicence, user=user, q=f.q, status=f.status)
    return qs.filter(grade=f.grade) if f.grade else qs


def consignee_list(*, user, filters: ConsigneeFilters | None = None, **given) -> QuerySet:
    f = filters or ConsigneeFilters(**given)
    return record_list(WasteConsignee, user=user, q=f.q, status=f.status)


def finding_list(*, user, filters: FindingFilters | None = None, **given) -> QuerySet:
    f = filters or FindingFilters(**given)
    return record_list(AgencyFinding, user=user, q=f.q, status=f.status)


def use_list(*, user, filters: UseFilters | None = None, **given) -> QuerySet:
    f = filters or UseFilters(**given)
    return record_list(PackagingUse, user=user, q=f.q, status=f.status)


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


# The newer records ---------------------------------------------------------------------------------------------


def agency_list(*, user, filters: AgencyFilters | None = None, **given) -> QuerySet:
    f = filters or AgencyFilters(**given)
    qs = record_list(AgencyRegistration, user=user, q=f.q, status=f.status)
    return qs.filter(scope__contains=f.scope) if f.scope else qs


def agency_page(*, user, pk) -> dict:
    """An agency's registration with its findings (those the user may see) and its penalties."""
    registration = record_get(AgencyRegistration, user=user, pk=pk)
    findings = list(
        record_list(AgencyFinding, user=user, enterprise=registration.enterprise).order_by(
            "-found_on", "-id"
        )[:200]
    )
    penalties = [f for f in findings if f.status == FindingStatus.PENALISED]
    return {"registration": registration, "findings": findings, "penalties": penalties}


def monitoring_list(*, user, filters: MonitoringFilters | None = None, **given) -> QuerySet:
    f = filters or MonitoringFilters(**given)
    qs = restrict(HygieneMonitoring.objects.all(), user, "portlines.view").select_related(
        "org", "licence", "enterprise"
    )
    if f.q:
        qs = qs.filter(
            Q(item__icontains=f.q)
            | Q(sampling_point__icontains=f.q)
            | Q(licence__number=f.q)
            | Q(enterprise__name_zh__icontains=f.q)
        )
    if f.status:
        qs = qs.filter(status=f.status)
    if f.category:
        qs = qs.filter(category=f.category)
    if f.licence is not None:
        qs = qs.filter(licence_id=f.licence)
    if f.conforming:
        qs = qs.filter(conforming=f.conforming == "1")
    return qs


def monitoring_get(*, user, pk) -> HygieneMonitoring:
    found = monitoring_list(user=user).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound()
    return found


def open_nonconforming(licence_ids) -> dict[int, int]:
    """For the licences on a page: how many non-conforming monitoring results of each are still open."""
    rows = (
        HygieneMonitoring.objects.filter(licence_id__in=list(licence_ids), status=MonitoringStatus.OPEN)
        .values("licence_id")
        .annotate(n=Count("pk"))
    )
    return {row["licence_id"]: row["n"] for row in rows}


def maker_list(*, user, filters: MakerFilters | None = None, **given) -> QuerySet:
    f = filters or MakerFilters(**given)
    return record_list(PackagingMaker, user=user, q=f.q, status=f.status)


def performance_list(*, user, filters: PerformanceFilters | None = None, **given) -> QuerySet:
    f = filters or PerformanceFilters(**given)
    return record_list(PerformanceTest, user=user, q=f.q, status=f.status).select_related("maker")


# As things stood at a moment (the monthly report) ---------------------------------------------------------------


def _status_at(model, moment: dt.datetime):
    """An expression: the record's status just before `moment`, from its audited status changes (the `after` of
    the last change before it, else the `before` of the first change after it, else today's status)."""
    changes = AuditEvent.objects.filter(
        object_type=model._meta.label_lower,
        object_id=Cast(OuterRef("pk"), CharField()),
        verb=f"{model._meta.model_name}.status",
    )
    after = (
        changes.filter(at__lt=moment).order_by("-at", "-id").annotate(s=KeyTextTransform("status", "after"))
    )
    before = (
        changes.filter(at__gte=moment).order_by("at", "id").annotate(s=KeyTextTransform("status", "before"))
    )
    return Coalesce(
        Subquery(after.values("s")[:1]), Subquery(before.values("s")[:1]), "status", output_field=CharField()
    )


def in_force_on(qs: QuerySet, day: dt.date, *, live: tuple[str, ...], start_field: str) -> int:
    """How many of the records were in force on `day`: within their dates (`start_field` .. `valid_until`) and in
    a live status at the end of that day by their status history, whatever their status today."""
    moment = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
    dated = qs.filter(**{f"{start_field}__lte": day}, valid_until__gte=day)
    return dated.annotate(then=_status_at(qs.model, moment)).filter(then__in=live).count()


def licences_in_force(qs: QuerySet, day: dt.date) -> int:
    return in_force_on(qs, day, live=(LicenceStatus.VALID,), start_field="valid_from")


def port_named(code: str):
    """The port (or any unit) with this code, for a monitoring result recorded at the port; the service checks
    that it is in the actor's jurisdiction."""
    from guomen.accounts.models import OrgUnit

    unit = OrgUnit.objects.filter(code__iexact=str(code).strip()).first() if code else None
    if unit is None:
        raise ValidationFailed(fields={"port": [_("There is no port with this code.")]})
    return unit


def licence_named(*, user, number: str) -> FoodLicence:
    found = record_list(FoodLicence, user=user).filter(number=str(number).strip()).first() if number else None
    if found is None:
        raise ValidationFailed(fields={"licence": [_("No licence with this number in your jurisdiction.")]})
    return found


def maker_named(*, user, number: str) -> PackagingMaker:
    found = (
        record_list(PackagingMaker, user=user).filter(number=str(number).strip()).first() if number else None
    )
    if found is None:
        raise ValidationFailed(
            fields={"maker": [_("No packaging maker with this number in your jurisdiction.")]}
        )
    return found
