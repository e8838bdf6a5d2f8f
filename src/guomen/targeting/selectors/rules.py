"""Reads of the rule-profile table."""

from django.db.models import Q, QuerySet

from guomen.core.errors import NotFound
from guomen.core.permissions import restrict

from ..models import RuleProfile


def rule_list(*, user, active: bool | None = None, q: str = "") -> QuerySet:
    """The rule table (rules are bureau-wide); empty for roles without targeting.view."""
    qs = restrict(RuleProfile.objects.all(), user, "targeting.view").select_related("origin")
    if active is not None:
        qs = qs.filter(active=active)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(hs_prefix__startswith=q) | Q(instruction__icontains=q))
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
