"""Classification (class I–IV) and credit grades: the rule sets, the bulk recompute, analyst overrides.

Recompute reads the history with a handful of grouped queries and writes only what changed, in bulk, so
100,000 enterprises take seconds (bench/supervision_recompute.py). Each change of class or grade is kept in
StandingChange (the enterprise's history) and the run is audited once with its counts.
"""

import datetime as dt
import json
import time
from collections import defaultdict

from django.db import connection, models, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import ValidationFailed
from guomen.core.permissions import require
from guomen.core.services import audit_record
from guomen.declarations.models import Declaration
from guomen.registry.choices import EnterpriseClass
from guomen.registry.models import Enterprise

from .. import rules as R
from ..choices import BlacklistStatus, CreditEventKind, CreditEventStatus, RuleKind
from ..models import BlacklistEntry, CreditEvent, EnterpriseStanding, RecomputeRun, RuleSet, StandingChange
from ._common import need_reason, path_of, require_staff_for
from .downgrade import GRADE_D, sync_proposals

CHUNK = 5000


def ruleset_get(kind: str) -> dict:
    """The rules in force for `kind`: documented defaults overlaid with what analysts saved."""
    row = RuleSet.objects.filter(kind=kind).only("params").first()
    return R.merged(kind, row.params if row else None)


@transaction.atomic
def ruleset_save(*, kind: str, params, actor, expected_version: int | None = None) -> RuleSet:
    require(actor, "supervision.rules.edit")
    if kind not in RuleKind.values:
        raise ValidationFailed(fields={"kind": [_("Unknown rule set.")]})
    errors = R.validate(kind, params)
    if errors:
        raise ValidationFailed(fields=errors)
    row, _created = RuleSet.objects.get_or_create(kind=kind)
    if expected_version is not None and int(expected_version) != row.version:
        from guomen.core.errors import Conflict

        raise Conflict()
    before = row.params
    row.params = params
    row.updated_by = actor
    row.version += 1
    row.save()
    audit_record(
        actor=actor, verb="rules.update", obj=row, before={"params": before}, after={"params": params}
    )
    return row


def _years_between(start: dt.date | None, today: dt.date) -> int:
    if start is None:
        return 0
    years = today.year - start.year - ((today.month, today.day) < (start.month, start.day))
    return max(0, years)


def _grouped(qs, key: str, **aggregates) -> dict:
    return {row[key]: row for row in qs.values(key).annotate(**aggregates).order_by()}


def _history(enterprise_ids, today: dt.date, crules: dict, grules: dict) -> dict:
    """Grouped inputs for all enterprises (or some): consignments, violations, credit points, blacklist."""
    since_c = today - dt.timedelta(days=int(crules["window_days"]))
    since_g = today - dt.timedelta(days=int(grules["window_days"]))
    clean_since = today - dt.timedelta(days=int(grules["aa_clean_days"]))
    decls = Declaration.objects.filter(
        arrival_date__gte=since_c, outcome__in=["conforming", "non_conforming"]
    )
    events = CreditEvent.objects.filter(status=CreditEventStatus.ACTIVE)
    listed = BlacklistEntry.objects.filter(status=BlacklistStatus.LISTED)
    standings = EnterpriseStanding.objects.exclude(class_override="")
    if enterprise_ids is not None:
        decls = decls.filter(declarant_id__in=enterprise_ids)
        events = events.filter(enterprise_id__in=enterprise_ids)
        listed = listed.filter(enterprise_id__in=enterprise_ids)
        standings = standings.filter(enterprise_id__in=enterprise_ids)
    violation = Q(kind=CreditEventKind.VIOLATION)
    return {
        "consignments": _grouped(
            decls, "declarant_id", n=Count("id"), nc=Count("id", filter=Q(outcome="non_conforming"))
        ),
        "violations": _grouped(
            events.filter(violation, occurred_on__gte=since_c), "enterprise_id", n=Count("id")
        ),
        "points": _grouped(events.filter(occurred_on__gte=since_g), "enterprise_id", total=Sum("points")),
        "recent_violation": set(
            events.filter(violation, occurred_on__gte=clean_since).values_list("enterprise_id", flat=True)
        ),
        "blacklisted": set(listed.values_list("enterprise_id", flat=True)),
        "overrides": {
            s.enterprise_id: s.class_override
            for s in standings.only("enterprise_id", "class_override", "override_until")
            if s.override_until is None or s.override_until >= today
        },
    }


