"""The rule profiles as they stood on each day of the past, rebuilt from the audit trail.

Every creation, change and deactivation of a rule profile is audited with the whole profile after it
(services/rules.py), so the rule set of any past day can be replayed: a change made on day D counts from
day D + 1 (a backtest works in whole days). A profile with no audit entry at all (loaded before auditing or
by a data migration) is taken as it is now, for the whole period.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from guomen.core.models import AuditEvent

from .models import RuleProfile

VERBS = ("targeting.rule_created", "targeting.rule_updated", "targeting.rule_deactivated")
DATE_FIELDS = ("valid_from", "valid_to")


@dataclass(frozen=True)
class RuleSet:
    """The active profiles in force from `start` to `end` (both days included)."""

    start: dt.date
    end: dt.date
    rules: list[RuleProfile]


def _profile(pk: int, state: dict) -> RuleProfile:
    rule = RuleProfile(pk=pk)
    for name, value in state.items():
        if name in DATE_FIELDS and isinstance(value, str):
            value = dt.date.fromisoformat(value)
        setattr(rule, name, value)
    return rule


def _timelines() -> dict[int, list[tuple[dt.date, dict]]]:
    """For each audited profile: (first day in force, whole state) in order."""
    events = AuditEvent.objects.filter(object_type=RuleProfile._meta.label_lower, verb__in=VERBS).order_by(
        "at", "id"
    )
    timelines: dict[int, list[tuple[dt.date, dict]]] = {}
    for event in events.only("at", "verb", "object_id", "after"):
        try:
            pk = int(event.object_id)
        except ValueError:
            continue
        entries = timelines.setdefault(pk, [])
        state = dict(entries[-1][1]) if entries else {}
        state.update(event.after or {})
        if event.verb == "targeting.rule_deactivated":
            state["active"] = False
        entries.append((timezone.localtime(event.at).date() + dt.timedelta(days=1), state))
    return timelines


def _state_on(entries: list[tuple[dt.date, dict]], day: dt.date) -> dict | None:
    found = None
    for starts, state in entries:
        if starts > day:
            break
        found = state
    return found


def rule_sets(date_from: dt.date, date_to: dt.date) -> list[RuleSet]:
    """Consecutive day ranges covering the period, each with the active profiles in force on it."""
    timelines = _timelines()
    unaudited = [r for r in RuleProfile.objects.filter(active=True).order_by("id") if r.pk not in timelines]
    changes = sorted(
        {starts for entries in timelines.values() for starts, _s in entries if date_from < starts <= date_to}
    )
    starts = [date_from, *changes]
    ends = [day - dt.timedelta(days=1) for day in changes] + [date_to]
    sets = []
    for start, end in zip(starts, ends, strict=True):
        rules = list(unaudited)
        for pk, entries in sorted(timelines.items()):
            state = _state_on(entries, start)
            if state is not None and state.get("active", True):
                rules.append(_profile(pk, state))
        sets.append(RuleSet(start=start, end=end, rules=rules))
    return sets
