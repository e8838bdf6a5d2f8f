"""Catalog writes: hazards, residue limits and import requirements, validated and audited."""

import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum import casrn

from guomen.core.editing import audited_create, audited_update, require_actor
from guomen.core.errors import Conflict, ValidationFailed
from guomen.core.services import audit_record

from .choices import DocumentType, HazardKind
from .hazard_names import hazard_key
from .models import Hazard, HazardSynonym, ImportRequirement, ResidueLimit
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
CJK = re.compile(r"[\u3400-\u9fff]")
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


# Hazard review ------------------------------------------------------------------------------------
# A foreign notification's hazard enters the inspector's and the lab's lists only when an analyst accepts it
# (with its Chinese name), merges it into a hazard already in the catalogue (its spelling kept as a synonym,
# every record moved), or rejects it (kept on the notifications that name it, out of every list).


def _pending(hazard: Hazard) -> Hazard:
    hazard = Hazard.objects.select_for_update().get(pk=hazard.pk)
    if not hazard.needs_review or hazard.rejected_at is not None:
        raise Conflict(_("This hazard has already been reviewed."))
    return hazard


@transaction.atomic
def hazard_accept(*, hazard: Hazard, data: dict, actor) -> Hazard:
    require_actor(actor, "catalog.edit")
    hazard = _pending(hazard)
    name_zh = str(data.get("name_zh") or "").strip()
    if not CJK.search(name_zh):
        raise ValidationFailed(fields={"name_zh": [_("Write the hazard's Chinese name.")]})
    same = Hazard.objects.filter(name_zh=name_zh, needs_review=False).exclude(pk=hazard.pk).first()
    if same is not None:
        raise ValidationFailed(
            fields={
                "name_zh": [
                    _("%(name)s is already in the lists: merge into it instead.") % {"name": same.name_zh}
                ]
            }
        )
    kind = data.get("kind") or hazard.kind
    if kind not in HazardKind.values:
        raise ValidationFailed(fields={"kind": [_("Choose a kind from the list.")]})
    cas = str(data.get("cas_number") or "").strip()
    if cas and not casrn.is_valid(cas):
        raise ValidationFailed(fields={"cas_number": [_("This is not a valid CAS number.")]})
    changes = {"name_zh": name_zh[:100], "kind": kind, "needs_review": False}
    if cas:
        changes["cas_number"] = casrn.compact(cas)
    return audited_update(hazard, changes=changes, actor=actor, verb="hazard.accept")


@transaction.atomic
def hazard_reject(*, hazard: Hazard, reason: str, actor) -> Hazard:
    require_actor(actor, "catalog.edit")
    hazard = _pending(hazard)
    reason = str(reason or "").strip()
    if not reason:
        raise ValidationFailed(fields={"reason": [_("Say why this is not a hazard for the lists.")]})
    changes = {"rejected_at": timezone.now(), "review_note": reason[:2000]}
    return audited_update(hazard, changes=changes, actor=actor, verb="hazard.reject", reason=reason[:2000])


@transaction.atomic
def hazard_merge(*, hazard: Hazard, into: Hazard, actor) -> Hazard:
    """Move every record that names `hazard` onto `into`, keep its spellings as synonyms of `into`, delete it."""
    require_actor(actor, "catalog.edit")
    hazard = _pending(hazard)
    if into.pk == hazard.pk or into.needs_review:
        raise ValidationFailed(fields={"into": [_("Choose a hazard that is already in the lists.")]})
    moved = _repoint(hazard, into)
    for text in {t.strip() for t in (hazard.name_en, hazard.scientific_name, hazard.code) if t.strip()}:
        key = hazard_key(text)[:150]
        if key and not HazardSynonym.objects.filter(key=key).exists():
            HazardSynonym.objects.create(hazard=into, key=key, text=text[:150])
    audit_record(
        actor=actor,
        verb="hazard.merge",
        obj=into,
        before={"merged": {"id": hazard.pk, "code": hazard.code, "name_en": hazard.name_en}},
        after={"moved": moved},
    )
    hazard.delete()
    return into


def _repoint(source: Hazard, target: Hazard) -> dict[str, int]:
    """Every foreign key and many-to-many link to `source` moved to `target` (links it already has dropped)."""
    moved: dict[str, int] = {}
    for relation in Hazard._meta.get_fields(include_hidden=True):
        if not (relation.is_relation and relation.auto_created and not relation.concrete):
            continue
        if relation.many_to_many:
            through = relation.through
            to_hazard = next(f.name for f in through._meta.fields if f.related_model is Hazard)
            other = next(
                f.name
                for f in through._meta.fields
                if f.is_relation and f.name != to_hazard and f.related_model
            )
            links = through.objects.filter(**{to_hazard: source})
            already = through.objects.filter(**{to_hazard: target}).values(other)
            links.filter(**{f"{other}__in": already}).delete()
            count = links.update(**{to_hazard: target})
        else:
            model, name = relation.related_model, relation.field.name
            try:
                with transaction.atomic():
                    count = model.objects.filter(**{name: source}).update(**{name: target})
            except IntegrityError as exc:
                raise Conflict(
                    _("%(records)s of both hazards would clash; edit them first.")
                    % {"records": model._meta.verbose_name_plural}
                ) from exc
        if count:
            moved[relation.related_model._meta.label_lower] = count
    return moved