def evaluate(row: tuple, history: dict, today: dt.date, crules: dict, grules: dict) -> dict:
    """Class, grade and the inputs behind them for one enterprise row (id, qms, haccp, filed_on)."""
    pk, qms, haccp, filed_on = row
    cons = history["consignments"].get(pk, {})
    blacklisted = pk in history["blacklisted"]
    inputs = R.ClassInputs(
        consignments=cons.get("n", 0),
        non_conforming=cons.get("nc", 0),
        violations=history["violations"].get(pk, {}).get("n", 0),
        certifications=int(bool(qms)) + int(bool(haccp)),
        years_on_file=_years_between(filed_on, today),
        blacklisted=blacklisted,
    )
    computed = R.classify(inputs, crules)
    score = int(grules["base_score"]) + int(history["points"].get(pk, {}).get("total") or 0)
    grade = R.grade_for(
        score, recent_violation=pk in history["recent_violation"], blacklisted=blacklisted, rules=grules
    )
    override = history["overrides"].get(pk, "")
    return {
        "computed_class": computed,
        "class": override or computed,
        "grade": grade,
        "score": score,
        "inputs": {
            "consignments": inputs.consignments,
            "non_conforming": inputs.non_conforming,
            "nc_rate": round(inputs.nc_rate, 4),
            "violations": inputs.violations,
            "certifications": inputs.certifications,
            "years_on_file": inputs.years_on_file,
            "blacklisted": blacklisted,
        },
    }


def _upsert_standings(rows: list[tuple], now) -> None:
    """Insert or update standings with one prepared statement per chunk (the ORM's bulk path is 10× slower)."""
    if not rows:
        return
    json_value = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    table = EnterpriseStanding._meta.db_table
    sql = (
        f"INSERT INTO {table} (enterprise_id, computed_class, computed_grade, credit_score, inputs, computed_at, "
        f"class_override, override_reason) VALUES (%s, %s, %s, %s, {json_value}, %s, '', '') "
        "ON CONFLICT (enterprise_id) DO UPDATE SET computed_class = excluded.computed_class, "
        "computed_grade = excluded.computed_grade, credit_score = excluded.credit_score, "
        "inputs = excluded.inputs, computed_at = excluded.computed_at"
    )
    at = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(
                sql,
                [
                    (pk, c, g, score, json.dumps(inputs), at)
                    for pk, c, g, score, inputs in rows[start : start + CHUNK]
                ],
            )


def _insert_changes(rows: list[tuple], run, now) -> None:
    if not rows:
        return
    table = StandingChange._meta.db_table
    sql = f"INSERT INTO {table} (enterprise_id, run_id, field, before, after, reason, at) VALUES (%s, %s, %s, %s, %s, '', %s)"
    at = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(
                sql, [(pk, run.pk, f, b, a, at) for pk, f, b, a in rows[start : start + CHUNK]]
            )


def _apply_enterprise_changes(changes: dict[tuple[str, str], list[int]]) -> None:
    for (klass, grade), ids in changes.items():
        for start in range(0, len(ids), CHUNK):
            Enterprise.objects.filter(pk__in=ids[start : start + CHUNK]).update(
                classification=klass, credit_grade=grade, version=models.F("version") + 1
            )


