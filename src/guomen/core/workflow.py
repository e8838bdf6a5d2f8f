"""One mechanism for every status field: check the transitions table, bump the version, audit."""

from django.db import models
from django.utils.translation import gettext as _

from .errors import Conflict, IllegalTransition
from .rows import update_versioned
from .services import audit_record


def transition(
    obj: models.Model,
    *,
    to: str,
    allowed: dict[str, set[str]],
    actor,
    verb: str,
    reason: str = "",
    expected_version: int | None = None,
    org_path: str = "",
    extra_fields: dict | None = None,
) -> models.Model:
    """Move `obj.status` to `to` if the table allows it; refuse stale versions (lost updates).

    Call inside a transaction. The row is updated with a compare-and-set on `version`, so two
    people acting on the same record get a Conflict rather than overwriting each other.
    """
    current = obj.status
    if to not in allowed.get(current, set()):
        label = dict(obj._meta.get_field("status").choices)
        raise IllegalTransition(
            _("Cannot change status from “%(from)s” to “%(to)s”.")
            % {"from": label.get(current, current), "to": label.get(to, to)},
            fields={"status": [_("“%(to)s” is not allowed now.") % {"to": label.get(to, to)}]},
        )
    version = obj.version if expected_version is None else expected_version
    changes = {"status": to, **(extra_fields or {})}
    updated = update_versioned(obj, version=version, status=current, changes=changes)
    if not updated:
        raise Conflict()
    before = {"status": current}
    for name, value in changes.items():
        if name != "status":
            before[name] = getattr(obj, name, None)
        setattr(obj, name, value)
    obj.version = version + 1
    audit_record(
        actor=actor, verb=verb, obj=obj, org_path=org_path, before=before, after=changes, reason=reason
    )
    return obj
