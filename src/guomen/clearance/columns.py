"""The columns of the release overrides' Excel export: what a user reads on the list, headed by the fields' own
(translated) names, choices shown by their labels."""

from operator import attrgetter

from django.utils.text import capfirst

from guomen.core.filters import label_of
from guomen.inspections.choices import Disposition

from .choices import OverrideStatus
from .models import ReleaseOverride as O


def _col(name: str, read=None):
    return capfirst(O._meta.get_field(name).verbose_name), read or attrgetter(name)


_disposition, _status = label_of(Disposition), label_of(OverrideStatus)

OVERRIDES = [
    _col("declaration", lambda o: o.declaration.number),
    _col("port", lambda o: o.port.name),
    _col("rules", lambda o: [r.get("message", "") for r in o.rules or []]),
    _col("disposition", lambda o: _disposition(o.disposition)),
    _col("reason"),
    _col("requested_by", lambda o: str(o.requested_by)),
    _col("created_at"),
    _col("decided_by", lambda o: str(o.decided_by) if o.decided_by_id else ""),
    _col("decided_at"),
    _col("decision_reason"),
    _col("status", lambda o: _status(o.status)),
]
