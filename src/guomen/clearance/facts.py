"""Loading the facts the release rules read, in a fixed number of statements whatever the size."""

import json

from django.db import connection
from django.db.models import Prefetch
from django.utils import timezone

from guomen.catalog.models import ImportRequirement
from guomen.certification.choices import CertificateStatus, Scheme
from guomen.certification.models import Certificate, CompulsoryProduct
from guomen.declarations.choices import Direction
from guomen.declarations.ephyto_match import declaration_mismatches
from guomen.declarations.models import DeclarationDocument, DeclarationLine, PhytoCertificate
from guomen.exports.models import DeclarationBatch, ExportSite, LoadingRecord, ProductionBatch
from guomen.inspections.models import ChecklistItem, Finding
from guomen.labs.models import Sample, TestItem
from guomen.portlines.choices import WASTE_HS_PREFIXES, ConsigneeStatus
from guomen.portlines.models import WasteConsignee
from guomen.registry.models import ProductionBase
from guomen.supervision.choices import BlacklistStatus
from guomen.supervision.models import BlacklistEntry
from guomen.targeting.models import TargetingDecision

from .rules import BaseFacts, BatchFacts, Facts, LineFacts


def requirement_codes(lines) -> set[str]:
    codes = set()
    for line in lines:
        codes.update({line.hs_id, line.hs_id[:6], line.hs_id[:4]})
    return codes


