"""The columns of the release overrides' Excel export: what a user reads on the list, headed by the fields' own
(translated) names, choices shown by their labels."""

from guomen.core.filters import field_column, label_of
from guomen.inspections.choices import Disposition

from .choices import OverrideStatus
from .models import ReleaseOverride as O


def _col(name: str, read=None):
    return field_column(O, name, read)


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
