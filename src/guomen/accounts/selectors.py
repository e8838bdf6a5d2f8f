from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import can, restrict

from .choices import OrgKind, Role
from .models import ApiKey, OrgUnit, User


class OrgUnitFilters(FilterSet):
    """The org units' filters: GET /api/v1/accounts/org-units (the units have no list page)."""

    kind: one_of(OrgKind, "The kind of unit: general bureau, branch bureau or port") = ""


def orgunit_list(*, user, filters: OrgUnitFilters | None = None, **given):
    """The org units the user may see."""
    f = filters or OrgUnitFilters(**{k: v for k, v in given.items() if v is not None})
    qs = restrict(OrgUnit.objects.select_related("parent"), user, "org.view")
    if f.kind:
        qs = qs.filter(kind=f.kind)
    return qs


def port_choices():
    """Every port, for forms and filters (names are not confidential)."""
    return OrgUnit.objects.filter(kind="port").order_by("path")


def enterprise_users(actor):
    """The users of the actor's enterprise (its administrator only)."""
    if not can(actor, "enterprise.users.view") or not actor.enterprise_id:
        return User.objects.none()
    return User.objects.filter(enterprise_id=actor.enterprise_id, role=Role.ENTERPRISE).order_by(
        "-is_active", "username"
    )


def enterprise_keys(actor):
    if not can(actor, "enterprise.users.view") or not actor.enterprise_id:
        return ApiKey.objects.none()
    return ApiKey.objects.filter(user__enterprise_id=actor.enterprise_id, user__role=Role.SYSTEM).order_by(
        "revoked_at", "-created_at"
    )
