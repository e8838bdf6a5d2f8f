"""Anyone can audit a draw: replay the recorded seed over today's directory and compare."""

from django.utils.translation import gettext as _

from . import draw
from .choices import RuleKind
from .models import SpotCheckPlan
from .services.spotcheck import population, risk_weights, sample_size
from .services.standing import ruleset_get


def replay(plan: SpotCheckPlan) -> tuple[list[str], str]:
    """The credit codes the recorded seed selects over the current directory, and its fingerprint."""
    rows = list(population(plan))
    weights = risk_weights(rows, ruleset_get(RuleKind.SPOT_CHECK)) if plan.risk_weighted else None
    picked = draw.select(len(rows), sample_size(plan, len(rows)), int(plan.seed), weights)
    return [rows[i][1] for i in picked], draw.population_digest([r[1] for r in rows])


def verify_draw(plan_id: int) -> tuple[bool, str]:
    plan = SpotCheckPlan.objects.select_related("org").get(pk=plan_id)
    if plan.seed is None:
        return False, str(_("The plan has not been drawn."))
    codes, digest = replay(plan)
    recorded = list(plan.tasks.order_by("rank").values_list("enterprise__uscc", flat=True))
    if digest != plan.population_digest:
        return False, str(_("The directory changed since the draw (fingerprint differs)."))
    if codes != recorded:
        return False, str(_("The replayed selection differs from the recorded one."))
    return True, str(
        _("The replayed selection matches the recorded one (%(n)s enterprises).") % {"n": len(codes)}
    )
