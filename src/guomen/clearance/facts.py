"""Loading the facts the release rules read, in a fixed number of statements whatever the size."""

from django.db.models import Prefetch

from guomen.catalog.models import HsCode, ImportRequirement
from guomen.declarations.ephyto_match import declaration_mismatches
from guomen.declarations.models import DeclarationDocument, DeclarationLine
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
    listed = {
        e.enterprise_id: e
        for e in BlacklistEntry.objects.filter(
            enterprise_id__in=parties, status=BlacklistStatus.LISTED
        ).order_by()
    }
    facts = Facts(
        declaration=declaration,
        lines=lines,
        documents=documents,
        requirements=requirements,
        decision=next(iter(TargetingDecision.objects.filter(declaration_id=declaration.pk).order_by()), None),
        ephyto_problems=declaration_mismatches(declaration),
        listed=listed,
    )
    if task is not None:
        facts.task = task
        facts.checklist = list(ChecklistItem.objects.filter(task_id=task.pk).order_by())
        facts.findings = Finding.objects.filter(task_id=task.pk).order_by().count()
        facts.samples = list(
            Sample.objects.filter(declaration_id=declaration.pk)
            .order_by("number")
            .prefetch_related(
                Prefetch("items", queryset=TestItem.objects.select_related("analyte").order_by())
            )
        )
    return facts
