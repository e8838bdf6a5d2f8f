"""`guomen import-rasff PATH`: RASFF notifications from the portal export (SQLite), a CSV export of any known
layout (rasff_read sniffs encoding and delimiter and matches column aliases) or an XLSX sheet.

Columns Guomen does not model are kept in `extra` and listed in the report; origin names the country table does
not know are queued in the mapping table for an analyst to map once. A row that cannot be read is
reported with its reason and skipped; a reference already imported (or repeated in the file) adds nothing.
Notifications about an origin × commodity group the bureau imports (declaration history) become risk signals
for the port that imports it most, clustered like any other signal.
"""

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import Count, Max
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.accounts.models import OrgUnit
from guomen.catalog.hazard_names import hazard_key, known_name
from guomen.catalog.models import CommodityGroup, Hazard, HazardSynonym
from guomen.core.services import audit_record

from .choices import MappingKind, SignalSource
from .clustering import cluster_attach
from .inbox import notify, users_over
from .models import CommodityMapping, ForeignNotification, RiskSignal
from .rasff_mapping import (
    OriginResolver,
    classification_code,
    group_for,
    hazard_code,
    hazard_kind,
    hazard_names,
    keyword_patterns,
    mapping_defaults,
    norm,
)
from .rasff_read import FIELD_ALIASES, Table, read_table

BRUSSELS = ZoneInfo("Europe/Brussels")
DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d.%m.%Y",
)
REFERENCE = re.compile(r"^(\d{4})\.(\d{1,4})$")
TEXT_FIELDS = [name for name in FIELD_ALIASES if name not in ("reference", "notified_at")]


# Sent inside the import's transaction with the ids of the notifications just created (`ids`) and the `actor`;
# other apps (e.g. the trace-back queue for notifications about Chinese goods) take them from here.
notifications_imported = Signal()


class BadRow(Exception):
    pass


@dataclass
class RasffReport:
    rows: int = 0
    created: int = 0
    already: int = 0
    repeated: int = 0
    signals: int = 0
    hazards_created: int = 0
    unmapped_categories: list[str] = field(default_factory=list)
    unmapped_origins: list[str] = field(default_factory=list)
    unmapped_columns: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    delimiter: str = ""
    encoding: str = ""
    errors: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}

    def field_mapping(self) -> dict[str, str]:
        """{field: header} of the columns used, to be saved and given again for the next file of that layout."""
        pairs = [line.split(" → ") for line in self.columns]
        return {target: header for header, target in pairs if not target.startswith("extra")}

    def describe(self, table: Table) -> None:
        self.rows = len(table.rows)
        self.columns = table.mapping_lines()
        self.unmapped_columns = list(table.unmapped)
        self.delimiter, self.encoding = table.delimiter, table.encoding


def _reference(value) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    text = str(value if value is not None else "").strip()
    found = REFERENCE.match(text)
    if not found:
        raise BadRow(_("reference “%(value)s” is not a RASFF reference (YYYY.NNNN)") % {"value": text[:40]})
    return f"{found.group(1)}.{found.group(2).ljust(4, '0')}"


def _when(value) -> dt.datetime:
    text = str(value or "").strip()
    try:
        return dt.datetime.fromisoformat(text).replace(tzinfo=BRUSSELS)
    except ValueError:
        pass
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).replace(tzinfo=BRUSSELS)
        except ValueError:
            continue
    raise BadRow(_("date “%(value)s” is not readable") % {"value": text[:40]})


def parse_row(raw: dict, table: Table) -> dict:
    values, extra = {}, {}
    for header, value in raw.items():
        name = table.fields.get(header)
        if name:
            values[name] = value
        elif header in table.extras:
            extra[table.extras[header]] = value
        else:
            extra[header] = value
    values["reference"] = _reference(values.get("reference"))
    values["notified_at"] = _when(values.get("notified_at"))
    for name in TEXT_FIELDS:
        values[name] = str(values.get(name) or "").strip()
    if not values["subject"]:
        raise BadRow(_("the subject is empty"))
    values["classification"] = classification_code(values["classification"])
    values["risk_decision"] = norm(values["risk_decision"])
    values["extra"] = extra
    return values


def mapping_seed() -> int:
    """Create the default mapping rows that are missing (reviewed ones are never touched)."""
    groups = set(CommodityGroup.objects.values_list("code", flat=True))
    existing = set(CommodityMapping.objects.values_list("kind", "text"))
    rows = [
        CommodityMapping(kind=kind, text=text, commodity_group_id=code if code in groups else None)
        for kind, text, code in mapping_defaults()
        if (kind, text) not in existing
    ]
    CommodityMapping.objects.bulk_create(rows)
    return len(rows)


