"""Audited create/update of master-data rows with optimistic locking (used by catalog and registry)."""

from django.core.exceptions import ValidationError
from django.db import models

from guomen.core.errors import Conflict, validation_error_from_django
from guomen.core.permissions import require
from guomen.core.services import audit_record, model_snapshot


def require_actor(actor, action: str) -> None:
    """People need the role; a system process (actor None, e.g. a management command) may act."""
    if actor is not None:
        require(actor, action)


def _m2m_snapshot(obj: models.Model, m2m: dict | None) -> dict:
    if not m2m or obj.pk is None:
        return {}
    return {name: sorted(str(pk) for pk in getattr(obj, name).values_list("pk", flat=True)) for name in m2m}


def _snapshot(obj: models.Model, m2m: dict | None) -> dict:
    return {**model_snapshot(obj), **_m2m_snapshot(obj, m2m)}


def _clean(obj: models.Model, exclude: list[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise validation_error_from_django(exc) from exc


def audited_create(
    obj: models.Model, *, actor, verb: str, m2m: dict | None = None, org_path: str = "", reason: str = ""
) -> models.Model:
    """Validate, insert, set many-to-many values and write one audit event. Call inside a transaction."""
    _clean(obj)
    obj.save(force_insert=True)
    for name, values in (m2m or {}).items():
        getattr(obj, name).set(values)
    audit_record(actor=actor, verb=verb, obj=obj, org_path=org_path, after=_snapshot(obj, m2m), reason=reason)
    return obj


def audited_update(
    obj: models.Model,
    *,
    changes: dict,
    actor,
    verb: str,
    expected_version: int | None = None,
    m2m: dict | None = None,
    org_path: str = "",
    reason: str = "",
) -> models.Model:
    """Apply `changes` (and many-to-many values) if the row is still at `expected_version`.

    The version is bumped with a compare-and-set first, so two people editing the same record
    cannot overwrite each other: the second gets a Conflict. Nothing is written when nothing
    changed. Call inside a transaction.
    """
    before = _snapshot(obj, m2m)
    for name, value in changes.items():
        setattr(obj, name, value)
    _clean(obj)
    after_fields = {
        **model_snapshot(obj),
        **{k: sorted(str(v.pk) for v in vals) for k, vals in (m2m or {}).items()},
    }
    version = obj.version if expected_version is None else int(expected_version)
    if version != obj.version:
        raise Conflict()
    diff_before = {k: v for k, v in before.items() if after_fields.get(k) != v and k != "version"}
    diff_after = {k: after_fields[k] for k in diff_before}
    if not diff_before:
        return obj
    bumped = type(obj).objects.filter(pk=obj.pk, version=version).update(version=models.F("version") + 1)
    if not bumped:
        raise Conflict()
    obj.version = version + 1
    obj.save()
    for name, values in (m2m or {}).items():
        getattr(obj, name).set(values)
    audit_record(
        actor=actor,
        verb=verb,
        obj=obj,
        org_path=org_path,
        before=diff_before,
        after=diff_after,
        reason=reason,
    )
    return obj