@transaction.atomic
def recompute(
    *, actor=None, today: dt.date | None = None, enterprise_ids=None, proposer=None
) -> RecomputeRun:
    """Recompute every enterprise's class and credit grade (or only `enterprise_ids`).

    A person needs supervision.recompute; the scheduled task and the CLI run as the system (actor None).
    A fall to grade D other than by blacklisting is only proposed (four eyes, see downgrade.py); `proposer`
    is the person whose record caused it (else the actor).
    """
    if actor is not None:
        require(actor, "supervision.recompute")
    started = time.perf_counter()
    today = today or timezone.localdate()
    now = timezone.now()
    crules, grules = ruleset_get(RuleKind.CLASSIFICATION), ruleset_get(RuleKind.CREDIT)
    run = RecomputeRun.objects.create(
        started_at=now,
        params={"classification": crules, "credit": grules},
        triggered_by=actor if getattr(actor, "pk", None) else None,
    )
    history = _history(enterprise_ids, today, crules, grules)
    qs = Enterprise.objects.order_by("id")
    if enterprise_ids is not None:
        qs = qs.filter(pk__in=enterprise_ids)
    previous = {
        row[0]: row[1:]
        for row in (
            EnterpriseStanding.objects.filter(enterprise_id__in=enterprise_ids)
            if enterprise_ids is not None
            else EnterpriseStanding.objects.all()
        )
        .values_list("enterprise_id", "computed_class", "computed_grade", "credit_score", "inputs")
        .iterator(chunk_size=CHUNK)
    }
    standings, history_rows = [], []
    enterprise_changes: dict[tuple[str, str], list[int]] = defaultdict(list)
    held_d: dict[int, tuple[str, int]] = {}
    count = class_changes = grade_changes = 0
    for pk, klass, grade, qms, haccp, filed_on in qs.values_list(
        "id", "classification", "credit_grade", "qms_certified", "haccp_certified", "filed_on"
    ).iterator(chunk_size=CHUNK):
        count += 1
        result = evaluate((pk, qms, haccp, filed_on), history, today, crules, grules)
        values = (result["computed_class"], result["grade"], result["score"], result["inputs"])
        if previous.get(pk) != values:  # only new or changed standings are written
            standings.append((pk, *values))
        if result["grade"] == GRADE_D and grade != GRADE_D and not result["inputs"]["blacklisted"]:
            held_d[pk] = (grade, result["score"])  # waits for a second supervisor's approval
            result = {**result, "grade": grade}
        if result["class"] != klass or result["grade"] != grade:
            enterprise_changes[(result["class"], result["grade"])].append(pk)
        if result["class"] != klass:
            class_changes += 1
            history_rows.append((pk, "classification", klass, result["class"]))
        if result["grade"] != grade:
            grade_changes += 1
            history_rows.append((pk, "credit_grade", grade, result["grade"]))
    _upsert_standings(standings, now)
    unchanged = EnterpriseStanding.objects.exclude(computed_at=now)
    if enterprise_ids is not None:
        unchanged = unchanged.filter(enterprise_id__in=enterprise_ids)
    unchanged.update(computed_at=now)
    _apply_enterprise_changes(enterprise_changes)
    _insert_changes(history_rows, run, now)
    proposed = sync_proposals(held=held_d, evaluated_ids=enterprise_ids, proposer=proposer or actor)
    run.enterprises, run.class_changes, run.grade_changes = count, class_changes, grade_changes
    run.finished_at = timezone.now()
    run.seconds = round(time.perf_counter() - started, 3)
    run.save()
    audit_record(
        actor=actor,
        verb="standing.recomputed",
        obj=run,
        org_path="",
        after={
            "enterprises": count,
            "class_changes": class_changes,
            "grade_changes": grade_changes,
            "downgrades_proposed": proposed,
        },
    )
    return run


def _standing_for(enterprise) -> EnterpriseStanding:
    standing = EnterpriseStanding.objects.filter(enterprise=enterprise).first()
    if standing is None:
        standing = EnterpriseStanding.objects.create(
            enterprise=enterprise,
            computed_class=enterprise.classification or EnterpriseClass.III,
            computed_grade=enterprise.credit_grade,
        )
    return standing


def _set_class(enterprise, new_class: str, *, actor, reason: str, verb: str) -> None:
    before = enterprise.classification
    updated = Enterprise.objects.filter(pk=enterprise.pk, version=enterprise.version).update(
        classification=new_class, version=models.F("version") + 1
    )
    if not updated:
        from guomen.core.errors import Conflict

        raise Conflict()
    enterprise.classification = new_class
    enterprise.version += 1
    if before != new_class:
        StandingChange.objects.create(
            enterprise=enterprise,
            field="classification",
            before=before,
            after=new_class,
            reason=reason[:255],
            at=timezone.now(),
        )
    audit_record(
        actor=actor,
        verb=verb,
        obj=enterprise,
        org_path=path_of(enterprise),
        before={"classification": before},
        after={"classification": new_class},
        reason=reason,
    )


@transaction.atomic
def class_override(*, enterprise, new_class: str, reason: str, until: dt.date | None = None, actor):
    """An analyst sets the class by hand, with a reason; it holds until cleared (or `until`)."""
    require_staff_for(actor, "supervision.classify.override", enterprise)
    reason = need_reason(reason)
    if new_class not in EnterpriseClass.values:
        raise ValidationFailed(fields={"new_class": [_("Choose class I, II, III or IV.")]})
    if until is not None and until < timezone.localdate():
        raise ValidationFailed(fields={"until": [_("The date must not be in the past.")]})
    standing = _standing_for(enterprise)
    standing.class_override, standing.override_reason = new_class, reason[:255]
    standing.override_by, standing.override_until = actor, until
    standing.save()
    _set_class(enterprise, new_class, actor=actor, reason=reason, verb="standing.override")
    return standing


@transaction.atomic
def class_override_clear(*, enterprise, reason: str, actor):
    """Go back to the computed class."""
    require_staff_for(actor, "supervision.classify.override", enterprise)
    reason = need_reason(reason)
    standing = _standing_for(enterprise)
    if not standing.class_override:
        raise ValidationFailed(fields={"new_class": [_("The class is not overridden.")]})
    standing.class_override, standing.override_reason, standing.override_until = "", "", None
    standing.save()
    _set_class(
        enterprise, standing.computed_class, actor=actor, reason=reason, verb="standing.override_cleared"
    )
    return standing
