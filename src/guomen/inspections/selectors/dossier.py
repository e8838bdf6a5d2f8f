"""Everything the dossier screen shows about a task, gathered in a few indexed queries."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from guomen.declarations.models import Declaration, DeclarationLine

from .. import integrations
from ..checklist import checklist_build
from .tasks import task_requirements

HISTORY_DEPTH = 20
HISTORY_SHOWN = 3
# Recent results are looked for among the newest lines of a production base or commodity (rows are
# written in arrival order), so the dossier stays fast however long the history is.
LINE_WINDOW = 1000
BAD_BASE_STATUSES = {"suspended", "revoked", "pending"}  # pending = not (yet) registered


@dataclass
class BaseCheck:
    """A production base declared on a line, and what is wrong with it (empty when all is well)."""

    base: object
    line_no: int
    problems: list[str] = field(default_factory=list)


@dataclass
class History:
    """Recent inspection results of one kind (this enterprise, this base, this origin × commodity)."""

    label: str
    inspected: int
    non_conforming: int
    recent: list


def _registered_for(base, hs_code: str) -> bool:
    codes = [c.code for c in base.commodities.all()]
    return not codes or any(hs_code.startswith(c) or c.startswith(hs_code) for c in codes)


def base_checks(declaration, requirements) -> tuple[list[BaseCheck], list[str]]:
    """Each declared base with its problems, and problems of lines that lack a required base."""
    checks, missing = [], []
    required = any(r.registered_base_required for r in requirements)
    for line in declaration.lines.all():
        bases = list(line.production_bases.all())
        if required and not bases:
            missing.append(
                _("Line %(n)s declares no registered orchard or packhouse, which the requirement demands.")
                % {"n": line.line_no}
            )
        for base in bases:
            problems = []
            if base.status in BAD_BASE_STATUSES:
                problems.append(
                    _("%(status)s%(reason)s")
                    % {
                        "status": base.get_status_display(),
                        "reason": f" — {base.status_reason}" if base.status_reason else "",
                    }
                )
            if base.country_id != declaration.origin_country_id:
                problems.append(_("Registered in %(c)s, not the origin.") % {"c": base.country.display_name})
            if not _registered_for(base, line.hs_id):
                problems.append(_("Not registered for this commodity."))
            checks.append(BaseCheck(base=base, line_no=line.line_no, problems=problems))
    return checks, missing


def _history(label: str, qs) -> History:
    rows = list(
        qs.exclude(outcome="")
        .order_by("-arrival_date", "-id")
        .values("number", "arrival_date", "outcome", "status", "port__name")[:HISTORY_DEPTH]
    )
    return History(
        label=label,
        inspected=len(rows),
        non_conforming=sum(1 for r in rows if r["outcome"] == "non_conforming"),
        recent=rows[:HISTORY_SHOWN],
    )


def _newest_declarations_of_base(base_id: int):
    """Ids of the declarations of the base's newest lines, as a subquery (one SQL statement)."""
    through = DeclarationLine.production_bases.through
    line_ids = (
        through.objects.filter(productionbase_id=base_id)
        .order_by("-id")
        .values("declarationline_id")[:LINE_WINDOW]
    )
    return DeclarationLine.objects.filter(pk__in=line_ids).values("declaration_id")


def _newest_declarations_of_commodity(hs_id: str):
    return DeclarationLine.objects.filter(hs_id=hs_id).order_by("-id").values("declaration_id")[:LINE_WINDOW]


def recent_results(declaration) -> list[History]:
    """The last inspections of the same declarant, production base and origin × commodity."""
    others = Declaration.objects.exclude(pk=declaration.pk)
    out = [
        _history(
            _("Enterprise %(name)s") % {"name": declaration.declarant.display_name},
            others.filter(declarant_id=declaration.declarant_id),
        )
    ]
    lines = list(declaration.lines.all())
    seen = set()
    for line in lines:
        for base in line.production_bases.all():
            if base.pk not in seen:
                seen.add(base.pk)
                out.append(
                    _history(
                        _("Production base %(code)s") % {"code": base.code},
                        others.filter(pk__in=_newest_declarations_of_base(base.pk)),
                    )
                )
    for hs_id in sorted({line.hs_id for line in lines}):
        line = next(ln for ln in lines if ln.hs_id == hs_id)
        out.append(
            _history(
                _("%(goods)s from %(origin)s")
                % {"goods": line.hs.display_name, "origin": declaration.origin_country.display_name},
                others.filter(
                    pk__in=_newest_declarations_of_commodity(hs_id),
                    origin_country_id=declaration.origin_country_id,
                ),
            )
        )
    return out


def task_dossier(task) -> dict:
    """The dossier and checklist of a task (the template context they need)."""
    declaration = task.declaration
    requirements = task_requirements(task)
    mismatches = integrations.ephyto_mismatches(declaration)
    bases, missing_bases = base_checks(declaration, requirements)
    return {
        "requirements": requirements,
        "base_checks": bases,
        "missing_bases": missing_bases,
        "history": recent_results(declaration),
        "measures": integrations.control_measures(declaration),
        "ephyto_mismatches": mismatches,
        "samples": integrations.samples_for_task(task),
        "sample_new_url": integrations.sample_new_url(task),
        "checklist": checklist_build(task, requirements, mismatches),
    }