def _ids(sql: str, params) -> set:
    """One fixed statement, no query building: these three run before every confirmation."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


def _blacklisted(parties: set) -> set:
    if not parties:
        return set()
    marks = ", ".join(["%s"] * len(parties))
    return _ids(
        f"SELECT enterprise_id FROM {BlacklistEntry._meta.db_table} WHERE status = %s AND enterprise_id IN ({marks})",
        [BlacklistStatus.LISTED.value, *sorted(parties)],
    )


def _has_rows(model, field: str, value) -> bool:
    return bool(_ids(f"SELECT 1 FROM {model._meta.db_table} WHERE {field} = %s LIMIT 1", [value]))


def _rows(sql: str, params) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _lines(declaration_id) -> list[LineFacts]:
    """The declaration's lines with their production bases and what each base is registered for: two
    fixed statements whatever the number of lines and bases."""
    line_table = DeclarationLine._meta.db_table
    links = DeclarationLine.production_bases.through._meta.db_table
    base_table = ProductionBase._meta.db_table
    registered = ProductionBase.commodities.through._meta.db_table
    lines = {
        pk: LineFacts(line_no=no, hs_id=hs)
        for pk, no, hs in _rows(
            f"SELECT id, line_no, hs_id FROM {line_table} WHERE declaration_id = %s ORDER BY line_no",
            [declaration_id],
        )
    }
    if not lines:
        return []
    bases: dict[tuple, BaseFacts] = {}
    sql = (
        f"SELECT k.declarationline_id, b.id, b.code, b.name, b.status, b.status_reason, c.hscode_id "
        f"FROM {links} k JOIN {base_table} b ON b.id = k.productionbase_id "
        f"LEFT JOIN {registered} c ON c.productionbase_id = b.id "
        f"WHERE k.declarationline_id IN (SELECT id FROM {line_table} WHERE declaration_id = %s) "
        f"ORDER BY k.declarationline_id, b.code"
    )
    for line_pk, pk, code, name, status, reason, hs in _rows(sql, [declaration_id]):
        base = bases.get((line_pk, pk))
        if base is None:
            base = bases[(line_pk, pk)] = BaseFacts(
                pk=pk, code=code, name=name, status=status, status_reason=reason
            )
            lines[line_pk].bases.append(base)
        if hs:
            base.commodities.append(hs)
    return list(lines.values())


def _ccc_uncovered(declaration) -> list[tuple]:
    """Lines under an entry of the CCC catalogue in force today (not retired) that no valid CCC certificate of
    the consignee (else the declarant) covers, as certification's valid_ccc_certificate() reads a certificate:
    one fixed statement."""
    today = timezone.localdate()
    sql = (
        f"SELECT l.line_no, l.hs_id, MIN(p.name_zh) FROM {DeclarationLine._meta.db_table} l "
        f"JOIN {CompulsoryProduct._meta.db_table} p ON l.hs_id LIKE p.hs_prefix || '%%' "
        f"WHERE l.declaration_id = %s AND (p.in_force_from IS NULL OR p.in_force_from <= %s) "
        f"AND (p.retired_on IS NULL OR p.retired_on > %s) AND NOT EXISTS (SELECT 1 FROM {Certificate._meta.db_table} c "
        f"WHERE c.enterprise_id = %s AND c.scheme = %s AND c.status = %s AND c.valid_from <= %s "
        f"AND c.valid_until >= %s AND (c.hs_code = '' OR l.hs_id LIKE c.hs_code || '%%')) "
        f"GROUP BY l.line_no, l.hs_id ORDER BY l.line_no"
    )
    holder = declaration.consignee_id or declaration.declarant_id
    params = [
        declaration.pk,
        today,
        today,
        holder,
        Scheme.CCC.value,
        CertificateStatus.VALID.value,
        today,
        today,
    ]
    return _rows(sql, params)


def _waste_unregistered(declaration, lines) -> list[tuple]:
    """Import lines of solid waste (by HS heading) when the consignee (else the declarant) is not a registered
    domestic consignee: one fixed statement, and none unless a line is solid waste."""
    if declaration.direction != Direction.IMPORT:
        return []
    waste = [(line.line_no, line.hs_id) for line in lines if str(line.hs_id).startswith(WASTE_HS_PREFIXES)]
    if not waste:
        return []
    holder = declaration.consignee_id or declaration.declarant_id
    registered = WasteConsignee.objects.filter(
        enterprise_id=holder, status=ConsigneeStatus.REGISTERED, registered_on__lte=timezone.localdate()
    ).exists()
    return [] if registered else waste


def _export_batches(declaration) -> tuple[list[BatchFacts], int]:
    """The production batches an export declaration names, their sites, and how many supervised loadings were
    recorded: one fixed statement (none for an import)."""
    if declaration.direction != Direction.EXPORT:
        return [], 0
    sql = (
        f"SELECT b.number, b.flagged, b.flag_reasons, b.destination_id, s.registration_number, s.name, s.status, "
        f"s.status_reason, s.hk_macao, "
        f"(SELECT COUNT(*) FROM {LoadingRecord._meta.db_table} l WHERE l.declaration_id = %s) "
        f"FROM {DeclarationBatch._meta.db_table} k "
        f"JOIN {ProductionBatch._meta.db_table} b ON b.id = k.batch_id "
        f"JOIN {ExportSite._meta.db_table} s ON s.id = b.site_id "
        f"WHERE k.declaration_id = %s ORDER BY b.number"
    )
    batches, loadings = [], 0
    for number, flagged, reasons, destination, site_no, site, status, why, hk, count in _rows(
        sql, [declaration.pk, declaration.pk]
    ):
        batches.append(
            BatchFacts(
                number=number,
                flagged=bool(flagged),
                reasons=json.loads(reasons) if isinstance(reasons, str) else list(reasons or []),
                destination=destination,
                site_number=site_no,
                site_name=site,
                site_status=status,
                site_reason=why,
                hk_macao=bool(hk),
            )
        )
        loadings = int(count)
    return batches, loadings


def batch_facts(batches) -> list[BatchFacts]:
    """BatchFacts of production batches already in hand (with their sites), in number order: at intake the
    batches were just read and attached, so the facts need no statement of their own."""
    return [
        BatchFacts(
            number=b.number,
            flagged=bool(b.flagged),
            reasons=list(b.flag_reasons or []),
            destination=b.destination_id,
            site_number=b.site.registration_number,
            site_name=b.site.name,
            site_status=b.site.status,
            site_reason=b.site.status_reason,
            hk_macao=bool(b.site.hk_macao),
        )
        for b in sorted(batches, key=lambda b: b.number)
    ]


def facts_load(declaration, *, task=None, batches=None) -> Facts:
    """The facts of a declaration (and of the task being confirmed, when there is one).

    `batches`: the production batches just attached at intake (none recorded a loading yet), read already."""
    lines = _lines(declaration.pk)
    # plain querysets, not the declaration's related managers (which carry a caller's prefetches)
    documents = list(DeclarationDocument.objects.filter(declaration_id=declaration.pk).order_by())
    requirements = list(
        ImportRequirement.objects.filter(
            hs__in=requirement_codes(lines), origin_id=declaration.origin_country_id
        ).order_by()
    )
    parties = {pk for pk in (declaration.declarant_id, declaration.consignee_id) if pk}
    listed = dict.fromkeys(_blacklisted(parties), True)
    certificates = _has_rows(PhytoCertificate, "declaration_id", declaration.pk)
    if batches is None:
        batches, loadings = _export_batches(declaration)
    else:
        batches, loadings = batch_facts(batches), 0
    facts = Facts(
        declaration=declaration,
        lines=lines,
        documents=documents,
        requirements=requirements,
        decision=next(iter(TargetingDecision.objects.filter(declaration_id=declaration.pk).order_by()), None),
        ephyto_problems=declaration_mismatches(declaration) if certificates else [],
        listed=listed,
        ccc_uncovered=_ccc_uncovered(declaration),
        waste_unregistered=_waste_unregistered(declaration, lines),
        batches=batches,
        loadings=loadings,
    )
    if task is not None:
        facts.task = task
        facts.checklist = list(ChecklistItem.objects.filter(task_id=task.pk).order_by())
        facts.findings = int(_has_rows(Finding, "task_id", task.pk))
        facts.samples = list(
            Sample.objects.filter(declaration_id=declaration.pk)
            .order_by("number")
            .prefetch_related(
                Prefetch("items", queryset=TestItem.objects.select_related("analyte").order_by())
            )
        )
    return facts
