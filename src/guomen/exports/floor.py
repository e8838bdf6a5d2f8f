"""Targeting floors of an export (registered with `targeting.hooks`): the history of the sites of the batches it
names (flagged batches, suspensions in the last 12 months) and foreign notifications confirmed against the
exporter in that time raise the check. The texts go to the decision's explanation, which only the bureau reads;
the public reason stays "selected by risk targeting".

One fixed statement for an export, none for an import."""

import datetime as dt

from django.apps import apps
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.declarations.choices import Direction

from .choices import SiteStatus
from .models import DeclarationBatch, ExportSite, ProductionBatch

HISTORY_DAYS = 365
SITE_HISTORY = "export_site_history"
FOREIGN_NOTIFICATION = "export_foreign_notification"


def _history(declaration, since: dt.datetime) -> tuple[int, int, int]:
    """(flagged batches, suspensions of the named batches' sites, confirmed notifications of the exporter)."""
    audit = apps.get_model("core", "AuditEvent")._meta.db_table
    cases = apps.get_model("tracebacks", "TraceCase")._meta.db_table
    sites = (
        f"SELECT pb.site_id FROM {DeclarationBatch._meta.db_table} k "
        f"JOIN {ProductionBatch._meta.db_table} pb ON pb.id = k.batch_id WHERE k.declaration_id = %s"
    )
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {ProductionBatch._meta.db_table} b "
        f"WHERE b.flagged = %s AND b.harvested_on >= %s AND b.site_id IN ({sites})), "
        f"(SELECT COUNT(*) FROM {audit} a WHERE a.object_type = %s AND a.verb = %s AND a.at >= %s "
        f"AND CAST(a.after AS TEXT) LIKE %s AND a.object_id IN "
        f"(SELECT CAST(s.site_id AS VARCHAR(64)) FROM ({sites}) s)), "
        f"(SELECT COUNT(*) FROM {cases} c WHERE c.enterprise_id = %s AND c.created_at >= %s)"
    )
    params = [
        True,
        timezone.localtime(since).date(),
        declaration.pk,
        ExportSite._meta.label_lower,
        "export_site.status",
        since,
        f'%"{SiteStatus.SUSPENDED.value}"%',
        declaration.pk,
        declaration.declarant_id,
        since,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        flagged, suspended, notified = cursor.fetchone()
    return int(flagged or 0), int(suspended or 0), int(notified or 0)


def export_history_floors(declaration, *, at: dt.datetime | None = None) -> list[tuple]:
    """(channel, rate, code, text, params) of each floor the export's history sets (none for an import)."""
    if declaration.direction != Direction.EXPORT or not declaration.pk:
        return []
    since = (at or declaration.submitted_at or timezone.now()) - dt.timedelta(days=HISTORY_DAYS)
    flagged, suspended, notified = _history(declaration, since)
    floors = []
    if flagged or suspended:
        params = {"flagged": flagged, "suspended": suspended}
        text = (
            _(
                "Sites of the named batches, last 12 months: %(flagged)s flagged batches, %(suspended)s "
                "suspensions: physical inspection."
            )
            % params
        )
        floors.append(("physical", 1.0, SITE_HISTORY, text, params))
    if notified:
        params = {"notifications": notified}
        text = (
            _(
                "%(notifications)s foreign notifications confirmed against the exporter in the last 12 months: "
                "inspection and sampling."
            )
            % params
        )
        floors.append(("physical_sampling", 1.0, FOREIGN_NOTIFICATION, text, params))
    return floors


def export_history_floor(declaration) -> list:
    """The function registered with targeting.hooks.register_floor."""
    from guomen.targeting.hooks import Floor

    return [Floor(*values) for values in export_history_floors(declaration)]
