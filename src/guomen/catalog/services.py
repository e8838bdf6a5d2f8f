"""Catalog writes: hazards, residue limits and import requirements, validated and audited."""

from django.db import transaction
from django.utils.translation import gettext as _

from guomen.core.editing import audited_create, audited_update, require_actor
from guomen.core.errors import ValidationFailed

from .choices import DocumentType
from .models import Hazard, ImportRequirement, ResidueLimit
from .selectors import DECLARABLE_LEVELS

HAZARD_FIELDS = (
    "code",
    "kind",
    "name_zh",
    "name_en",
    "scientific_name",
    "description",
    "photo_hint",
    "needs_review",
)
LIMIT_FIELDS = ("hazard", "hs", "value", "unit", "standard")
REQUIREMENT_FIELDS = (
    "hs",
    "origin",
    "access_granted",
    "required_treatment",
    "marking",
    "registered_base_required",
    "required_documents",
    "protocol",
    "notes",
)


def _check_documents(values: dict) -> None:
    kinds = values.get("required_documents")
    if kinds is None:
        return
    if not isinstance(kinds, list | tuple) or any(k not in DocumentType.values for k in kinds):
        raise ValidationFailed(fields={"required_documents": [_("Choose document types from the list.")]})
    values["required_documents"] = list(dict.fromkeys(kinds))


def _pick(data: dict, names) -> dict:
    return {k: v for k, v in data.items() if k in names}


def _check_hs_for_requirement(hs) -> None:
    if hs is not None and hs.level not in (2, 4, *DECLARABLE_LEVELS):
        raise ValidationFailed(fields={"hs": [_("Unknown HS code.")]})


# Hazards ------------------------------------------------------------------------------------------


@transaction.atomic
def hazard_create(*, data: dict, actor) -> Hazard:
    require_actor(actor, "catalog.edit")
    code = str(data.get("code") or "").strip()
    if code and Hazard.objects.filter(code=code).exists():
        raise ValidationFailed(
            fields={"code": [_("A hazard with code “%(code)s” already exists.") % {"code": code}]}
        )
    hazard = Hazard(**{**_pick(data, HAZARD_FIELDS), "code": code})
    return audited_create(hazard, actor=actor, verb="hazard.create")


@transaction.atomic
def hazard_update(*, hazard: Hazard, data: dict, actor, expected_version: int | None = None) -> Hazard:
    require_actor(actor, "catalog.edit")
    changes = _pick(data, HAZARD_FIELDS)
    changes.pop("code", None)  # the code identifies the hazard in files and rules; it does not change
    return audited_update(
        hazard, changes=changes, actor=actor, verb="hazard.update", expected_version=expected_version
    )


# Residue limits -----------------------------------------------------------------------------------


@transaction.atomic
def residue_limit_create(*, data: dict, actor) -> ResidueLimit:
    require_actor(actor, "catalog.edit")
    values = _pick(data, LIMIT_FIELDS)
    if ResidueLimit.objects.filter(hazard=values.get("hazard"), hs=values.get("hs")).exists():
        raise ValidationFailed(fields={"hs": [_("This hazard already has a limit for this HS code.")]})
    limit = ResidueLimit(**values)
    return audited_create(limit, actor=actor, verb="residue_limit.create")


@transaction.atomic
def residue_limit_update(*, limit: ResidueLimit, data: dict, actor, expected_version: int | None = None):
    require_actor(actor, "catalog.edit")
    changes = _pick(data, ("value", "unit", "standard"))
    return audited_update(
        limit, changes=changes, actor=actor, verb="residue_limit.update", expected_version=expected_version
    )


# Import requirements ------------------------------------------------------------------------------


@transaction.atomic
def import_requirement_create(*, data: dict, actor) -> ImportRequirement:
    require_actor(actor, "catalog.edit")
    values = _pick(data, REQUIREMENT_FIELDS)
    _check_documents(values)
    _check_hs_for_requirement(values.get("hs"))
    if ImportRequirement.objects.filter(hs=values.get("hs"), origin=values.get("origin")).exists():
        raise ValidationFailed(
            fields={"origin": [_("A requirement for this HS code and origin already exists; edit that one.")]}
        )
    requirement = ImportRequirement(**values)
    return audited_create(
        requirement,
        actor=actor,
        verb="import_requirement.create",
        m2m={"pests": list(data.get("pests") or [])},
    )


@transaction.atomic
def import_requirement_update(
    *, requirement: ImportRequirement, data: dict, actor, expected_version: int | None = None
) -> ImportRequirement:
    require_actor(actor, "catalog.edit")
    changes = _pick(data, REQUIREMENT_FIELDS)
    _check_documents(changes)
    changes.pop("hs", None)
    changes.pop("origin", None)
    m2m = {"pests": list(data["pests"])} if "pests" in data else None
    return audited_update(
        requirement,
        changes=changes,
        actor=actor,
        verb="import_requirement.update",
        expected_version=expected_version,
        m2m=m2m,
    )
