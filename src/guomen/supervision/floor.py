"""Targeting floor: a blacklisted enterprise's consignments get physical inspection at least at the
configured rate (blacklist rule set, `min_inspection_rate`, default 80%)."""

from django.utils.translation import gettext as _

from .choices import BlacklistStatus, RuleKind
from .models import BlacklistEntry

FLOOR_CODE = "blacklisted_enterprise"


def blacklist_floors(declaration) -> list[tuple[str, float, str, str, dict]]:
    """(channel, rate, code, text, params) for each blacklisted party of the declaration."""
    from .services.standing import ruleset_get

    ids = {declaration.declarant_id, getattr(declaration, "consignee_id", None)} - {None}
    entries = list(
        BlacklistEntry.objects.filter(enterprise_id__in=ids, status=BlacklistStatus.LISTED)
        .select_related("enterprise")
        .order_by("enterprise__uscc")
    )
    if not entries:
        return []
    rate = float(ruleset_get(RuleKind.BLACKLIST)["min_inspection_rate"])
    floors = []
    for entry in entries:
        params = {"uscc": entry.enterprise.uscc, "name": entry.enterprise.name_zh, "rate": round(rate * 100)}
        text = (
            _("%(name)s is blacklisted: at least %(rate)s%% of its consignments are physically inspected.")
            % params
        )
        floors.append(("physical", rate, FLOOR_CODE, text, params))
    return floors


def blacklist_floor(declaration) -> list:
    """The function registered with targeting.hooks.register_floor."""
    from guomen.targeting.hooks import Floor

    return [Floor(*values) for values in blacklist_floors(declaration)]
