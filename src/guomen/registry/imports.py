"""Bulk-import kinds of the registry: enterprises and production bases."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from guomen.accounts.models import OrgUnit
from guomen.catalog.bulk import Column, ImportKind, RowReader
from guomen.catalog.imports import CATALOG_IMPORT_KINDS

from .choices import BaseKind, CreditGrade, EnterpriseClass, EnterpriseKind, FilingStatus
from .models import Enterprise, ProductionBase
from .selectors import enterprise_by_uscc
from .services import (
    enterprise_create,
    enterprise_update,
    production_base_create,
    production_base_update,
)
from .validators import uscc_clean, uscc_problem


def _org(row: RowReader, key: str, *, required: bool = False) -> OrgUnit | None:
    code = row.text(key, required=required)
    if not code:
        return None
    org = OrgUnit.objects.filter(code__iexact=code).first()
    if org is None:
        row.fail(key, gettext("Unknown unit code “%(value)s”.") % {"value": code})
    return org


def import_enterprise_row(record: dict, actor) -> str:
    row = RowReader(record)
    uscc = row.text("uscc", required=True)
    problem = uscc_problem(uscc) if uscc else None
    if problem:
        row.fail("uscc", problem)
    data = {
        "uscc": uscc,
        "name_zh": row.text("name_zh", required=True, max_length=150),
        "name_en": row.text("name_en", max_length=200),
        "kind": row.choice("kind", EnterpriseKind, required=True),
        "filing_status": row.choice("filing_status", FilingStatus, default=FilingStatus.FILED),
        "org": _org(row, "org", required=True),
        "address": row.text("address", max_length=255),
        "contact_name": row.text("contact_name", max_length=60),
        "contact_phone": row.text("contact_phone", max_length=40),
        "contact_email": row.text("contact_email"),
        "credit_grade": row.choice("credit_grade", CreditGrade, default=CreditGrade.A),
        "classification": row.choice("classification", EnterpriseClass),
        "filed_on": row.date("filed_on"),
    }
    row.done()
    existing = Enterprise.objects.filter(uscc=uscc_clean(uscc)).first()
    if existing is not None:
        data.pop("uscc")
        enterprise_update(enterprise=existing, data=data, actor=actor)
        return "updated"
    enterprise_create(data=data, actor=actor)
    return "created"


def import_base_row(record: dict, actor) -> str:
    row = RowReader(record)
    uscc = row.text("enterprise_uscc")
    enterprise = enterprise_by_uscc(uscc) if uscc else None
    if uscc and enterprise is None:
        row.fail("enterprise_uscc", gettext("No enterprise with this unified social credit code is on file."))
    data = {
        "code": row.text("code", required=True, max_length=40),
        "kind": row.choice("kind", BaseKind, required=True),
        "name": row.text("name", required=True, max_length=200),
        "name_en": row.text("name_en", max_length=200),
        "country": row.country("country", required=True),
        "region": row.text("region", max_length=100),
        "operator_name": row.text("operator_name", max_length=200),
        "enterprise": enterprise,
        "org": _org(row, "org"),
        "commodities": row.hs_many("commodities"),
        "registered_on": row.date("registered_on"),
    }
    row.done()
    existing = ProductionBase.objects.filter(code=data["code"]).first()
    if existing is not None:
        production_base_update(base=existing, data=data, actor=actor)
        return "updated"
    production_base_create(data=data, actor=actor)
    return "created"


ENTERPRISES = ImportKind(
    slug="enterprises",
    label=_("Enterprises"),
    permission="enterprise.edit",
    columns=(
        Column("uscc", _("unified social credit code"), True, _("18 characters, GB 32100")),
        Column("name_zh", _("Chinese name"), True),
        Column("name_en", _("English name")),
        Column(
            "kind",
            _("type"),
            True,
            _(
                "importer, exporter, producer, agent, cold_store, packhouse, car_dealer, inspection_agency, "
                "certification_body, port_food, waste_consignee, dg_packaging"
            ),
        ),
        Column(
            "filing_status",
            _("filing status"),
            False,
            _("pending, filed, suspended, revoked; empty means filed"),
        ),
        Column("org", _("supervising unit"), True, _("Unit code, e.g. SZ")),
        Column("address", _("address")),
        Column("contact_name", _("contact person")),
        Column("contact_phone", _("contact phone")),
        Column("contact_email", _("contact e-mail")),
        Column("credit_grade", _("credit grade"), False, _("AA, A, B, C or D; empty means A")),
        Column("classification", _("class"), False, _("I, II, III or IV")),
        Column("filed_on", _("filed on"), False, _("YYYY-MM-DD")),
    ),
    import_row=import_enterprise_row,
)

PRODUCTION_BASES = ImportKind(
    slug="bases",
    label=_("Production bases"),
    permission="production_base.edit",
    columns=(
        Column("code", _("registration code"), True),
        Column("kind", _("type"), True, _("orchard, packhouse, farm, processing_plant")),
        Column("name", _("name"), True),
        Column("name_en", _("English name")),
        Column("country", _("country"), True, _("Country code (TH) or name (泰国)")),
        Column("region", _("region")),
        Column("operator_name", _("operator")),
        Column(
            "enterprise_uscc",
            _("enterprise"),
            False,
            _("Unified social credit code of the enterprise on file"),
        ),
        Column("org", _("supervising unit"), False, _("Unit code, e.g. SZ")),
        Column("commodities", _("registered commodities"), False, _("HS codes separated by ;")),
        Column("registered_on", _("registered on"), False, _("YYYY-MM-DD")),
    ),
    import_row=import_base_row,
)

REGISTRY_IMPORT_KINDS = {k.slug: k for k in (ENTERPRISES, PRODUCTION_BASES)}
IMPORT_KINDS = {**REGISTRY_IMPORT_KINDS, **CATALOG_IMPORT_KINDS}
