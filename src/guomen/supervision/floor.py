"""Targeting floor: a blacklisted enterprise's consignments get physical inspection at least at the
configured rate (blacklist rule set, `min_inspection_rate`, default 80%)."""

from django.db import connection
from django.utils.translation import gettext as _

from .choices import BlacklistStatus, RuleKind
from .models import BlacklistEntry

FLOOR_CODE = "blacklisted_enterprise"


def _listed(enterprise_ids) -> list[tuple[str, str]]:
    """(uscc, name) of the listed enterprises among these, by credit code.

    Runs for every declaration the engine decides, so it is one fixed statement rather than a built query.
    """
    ids = sorted(enterprise_ids)
    if not ids:
        return []
    enterprise_table = BlacklistEntry._meta.get_field("enterprise").related_model._meta.db_table
    sql = (
        f"SELECT e.uscc, e.name_zh FROM {BlacklistEntry._meta.db_table} b "
        f"JOIN {enterprise_table} e ON e.id = b.enterprise_id "
        f"WHERE b.status = %s AND b.enterprise_id IN ({', '.join(['%s'] * len(ids))}) ORDER BY e.uscc"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [BlacklistStatus.LISTED.value, *ids])
        return cursor.fetchall()


def blacklist_floors(declaration) -> list[tuple[str, float, str, str, dict]]:
    """(channel, rate, code, text, params) for each blacklisted party of the declaration."""
    from .services.standing import ruleset_get

    listed = _listed({declaration.declarant_id, getattr(declaration, "consignee_id", None)} - {None})
    if not listed:
        return []
    rate = float(ruleset_get(RuleKind.BLACKLIST)["min_inspection_rate"])
    floors = []
    for uscc, name in listed:
        params = {"uscc": uscc, "name": name, "rate": round(rate * 100)}
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
