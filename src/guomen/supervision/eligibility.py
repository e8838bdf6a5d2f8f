"""Which inspectors may check an enterprise, and why the others may not.

One set of rules for the random draw and for a supervisor's assignment by hand:
  - conflict    the inspector declared a conflict of interest with the enterprise (InspectorConflict in force);
  - last_cycle  the inspector checked the enterprise in its previous spot check (rule set `exclude_last_cycle`);
  - inactive    the account is no longer an active inspector (only for people already on a check).
The previous-cycle rule keeps newcomers away; it does not unseat an inspector already on the check.
The draw picks from the inspectors of the enterprise's unit and below (widened to the parent unit while fewer
than two); by hand a supervisor may also choose any inspector of the plan's jurisdiction.
"""

from collections import Counter, defaultdict

from django.db.models import Q
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.accounts.models import OrgUnit, User

from .choices import CheckStatus, RuleKind
from .models import InspectorConflict, SpotCheckTask

CONFLICT, LAST_CYCLE, INACTIVE = "conflict", "last_cycle", "inactive"


def inspector_pools(org_ids: set[int]) -> dict:
    """Per enterprise unit: active inspectors of that unit and below (widened to the parent when < 2)."""
    units = {u.pk: u for u in OrgUnit.objects.all()}
    inspectors = list(
        User.objects.filter(role=Role.INSPECTOR, is_active=True).select_related("org").order_by("username")
    )
    pools = {}
    for org_id in org_ids:
        unit = units.get(org_id)
        pool = []
        while unit is not None:
            pool = [u for u in inspectors if u.org_id and u.org.path.startswith(unit.path)]
            if len(pool) >= 2 or unit.parent_id is None:
                break
            unit = units.get(unit.parent_id)
        pools[org_id] = pool
    return pools


def exclusions(plan, enterprise_ids: list[int], exclude_last_cycle: bool) -> dict[int, dict[int, list]]:
    """enterprise id → inspector id → [(kind, reason)]: who may not check it, and why."""
    excluded: dict[int, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    conflicts = InspectorConflict.objects.filter(active=True, enterprise_id__in=enterprise_ids)
    for inspector_id, enterprise_id, reason in conflicts.values_list(
        "inspector_id", "enterprise_id", "reason"
    ):
        text = _("declared a conflict of interest: %(reason)s") % {"reason": reason}
        excluded[enterprise_id][inspector_id].append((CONFLICT, text))
    if exclude_last_cycle:
        seen = set()
        previous = (
            SpotCheckTask.objects.filter(enterprise_id__in=enterprise_ids)
            .exclude(plan=plan)
            .exclude(status=CheckStatus.CANCELLED)
            .order_by("enterprise_id", "-plan__starts_on", "-id")
            .values_list("enterprise_id", "inspector_a_id", "inspector_b_id", "plan__name")
        )
        for enterprise_id, a, b, plan_name in previous:
            if enterprise_id in seen:
                continue
            seen.add(enterprise_id)
            text = _("checked this enterprise in its previous spot check (%(plan)s)") % {"plan": plan_name}
            for inspector_id in (a, b):
                if inspector_id:
                    excluded[enterprise_id][inspector_id].append((LAST_CYCLE, text))
    return {e: dict(by_inspector) for e, by_inspector in excluded.items()}


def _exclude_last_cycle() -> bool:
    from .services.standing import ruleset_get

    return bool(ruleset_get(RuleKind.SPOT_CHECK)["exclude_last_cycle"])


def _open_checks(inspector_ids: list[int]) -> Counter:
    counts: Counter = Counter()
    open_tasks = SpotCheckTask.objects.filter(status=CheckStatus.ASSIGNED).filter(
        Q(inspector_a_id__in=inspector_ids) | Q(inspector_b_id__in=inspector_ids)
    )
    for a, b in open_tasks.values_list("inspector_a_id", "inspector_b_id"):
        counts.update(x for x in (a, b) if x)
    return counts


def assignment_options(task: SpotCheckTask) -> list[dict]:
    """The inspectors a supervisor may choose from for a spot check, eligible ones first.

    Each: user, reasons [(kind, text)] (empty when eligible), eligible, current (on the check now),
    local (of the enterprise's own unit), open_checks (spot checks not yet recorded).
    """
    enterprise, plan = task.enterprise, task.plan
    people = {u.pk: u for u in inspector_pools({enterprise.org_id}).get(enterprise.org_id, [])}
    wide = User.objects.filter(role=Role.INSPECTOR, is_active=True, org__path__startswith=plan.org.path)
    people.update((u.pk, u) for u in wide.select_related("org"))
    current = [u for u in task.inspectors]
    reasons = exclusions(plan, [enterprise.pk], _exclude_last_cycle()).get(enterprise.pk, {})
    extra = {}
    for user in current:
        if user.pk not in people:
            people[user.pk] = user
            extra[user.pk] = [(INACTIVE, _("no longer an active inspector of this jurisdiction"))]
    load = _open_checks(list(people))
    home = enterprise.org.path if enterprise.org_id else "/"
    options = []
    for user in people.values():
        why = [*reasons.get(user.pk, []), *extra.get(user.pk, [])]
        if user in current:  # the previous-cycle rule is for newcomers: it never unseats the check's own pair
            why = [(kind, text) for kind, text in why if kind != LAST_CYCLE]
        options.append(
            {
                "user": user,
                "reasons": why,
                "eligible": not why,
                "current": user in current,
                "local": bool(user.org_id) and user.org.path.startswith(home),
                "open_checks": load[user.pk],
            }
        )
    options.sort(key=lambda o: (not o["eligible"], not o["local"], o["open_checks"], o["user"].username))
    return options


def start_problem(task: SpotCheckTask) -> str:
    """Why the spot check may not start yet (fewer than two inspectors, or one in conflict); "" if it may."""
    if task.inspector_a_id is None or task.inspector_b_id is None:
        return _(
            "This spot check has fewer than two inspectors: a supervisor must assign them before it starts."
        )
    conflict = (
        InspectorConflict.objects.filter(
            active=True,
            enterprise_id=task.enterprise_id,
            inspector_id__in=[task.inspector_a_id, task.inspector_b_id],
        )
        .select_related("inspector")
        .first()
    )
    if conflict is not None:
        return _(
            "%(name)s declared a conflict of interest with this enterprise (%(reason)s): "
            "a supervisor must replace them before the check starts."
        ) % {"name": conflict.inspector, "reason": conflict.reason}
    return ""
