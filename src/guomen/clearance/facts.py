"""Loading the facts the release rules read, in a fixed number of statements whatever the size."""

from django.db import connection
from django.db.models import Prefetch

from guomen.catalog.models import HsCode, ImportRequirement
from guomen.declarations.ephyto_match import declaration_mismatches
from guomen.declarations.models import DeclarationDocument, DeclarationLine, PhytoCertificate
from guomen.inspections.models import ChecklistItem, Finding
from guomen.labs.models import Sample, TestItem
from guomen.registry.models import ProductionBase
from guomen.supervision.choices import BlacklistStatus
from guomen.supervision.models import BlacklistEntry
from guomen.targeting.models import TargetingDecision

from .rules import Facts


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


def facts_load(declaration, *, task=None) -> Facts:
    """The facts of a declaration (and of the task being confirmed, when there is one)."""
    bases = ProductionBase.objects.order_by().prefetch_related(
        Prefetch("commodities", queryset=HsCode.objects.order_by().only("code"))
    )
    # plain querysets, not the declaration's related managers (which carry a caller's prefetches)
    lines = list(
        DeclarationLine.objects.filter(declaration_id=declaration.pk)
        .order_by("line_no")
        .prefetch_related(Prefetch("production_bases", queryset=bases))
    )
    documents = list(DeclarationDocument.objects.filter(declaration_id=declaration.pk).order_by())
    requirements = list(
        ImportRequirement.objects.filter(
            hs__in=requirement_codes(lines), origin_id=declaration.origin_country_id
        ).order_by()
    )
    parties = {pk for pk in (declaration.declarant_id, declaration.consignee_id) if pk}
    listed = dict.fromkeys(_blacklisted(parties), True)
    certificates = _has_rows(PhytoCertificate, "declaration_id", declaration.pk)
    facts = Facts(
        declaration=declaration,
        lines=lines,
        documents=documents,
        requirements=requirements,
        decision=next(iter(TargetingDecision.objects.filter(declaration_id=declaration.pk).order_by()), None),
        ephyto_problems=declaration_mismatches(declaration) if certificates else [],
        listed=listed,
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
