"""Reads of the rule-profile table."""

from django.db.models import Q, QuerySet
from ninja import Field

from guomen.core.errors import NotFound
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import restrict

from ..models import RuleProfile


class RuleFilters(FilterSet):
    """The rule-profile list's filters: the page (targeting:rule_list), its export and GET /api/v1/targeting/rules."""

    show: one_of(["active", "inactive", "all"], "Active rules (the default), deactivated ones or all") = (
        "active"
    )
    q: str = Field("", max_length=100, description="Name, HS prefix or instruction (part of it)")


def rule_list(*, user, filters: RuleFilters | None = None, **given) -> QuerySet:
    """The rule table (rules are bureau-wide); empty for roles without targeting.view."""
    f = filters or RuleFilters(**given)
    qs = restrict(RuleProfile.objects.all(), user, "targeting.view").select_related(
        "origin", "commodity_group"
    )
    if f.show in ("active", "inactive"):
        qs = qs.filter(active=f.show == "active")
    if f.q:
        qs = qs.filter(Q(name__icontains=f.q) | Q(hs_prefix__startswith=f.q) | Q(instruction__icontains=f.q))
    return qs.order_by("-active", "hs_prefix", "name")


def rule_get(*, user, pk: int) -> RuleProfile:
    rule = (
        restrict(RuleProfile.objects.all(), user, "targeting.view")
        .select_related("origin")
        .filter(pk=pk)
        .first()
    )
    if rule is None:
        raise NotFound()
    return rule
