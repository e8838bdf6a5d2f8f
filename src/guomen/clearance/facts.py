"""Loading the facts the release rules read, in a fixed number of statements whatever the size."""

from django.db.models import Prefetch

from guomen.catalog.models import ImportRequirement
from guomen.declarations.ephyto_match import declaration_mismatches
from guomen.labs.models import Sample, TestItem
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
    lines = list(
        declaration.lines.select_related("hs")
        .prefetch_related("production_bases__commodities")
        .order_by("line_no")
    )
    documents = list(declaration.documents.all())
    requirements = list(
        ImportRequirement.objects.filter(
            hs__in=requirement_codes(lines), origin_id=declaration.origin_country_id
        ).select_related("hs")
    )
    parties = {pk for pk in (declaration.declarant_id, declaration.consignee_id) if pk}
    listed = {
        e.enterprise_id: e
        for e in BlacklistEntry.objects.filter(enterprise_id__in=parties, status=BlacklistStatus.LISTED)
    }
    facts = Facts(
        declaration=declaration,
        lines=lines,
        documents=documents,
        requirements=requirements,
        decision=TargetingDecision.objects.filter(declaration_id=declaration.pk).first(),
        ephyto_problems=declaration_mismatches(declaration),
        listed=listed,
    )
    if task is not None:
        facts.task = task
        facts.checklist = list(task.checklist.all())
        facts.findings = task.findings.count()
        facts.samples = list(
            Sample.objects.filter(declaration_id=declaration.pk)
            .order_by("number")
            .prefetch_related(Prefetch("items", queryset=TestItem.objects.select_related("analyte")))
        )
    return facts
