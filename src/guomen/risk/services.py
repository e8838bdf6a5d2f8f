"""Risk writes. `signal_record` is how every other app reports risk information.

Assessments, warnings and measures live in warnings.py and measures.py; the RASFF import in rasff.py.
"""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.core.errors import ValidationFailed
from guomen.core.permissions import org_in_scope, require
from guomen.core.services import audit_record, model_snapshot
from guomen.core.workflow import transition

from .choices import CLUSTER_TRANSITIONS, MANUAL_SOURCES, ClusterStatus, MappingKind, SignalSource
from .clustering import cluster_attach
from .inbox import notify, users_over
from .models import RiskCluster, RiskSignal


@transaction.atomic
def signal_record(
    *,
    source: str,
    title: str,
    org,
    actor=None,
    source_ref: str = "",
    description: str = "",
    occurred_on=None,
    hs=None,
    commodity_group=None,
    hazard=None,
    origin=None,
    enterprise=None,
    production_base=None,
) -> RiskSignal:
    """Record a risk signal. With a `source_ref` ("app.model:pk") it is recorded once: a repeat returns it.

    The signal joins its open cluster at once and the analysts over its unit get it in their inbox digest.
    """
    if source not in SignalSource.values:
        raise ValidationFailed(fields={"source": [_("Unknown signal source.")]})
    if not (title or "").strip():
        raise ValidationFailed(fields={"title": [_("Give the signal a title.")]})
    if org is None:
        raise ValidationFailed(fields={"org": [_("Choose the unit the signal belongs to.")]})
    if source_ref:
        existing = RiskSignal.objects.filter(source=source, source_ref=source_ref).first()
        if existing is not None:
            return existing
    if commodity_group is None and hs is not None:
        commodity_group = hs.group
    if origin is None and production_base is not None:
        origin = production_base.country
    signal = RiskSignal.objects.create(
        source=source,
        source_ref=source_ref,
        title=title.strip()[:255],
        description=description,
        occurred_on=occurred_on or timezone.localdate(),
        hs=hs,
        commodity_group=commodity_group,
        hazard=hazard,
        origin=origin,
        enterprise=enterprise,
        production_base=production_base,
        org=org,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    cluster_attach(signal)
    audit_record(
        actor=actor, verb="risk_signal.create", obj=signal, org_path=org.path, after=model_snapshot(signal)
    )
    notify(
        recipients=users_over(org, [Role.RISK_ANALYST]),
        kind="signals",
        text=signal.title,
        url=reverse("risk:signal_detail", args=[signal.pk]),
    )
    return signal


def signal_enter(*, actor, data: dict) -> RiskSignal:
    """A person enters a signal by hand (self-report, media, complaint, other) in their jurisdiction."""
    require(actor, "risk.edit")
    source = data.get("source") or ""
    if source not in MANUAL_SOURCES:
        raise ValidationFailed(fields={"source": [_("Choose a source that is entered by hand.")]})
    org = data.get("org") or actor.org
    if org is None or not org_in_scope(actor, org):
        raise ValidationFailed(fields={"org": [_("Choose your own unit or one below it.")]})
    occurred_on = data.get("occurred_on")
    if occurred_on and occurred_on > timezone.localdate():
        raise ValidationFailed(fields={"occurred_on": [_("The date cannot be in the future.")]})
    return signal_record(
        source=source,
        title=data.get("title") or "",
        org=org,
        actor=actor,
        description=data.get("description") or "",
        occurred_on=occurred_on,
        hs=data.get("hs"),
        commodity_group=data.get("commodity_group"),
        hazard=data.get("hazard"),
        origin=data.get("origin"),
        enterprise=data.get("enterprise"),
        production_base=data.get("production_base"),
    )


@transaction.atomic
def cluster_close(*, cluster: RiskCluster, actor, reason: str, expected_version: int | None = None):
    require(actor, "risk.edit")
    if not str(reason or "").strip():
        raise ValidationFailed(fields={"reason": [_("Say why the cluster is closed.")]})
    return transition(
        cluster,
        to=ClusterStatus.CLOSED,
        allowed=CLUSTER_TRANSITIONS,
        actor=actor,
        verb="risk_cluster.closed",
        reason=reason,
        expected_version=expected_version,
        org_path=cluster.org.path,
    )


def _mapping_tables():
    from .models import CommodityMapping
    from .rasff_mapping import keyword_patterns

    rows = list(CommodityMapping.objects.values_list("kind", "text", "commodity_group_id"))
    categories = {text: group for kind, text, group in rows if kind == MappingKind.CATEGORY}
    keywords = keyword_patterns({text: group for kind, text, group in rows if kind == MappingKind.KEYWORD})
    return categories, keywords


def notifications_remap(*, category: str | None = None) -> int:
    """Re-derive the commodity group of stored notifications (all, or one category) from the mapping table."""
    from .models import ForeignNotification
    from .rasff_mapping import group_for

    categories, keywords = _mapping_tables()
    qs = ForeignNotification.objects.all()
    if category is not None:
        qs = qs.filter(category__iexact=category)
    changed = []
    for notification in qs.only("id", "category", "subject", "commodity_group_id").iterator(chunk_size=2000):
        group = group_for(notification.category, notification.subject, categories, keywords)
        if group != notification.commodity_group_id:
            notification.commodity_group_id = group
            changed.append(notification)
    ForeignNotification.objects.bulk_update(changed, ["commodity_group"], batch_size=1000)
    return len(changed)


def notifications_link_origin(*, name: str, country) -> int:
    """Stored notifications whose origin text names `name` get `country` as an origin (once)."""
    from .models import ForeignNotification
    from .rasff_mapping import norm

    through = ForeignNotification.origins.through
    ids = [
        pk
        for pk, text in ForeignNotification.objects.filter(origin_text__icontains=name).values_list(
            "id", "origin_text"
        )
        if name in {norm(part) for part in text.split(",")}
    ]
    linked = set(
        through.objects.filter(foreignnotification_id__in=ids, country=country).values_list(
            "foreignnotification_id", flat=True
        )
    )
    rows = [through(foreignnotification_id=pk, country=country) for pk in ids if pk not in linked]
    through.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def mapping_update(
    *, mapping, actor, commodity_group=None, country=None, reviewed: bool = True, expected_version=None
):
    """An analyst sets (or confirms) a mapping; notifications it covers are re-mapped at once. An origin name
    maps to a country: the notifications that name it get that origin, and later imports resolve it."""
    from guomen.core.editing import audited_update

    require(actor, "risk.edit")
    if mapping.kind == MappingKind.ORIGIN:
        changes = {"country": country, "reviewed": reviewed}
    else:
        changes = {"commodity_group": commodity_group, "reviewed": reviewed}
    audited_update(
        mapping,
        changes=changes,
        actor=actor,
        verb="risk_mapping.update",
        expected_version=expected_version,
    )
    if mapping.kind == MappingKind.ORIGIN:
        if country is not None:
            notifications_link_origin(name=mapping.text, country=country)
    else:
        notifications_remap(category=mapping.text if mapping.kind == MappingKind.CATEGORY else None)
    return mapping


@transaction.atomic
def mapping_create(*, actor, kind: str, text: str, commodity_group) -> object:
    from guomen.core.editing import audited_create

    from .models import CommodityMapping
    from .rasff_mapping import norm

    require(actor, "risk.edit")
    text = norm(text)
    if CommodityMapping.objects.filter(kind=kind, text=text).exists():
        raise ValidationFailed(fields={"text": [_("This text is already mapped.")]})
    mapping = audited_create(
        CommodityMapping(kind=kind, text=text, commodity_group=commodity_group, reviewed=True),
        actor=actor,
        verb="risk_mapping.create",
    )
    notifications_remap(category=text if kind == MappingKind.CATEGORY else None)
    return mapping
