"""Targeting API (/api/v1/targeting): read the rule table."""

import datetime as dt

from ninja import Router, Schema

from guomen.core.errors import PermissionDenied
from guomen.core.permissions import can

from . import selectors

router = Router(tags=["targeting"])


class RuleOut(Schema):
    id: int
    name: str
    hs_prefix: str
    origin: str | None
    direction: str
    channel: str
    instruction: str
    active: bool
    version: int
    updated_at: dt.datetime

    @staticmethod
    def resolve_origin(obj):
        return obj.origin_id


def _require_view(user) -> None:
    if not can(user, "targeting.view"):
        raise PermissionDenied()


@router.get("/rules", response=list[RuleOut], summary="The targeting rule table")
def rule_list(request, active: bool | None = None):
    _require_view(request.auth)
    return list(selectors.rule_list(user=request.auth, active=active))


@router.get("/rules/{rule_id}", response=RuleOut, summary="One targeting rule")
def rule_detail(request, rule_id: int):
    _require_view(request.auth)
    return selectors.rule_get(user=request.auth, pk=rule_id)
