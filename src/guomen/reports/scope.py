"""What a statistic counts: the user's jurisdiction, narrowed by the filters of the statistics pages.

Every figure starts from `tasks(f)`, `declarations(f)` or `enterprises(f)`: `restrict()` checks the role, and
the org-path filter keeps another jurisdiction's records out even for roles that read reference data globally.
"""

import re
from dataclasses import dataclass, field, replace

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from guomen.accounts.models import OrgUnit
from guomen.catalog.models import CommodityGroup, Country
from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.core.permissions import org_in_scope, require, restrict
from guomen.declarations.choices import DeclarationStatus, Direction
from guomen.declarations.models import Declaration, DeclarationLine
from guomen.inspections.choices import Outcome, TaskStatus
from guomen.inspections.models import InspectionTask
from guomen.registry.choices import FilingStatus
from guomen.registry.models import Enterprise

from .periods import Period

VIEW = "report.view"
NC = Q(outcome=Outcome.NON_CONFORMING)
DONE = Q(outcome__in=[Outcome.CONFORMING, Outcome.NON_CONFORMING])
HS_RE = re.compile(r"^\d{2,10}$")
FILTER_KEYS = ("period", "org", "port", "direction", "group", "hs", "origin", "enterprise")


@dataclass(frozen=True)
class StatsFilter:
    """The period and the slice of the jurisdiction a statistic is about."""

    user: object = field(repr=False, compare=False)
    period: Period
    org: OrgUnit | None = None  # the jurisdiction (the user's unit unless they chose one below it)
    port: OrgUnit | None = None
    direction: str = ""
    group: CommodityGroup | None = None
    hs: str = ""
    origin: Country | None = None
    enterprise: Enterprise | None = None

    @property
    def path(self) -> str:
        unit = self.port or self.org
        return unit.path if unit is not None else "/"

    @property
    def unit(self) -> OrgUnit | None:
        return self.port or self.org

    def with_period(self, period: Period) -> "StatsFilter":
        return replace(self, period=period)

    def params(self, **overrides) -> dict:
        """The filter as query-string values (for links, exports and drill-down)."""
        values = {
            "period": self.period.key,
            "org": self.org.code if self.org else "",
            "port": self.port.code if self.port else "",
            "direction": self.direction,
            "group": self.group.code if self.group else "",
            "hs": self.hs,
            "origin": self.origin.code if self.origin else "",
            "enterprise": str(self.enterprise.pk) if self.enterprise else "",
        }
        values.update({k: str(v) for k, v in overrides.items()})
        return {k: v for k, v in values.items() if v}

    @property
    def narrowed(self) -> bool:
        return bool(self.port or self.direction or self.group or self.hs or self.origin or self.enterprise)


def _bad(name: str, message: str) -> ValidationFailed:
    return ValidationFailed(fields={name: [message]})


def _unit(code: str, name: str) -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code.strip()).first()
    if unit is None:
        raise _bad(name, _("There is no unit with the code %(code)s.") % {"code": code})
    return unit