class HazardResolver:
    """Hazard names → catalogue hazards through their names and the synonyms analysts merged; a name still
    unknown becomes a hazard awaiting review (with its Chinese name when the national standards give one)."""

    def __init__(self):
        self.by_key: dict[str, int] = {}
        for pk, code, name_en, sci in Hazard.objects.values_list("id", "code", "name_en", "scientific_name"):
            for text in (code, name_en, sci):
                if text:
                    self.by_key.setdefault(norm(text), pk)
        self.synonyms = dict(HazardSynonym.objects.values_list("key", "hazard_id"))
        self.new: dict[str, Hazard] = {}

    def keys(self, text: str) -> list[str]:
        found = []
        for name in hazard_names(text):
            key = norm(name)
            if key not in self.by_key and key not in self.new:
                code = hazard_code(name)
                if norm(code) in self.by_key:
                    self.by_key[key] = self.by_key[norm(code)]
                elif hazard_key(name) in self.synonyms:
                    self.by_key[key] = self.synonyms[hazard_key(name)]
                else:
                    known = known_name(name)
                    self.new[key] = Hazard(
                        code=code,
                        kind=known.kind if known else hazard_kind(name),
                        name_zh=(known.name_zh if known else name)[:100],
                        name_en=name[:150],
                        cas_number=known.cas if known else "",
                        needs_review=True,
                    )
            found.append(key)
        return found

    def save_new(self) -> int:
        Hazard.objects.bulk_create(list(self.new.values()), batch_size=500)
        for key, hazard in self.new.items():
            self.by_key[key] = hazard.pk
        return len(self.new)


def imported_pairs() -> dict[tuple[str, str], OrgUnit]:
    """(origin, commodity group) pairs in the bureau's import history → the port importing each most."""
    from guomen.declarations.models import DeclarationLine

    counts = (
        DeclarationLine.objects.filter(declaration__direction="import", hs__group__isnull=False)
        .values("declaration__origin_country_id", "hs__group_id", "declaration__port_id")
        .annotate(n=Count("id"))
    )
    best: dict[tuple[str, str], tuple[int, int]] = {}
    for row in counts:
        key = (row["declaration__origin_country_id"], row["hs__group_id"])
        if key not in best or row["n"] > best[key][0]:
            best[key] = (row["n"], row["declaration__port_id"])
    ports = OrgUnit.objects.in_bulk([port for _n, port in best.values()])
    return {key: ports[port] for key, (_n, port) in best.items()}


def rasff_import(
    *, path: Path, actor=None, dry_run: bool = False, mapping: dict[str, str] | None = None
) -> RasffReport:
    """Import an export; with dry_run, everything is done and then rolled back (the report says what would be).
    `mapping` ({field: header}) names the columns of a list in another layout (another country's notifications)."""
    table = read_table(Path(path), mapping)
    with transaction.atomic():
        report = _import(table, name=Path(path).name, actor=actor)
        if dry_run:
            transaction.set_rollback(True)
    return report


def _import(table: Table, *, name: str, actor) -> RasffReport:
    report = RasffReport()
    report.describe(table)
    mapping_seed()
    categories = dict(
        CommodityMapping.objects.filter(kind=MappingKind.CATEGORY).values_list("text", "commodity_group_id")
    )
    keywords = keyword_patterns(
        dict(
            CommodityMapping.objects.filter(kind=MappingKind.KEYWORD).values_list(
                "text", "commodity_group_id"
            )
        )
    )
    known = set(ForeignNotification.objects.values_list("reference", flat=True))
    seen: set[str] = set()
    origins, hazards = OriginResolver(), HazardResolver()
    parsed = []
    for number, raw in table.rows:
        try:
            values = parse_row(raw, table)
        except BadRow as exc:
            report.errors.append({"row": number, "reason": str(exc)})
            continue
        ref = values["reference"]
        if ref in known:
            report.already += 1
            continue
        if ref in seen:
            report.repeated += 1
            continue
        seen.add(ref)
        category = norm(values["category"])
        if category and category not in categories:
            categories[category] = None
            CommodityMapping.objects.create(kind=MappingKind.CATEGORY, text=category[:200])
            report.unmapped_categories.append(category)
        group = group_for(category, values["subject"], categories, keywords)
        parsed.append(
            (
                ForeignNotification(commodity_group_id=group, **values),
                origins.codes(values["origin_text"]),
                hazards.keys(values["hazards_text"]),
            )
        )
    report.unmapped_origins = origins.queue_unknown()
    report.hazards_created = hazards.save_new()
    report.created = _insert_notifications([p[0] for p in parsed])
    origin_links, hazard_links = [], []
    for notification, codes, keys in parsed:
        origin_links += [(notification.pk, c) for c in codes]
        hazard_links += [(notification.pk, hazards.by_key[k]) for k in dict.fromkeys(keys)]
    _insert_links(ForeignNotification.origins.through, "country_id", origin_links)
    _insert_links(ForeignNotification.hazards.through, "hazard_id", hazard_links)
    report.signals = _raise_signals(parsed, hazards.by_key, actor=actor)
    if parsed:
        notifications_imported.send(sender=ForeignNotification, ids=[p[0].pk for p in parsed], actor=actor)
    if report.created or report.errors:
        audit_record(
            actor=actor,
            verb="risk_rasff.import",
            object_type="risk.foreignnotification",
            object_id="import",
            object_repr=name[:200],
            after={k: v for k, v in report.as_dict().items() if k != "errors"}
            | {"errors": len(report.errors)},
        )
    return report


