"""Bulk-import kinds of the catalogue: hazards and import requirements."""

from django.utils.translation import gettext_lazy as _

from .bulk import Column, ImportKind, RowReader
from .choices import HazardKind
from .models import Hazard, ImportRequirement
from .services import hazard_create, hazard_update, import_requirement_create, import_requirement_update


def import_hazard_row(record: dict, actor) -> str:
    row = RowReader(record)
    data = {
        "code": row.text("code", required=True, max_length=40),
        "kind": row.choice("kind", HazardKind, required=True),
        "name_zh": row.text("name_zh", required=True, max_length=100),
        "name_en": row.text("name_en", max_length=150),
        "scientific_name": row.text("scientific_name", max_length=150),
        "description": row.text("description"),
        "photo_hint": row.text("photo_hint"),
    }
    row.done()
    existing = Hazard.objects.filter(code=data["code"]).first()
    if existing is not None:
        hazard_update(hazard=existing, data=data, actor=actor)
        return "updated"
    hazard_create(data=data, actor=actor)
    return "created"


def import_requirement_row(record: dict, actor) -> str:
    row = RowReader(record)
    data = {
        "hs": row.hs("hs_code", required=True),
        "origin": row.country("origin", required=True),
        "access_granted": row.boolean("access_granted", default=True),
        "pests": row.hazards("pests"),
        "required_treatment": row.text("required_treatment", max_length=200),
        "marking": row.text("marking", max_length=200),
        "registered_base_required": row.boolean("registered_base_required"),
        "protocol": row.text("protocol", max_length=200),
        "notes": row.text("notes"),
    }
    row.done()
    existing = ImportRequirement.objects.filter(hs=data["hs"], origin=data["origin"]).first()
    if existing is not None:
        import_requirement_update(requirement=existing, data=data, actor=actor)
        return "updated"
    import_requirement_create(data=data, actor=actor)
    return "created"


HAZARDS = ImportKind(
    slug="hazards",
    label=_("Hazards"),
    permission="catalog.edit",
    columns=(
        Column("code", _("code"), True, _("Unique code, e.g. PEST-PLALI or MRL-CHLORPYRIFOS")),
        Column(
            "kind",
            _("kind"),
            True,
            _("quarantine_pest, pesticide_residue, contaminant, microbiological, labelling"),
        ),
        Column("name_zh", _("Chinese name"), True),
        Column("name_en", _("English name")),
        Column("scientific_name", _("scientific name")),
        Column("description", _("description")),
        Column("photo_hint", _("how to recognise it")),
    ),
    import_row=import_hazard_row,
)

IMPORT_REQUIREMENTS = ImportKind(
    slug="requirements",
    label=_("Import requirements"),
    permission="catalog.edit",
    columns=(
        Column("hs_code", _("HS code"), True, _("6- or 10-digit code, e.g. 081060")),
        Column("origin", _("origin"), True, _("Country code (TH) or name (泰国)")),
        Column("access_granted", _("access granted"), False, _("是 or 否; empty means 是")),
        Column("pests", _("pests of concern"), False, _("Hazard codes separated by ;")),
        Column("required_treatment", _("required treatment")),
        Column("marking", _("required marking"), False, _("e.g. 输往中华人民共和国")),
        Column("registered_base_required", _("registered production base required"), False, _("是 or 否")),
        Column("protocol", _("protocol or announcement")),
        Column("notes", _("notes")),
    ),
    import_row=import_requirement_row,
)

CATALOG_IMPORT_KINDS = {k.slug: k for k in (HAZARDS, IMPORT_REQUIREMENTS)}