def build_filter(user, data=None, *, period: Period | None = None) -> StatsFilter:
    """A StatsFilter from query-string values, checked against the user's role and jurisdiction."""
    require(user, VIEW)
    data = data or {}
    get = lambda key: (data.get(key) or "").strip()  # noqa: E731
    period = period or Period.parse(get("period"))
    org = _unit(get("org"), "org") if get("org") else user.org
    if org is None and not user.is_superuser:
        raise PermissionDenied()
    if org is not None and not org_in_scope(user, org):
        raise PermissionDenied(_("%(unit)s is outside your jurisdiction.") % {"unit": org.name})
    port = _unit(get("port"), "port") if get("port") else None
    if port is not None and not (org is None or port.path.startswith(org.path)):
        raise _bad("port", _("This port is not part of the chosen jurisdiction."))
    direction = get("direction")
    if direction and direction not in Direction.values:
        raise _bad("direction", _("Choose import or export."))
    group = None
    if get("group"):
        group = CommodityGroup.objects.filter(code=get("group")).first()
        if group is None:
            raise _bad("group", _("Unknown commodity group."))
    hs = get("hs").replace(".", "")
    if hs and not HS_RE.match(hs):
        raise _bad("hs", _("Enter 2 to 10 digits of an HS code."))
    origin = None
    if get("origin"):
        origin = Country.objects.filter(code=get("origin").upper()).first()
        if origin is None:
            raise _bad("origin", _("Unknown country or region code."))
    enterprise = None
    if get("enterprise"):
        text = get("enterprise")
        lookup = Q(uscc=text.upper()) | (Q(pk=int(text)) if text.isdigit() else Q())
        enterprise = Enterprise.objects.filter(lookup).first()
        if enterprise is None:
            raise _bad("enterprise", _("Unknown enterprise (enter its unified social credit code)."))
    return StatsFilter(
        user=user,
        period=period,
        org=org,
        port=port,
        direction=direction,
        group=group,
        hs=hs,
        origin=origin,
        enterprise=enterprise,
    )


def _consignment_q(f: StatsFilter, prefix: str) -> Q:
    """Conditions on the consignment (declaration) reached through `prefix` ("" or "declaration__")."""
    q = Q()
    if f.direction:
        q &= Q(**{f"{prefix}direction": f.direction})
    if f.origin is not None:
        q &= Q(**{f"{prefix}origin_country_id": f.origin.code})
    if f.enterprise is not None:
        q &= Q(**{f"{prefix}declarant_id": f.enterprise.pk}) | Q(**{f"{prefix}consignee_id": f.enterprise.pk})
    return q


def _lines_exist(f: StatsFilter, outer: str):
    lines = DeclarationLine.objects.filter(declaration_id=OuterRef(outer))
    if f.group is not None:
        lines = lines.filter(hs__group_id=f.group.code)
    if f.hs:
        lines = lines.filter(hs__code__startswith=f.hs)
    return Exists(lines)


def tasks(f: StatsFilter, *, dated: bool = True):
    """Inspection tasks in scope (not cancelled), by inspection date (the task's due date) in the period."""
    qs = restrict(InspectionTask.objects.all(), f.user, VIEW).exclude(status=TaskStatus.CANCELLED)
    qs = qs.filter(port__path__startswith=f.path).filter(_consignment_q(f, "declaration__"))
    if f.group is not None or f.hs:
        qs = qs.filter(_lines_exist(f, "declaration_id"))
    if dated:
        qs = qs.filter(due_date__gte=f.period.start, due_date__lt=f.period.end)
    return qs


def inspected(qs):
    """Tasks with a recorded result (conforming or non-conforming)."""
    return qs.filter(outcome__in=[Outcome.CONFORMING, Outcome.NON_CONFORMING])


def declarations(f: StatsFilter, *, dated: bool = True):
    """Declarations in scope (not cancelled), by arrival (import) or departure (export) date in the period."""
    qs = restrict(Declaration.objects.all(), f.user, VIEW).exclude(status=DeclarationStatus.CANCELLED)
    qs = qs.filter(port__path__startswith=f.path).filter(_consignment_q(f, ""))
    if f.group is not None or f.hs:
        qs = qs.filter(_lines_exist(f, "pk"))
    if dated:
        qs = qs.filter(arrival_date__gte=f.period.start, arrival_date__lt=f.period.end)
    return qs


def enterprises(f: StatsFilter):
    """Enterprises on file (备案) supervised by a unit of the jurisdiction."""
    require(f.user, VIEW)
    unit = f.unit
    path = unit.path if unit is not None else "/"
    qs = Enterprise.objects.filter(org__path__startswith=path, filing_status=FilingStatus.FILED)
    if f.enterprise is not None:
        qs = qs.filter(pk=f.enterprise.pk)
    return qs


def scoped(qs, f: StatsFilter, org_field: str):
    """Any other app's records, kept to the jurisdiction through their unit field."""
    return qs.filter(**{f"{org_field}__path__startswith": f.path})