NOTIFICATION_COLUMNS = [
    f for f in ForeignNotification._meta.concrete_fields if not f.primary_key and f.name != "imported_at"
]


def _insert_notifications(notifications: list[ForeignNotification]) -> int:
    """Plain multi-row INSERTs (the ORM's per-value preparation dominated the import), then read the ids."""
    if not notifications:
        return 0
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    columns = [f.column for f in NOTIFICATION_COLUMNS] + ["imported_at"]
    rows = []
    for n in notifications:
        row = []
        for f in NOTIFICATION_COLUMNS:
            value = getattr(n, f.attname)
            if f.name == "notified_at":
                value = ops.adapt_datetimefield_value(value)
            elif f.name == "extra":
                value = json.dumps(value, ensure_ascii=False)
            row.append(value)
        rows.append((*row, now))
    table = ops.quote_name(ForeignNotification._meta.db_table)
    names = ", ".join(ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    last_id = ForeignNotification.objects.aggregate(m=Max("id"))["m"] or 0
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
    ids = dict(ForeignNotification.objects.filter(id__gt=last_id).values_list("reference", "id"))
    for n in notifications:
        n.pk = ids[n.reference]
    return len(notifications)


def _insert_links(through, column: str, pairs: list[tuple]) -> None:
    if not pairs:
        return
    ops = connection.ops
    table = ops.quote_name(through._meta.db_table)
    sql = f"INSERT INTO {table} (foreignnotification_id, {ops.quote_name(column)}) VALUES (%s, %s)"
    with connection.cursor() as cursor:
        cursor.executemany(sql, pairs)


def _raise_signals(parsed, hazard_ids: dict[str, int], *, actor) -> int:
    """Signals for notifications about origin × commodity pairs the bureau imports; clustered; one digest."""
    pairs = imported_pairs()
    if not pairs:
        return 0
    signals = []
    for notification, codes, keys in parsed:
        group = notification.commodity_group_id
        port = next((pairs[(c, group)] for c in codes if (c, group) in pairs), None)
        if port is None:
            continue
        origin = next(c for c in codes if (c, group) in pairs)
        signals.append(
            RiskSignal(
                source=SignalSource.FOREIGN_NOTIFICATION,
                source_ref=f"risk.foreignnotification:{notification.pk}",
                title=f"RASFF {notification.reference}: {notification.subject}"[:255],
                description=_(
                    "%(classification)s · %(decision)s · notified by %(country)s · hazards: %(hazards)s"
                )
                % {
                    "classification": notification.classification_label,
                    "decision": notification.risk_decision_label,
                    "country": notification.notifying_country,
                    "hazards": notification.hazards_text or "—",
                },
                occurred_on=notification.notified_at.date(),
                commodity_group_id=group,
                hazard_id=hazard_ids[keys[0]] if keys else None,
                origin_id=origin,
                org=port,
                created_by=actor if getattr(actor, "pk", None) else None,
            )
        )
    created = RiskSignal.objects.bulk_create(signals, batch_size=1000)
    by_port: dict[int, int] = {}
    for signal in sorted(created, key=lambda s: (s.occurred_on, s.pk)):
        cluster_attach(signal)
        by_port[signal.org_id] = by_port.get(signal.org_id, 0) + 1
    ports = OrgUnit.objects.in_bulk(list(by_port))
    for port_id, n in by_port.items():
        notify(
            recipients=users_over(ports[port_id], [Role.RISK_ANALYST]),
            kind="signals",
            text=_("%(n)d foreign notifications about goods imported at %(port)s")
            % {"n": n, "port": ports[port_id].name},
            url=reverse("risk:signal_list") + "?source=foreign_notification",
            count=n,
        )
    return len(created)
