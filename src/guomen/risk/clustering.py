"""Recurrence: a new signal joins an open cluster with the same hazard and the same production base,
enterprise or origin × commodity group seen within the window, instead of raising a new alarm."""

import datetime as dt

from django.conf import settings
from django.db.models import F, Q

from guomen.accounts.models import OrgUnit

from .choices import ClusterDimension, ClusterStatus
from .models import RiskCluster, RiskSignal

# Most specific first: a signal joins a cluster of its production base before one of its enterprise,
# and that before one of its origin × commodity group; a new cluster is keyed the same way.
DIMENSIONS = (
    (ClusterDimension.PRODUCTION_BASE, ("production_base_id",)),
    (ClusterDimension.ENTERPRISE, ("enterprise_id",)),
    (ClusterDimension.ORIGIN_COMMODITY, ("origin_id", "commodity_group_id")),
)
PRIORITY = {dim: n for n, (dim, _f) in enumerate(DIMENSIONS)}


def window_days() -> int:
    """How many days apart two signals may be and still recur (settings.GUOMEN_RISK_CLUSTER_WINDOW_DAYS)."""
    return int(getattr(settings, "GUOMEN_RISK_CLUSTER_WINDOW_DAYS", 30))


def cluster_keys(signal: RiskSignal) -> list[tuple[str, dict]]:
    keys = []
    for dimension, fields in DIMENSIONS:
        values = {f: getattr(signal, f) for f in fields}
        if all(values.values()):
            keys.append((dimension, values))
    return keys


def common_org(a: OrgUnit, b: OrgUnit) -> OrgUnit:
    """The lowest unit above (or equal to) both: a cluster is visible to whoever sees all its signals."""
    if a.pk == b.pk or b.path.startswith(a.path):
        return a
    if a.path.startswith(b.path):
        return b
    parts_a, parts_b = a.path.strip("/").split("/"), b.path.strip("/").split("/")
    shared = []
    for x, y in zip(parts_a, parts_b, strict=False):
        if x != y:
            break
        shared.append(x)
    if not shared:
        return a
    return OrgUnit.objects.get(path="/" + "/".join(shared) + "/")


def cluster_attach(signal: RiskSignal, *, window: int | None = None) -> RiskCluster | None:
    """Attach `signal` to its open cluster (or start one). Signals without a hazard or subject stay alone."""
    if not signal.hazard_id or signal.cluster_id:
        return signal.cluster if signal.cluster_id else None
    keys = cluster_keys(signal)
    if not keys:
        return None
    days = dt.timedelta(days=window if window is not None else window_days())
    when = signal.occurred_on
    match = Q()
    for dimension, values in keys:
        match |= Q(dimension=dimension, **{f.removesuffix("_id"): v for f, v in values.items()})
    candidates = list(
        RiskCluster.objects.filter(
            match,
            hazard_id=signal.hazard_id,
            status=ClusterStatus.OPEN,
            last_seen__gte=when - days,
            first_seen__lte=when + days,
        ).select_related("org")
    )
    if candidates:
        cluster = min(candidates, key=lambda c: (PRIORITY[c.dimension], -c.last_seen.toordinal(), -c.pk))
        changes = {
            "last_seen": max(cluster.last_seen, when),
            "first_seen": min(cluster.first_seen, when),
            "org": common_org(cluster.org, signal.org),
        }
        RiskCluster.objects.filter(pk=cluster.pk).update(signal_count=F("signal_count") + 1, **changes)
        for name, value in changes.items():
            setattr(cluster, name, value)
        cluster.signal_count += 1
    else:
        dimension, values = keys[0]
        cluster = RiskCluster.objects.create(
            dimension=dimension,
            hazard_id=signal.hazard_id,
            production_base_id=signal.production_base_id,
            enterprise_id=signal.enterprise_id,
            origin_id=signal.origin_id,
            commodity_group_id=signal.commodity_group_id,
            first_seen=when,
            last_seen=when,
            signal_count=1,
            org=signal.org,
        )
    RiskSignal.objects.filter(pk=signal.pk).update(cluster=cluster)
    signal.cluster = cluster
    return cluster
