"""Deciding and storing a declaration's channel; results flowing back; recording a re-routing.\n\nA leaf: the clearance flow calls these and moves the declaration and its tasks."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import Conflict, PermissionDenied, ValidationFailed
from guomen.core.numbering import counter_connection
from guomen.core.permissions import org_in_scope, require
from guomen.core.rows import insert
from guomen.core.services import audit_record
from guomen.core.transactions import atomic_step
from guomen.declarations.choices import DeclarationStatus
from guomen.declarations.models import Declaration

from ..choices import CHANNEL_SHORT_LABELS, INSPECTION_CHANNELS, Channel
from ..engine import DEFAULT_INSTRUCTIONS, PHYSICAL, evaluate, facts_for
from ..models import OutcomeStat, PortDayLoad, TargetingDecision
from ..reasons import make_reason
from .measures import measures_record_outcome, measures_route


def _count_load(*, port_id: int, day, channel: str, mandatory: bool, model_selected: bool) -> None:
    """Advance the port's counters for the day in one upsert, on the counter connection (core.numbering): on
    PostgreSQL concurrent intakes at one port do not queue on the row until they commit. A decision whose
    transaction then rolls back stays counted (the capacity check may see one too many, never too few). The
    port must already be committed (ports are master data), since that connection does not see the caller's rows."""
    table = PortDayLoad._meta.db_table
    add = {
        "physical": 1 if channel in PHYSICAL else 0,
        "mandatory": 1 if mandatory else 0,
        "model_selected": 1 if model_selected else 0,
    }
    with counter_connection().cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (port_id, day, decided, physical, mandatory, model_selected) "
            "VALUES (%s, %s, 1, %s, %s, %s) ON CONFLICT (port_id, day) DO UPDATE SET "
            f"decided = {table}.decided + 1, physical = {table}.physical + EXCLUDED.physical, "
            f"mandatory = {table}.mandatory + EXCLUDED.mandatory, "
            f"model_selected = {table}.model_selected + EXCLUDED.model_selected",
            [port_id, day, add["physical"], add["mandatory"], add["model_selected"]],
        )


@atomic_step  # a step of the caller's transaction, without a savepoint
def decide(*, declaration, actor) -> TargetingDecision:
    """Decide the channel of a freshly submitted declaration, store the decision and audit it."""
    facts = facts_for(declaration)
    ev = evaluate(facts)
    (decision,) = insert(
        [
            TargetingDecision(
                declaration=declaration,
                channel=ev.channel,
                reasons=ev.reasons,
                instruction=ev.instruction,
                decided_by=ev.decided_by,
                decided_at=timezone.now(),
                score=ev.score,
                model=ev.model,
                random_control=ev.random_control,
                mandatory=ev.mandatory,
                model_selected=ev.model_selected,
                explanation=ev.explanation,
                warnings=ev.warnings,
            )
        ]
    )
    measures_route(measures=ev.measures, declaration=declaration)
    _count_load(
        port_id=declaration.port_id,
        day=facts.today,
        channel=ev.channel,
        mandatory=ev.mandatory,
        model_selected=ev.model_selected,
    )
    audit_record(
        actor=actor,
        verb="declaration.targeted",
        obj=declaration,
        org_path=declaration.port.path,
        after={"channel": ev.channel, "reasons": [r["code"] for r in ev.reasons]},
    )
    return decision


# --- results flowing back -------------------------------------------------------------------------


def stat_bump(*, kind: str, key: str, non_conforming: bool, at) -> None:
    changes = {"inspected": F("inspected") + 1, "last_at": at}
    if non_conforming:
        changes |= {"non_conforming": F("non_conforming") + 1, "last_nc_at": at}
    if OutcomeStat.objects.filter(kind=kind, key=key).update(**changes):
        return
    try:
        with transaction.atomic():
            OutcomeStat.objects.create(
                kind=kind,
                key=key,
                inspected=1,
                non_conforming=int(non_conforming),
                last_at=at,
                last_nc_at=at if non_conforming else None,
            )
    except IntegrityError:
        OutcomeStat.objects.filter(kind=kind, key=key).update(**changes)


@atomic_step  # a step of the confirmation's transaction, without a savepoint
def outcome_recorded(*, declaration, actor=None) -> None:
    """An inspection result was confirmed: count it for the features and the control measures.

    Called by inspections when a disposition is confirmed. Idempotent: a declaration counts once.
    """
    outcome = Declaration.objects.filter(pk=declaration.pk).values_list("outcome", flat=True).first()
    if outcome not in ("conforming", "non_conforming"):
        return
    now = timezone.now()
    if not TargetingDecision.objects.filter(
        declaration_id=declaration.pk, outcome_counted_at__isnull=True
    ).update(outcome_counted_at=now):
        return
    lines = list(declaration.lines.order_by("line_no").prefetch_related("production_bases"))
    nc = outcome == "non_conforming"
    keys = [("trader", declaration.consignee_id or declaration.declarant_id), ("port", declaration.port_id)]
    keys += [("base", pk) for pk in {b.pk for line in lines for b in line.production_bases.all()}]
    if lines:
        keys.append(("flow", f"{declaration.origin_country_id}:{lines[0].hs_id[:6]}"))
    for kind, key in keys:
        stat_bump(kind=kind, key=str(key), non_conforming=nc, at=now)
    measures_record_outcome(declaration=declaration, outcome=outcome, actor=actor)


# --- supervisor re-routing ------------------------------------------------------------------------


def _reroute_check(*, decision, declaration, channel: str) -> None:
    if decision is None or declaration.status != DeclarationStatus.UNDER_INSPECTION:
        raise Conflict(
            _("Only a declaration waiting for its inspection can be re-routed (this one is “%(s)s”).")
            % {"s": declaration.get_status_display()}
        )
    if channel == decision.channel:
        raise ValidationFailed(fields={"channel": [_("The declaration already has this channel.")]})
    if channel == Channel.RELEASE and decision.mandatory:
        raise ValidationFailed(
            fields={
                "channel": [
                    _(
                        "This inspection is required by a rule, a control measure, a floor or the random "
                        "control group; it cannot be released without inspection."
                    )
                ]
            }
        )


@transaction.atomic
def decision_reroute(*, declaration, channel: str, reason: str, actor) -> TargetingDecision:
    """Record a supervisor's re-routing on the decision (checked and audited); the declaration is locked.

    Release without inspection is possible only when nothing mandatory asked for the inspection (the
    learned score's selection or the default document check). Once a result is recorded, or after
    release, it is too late. The clearance flow moves the declaration and its tasks to match.
    """
    require(actor, "targeting.reroute")
    if not org_in_scope(actor, declaration.port):
        raise PermissionDenied(_("This declaration belongs to another jurisdiction."))
    reason = (reason or "").strip()
    errors = {}
    if channel not in INSPECTION_CHANNELS and channel != Channel.RELEASE:
        errors["channel"] = [
            _("Choose release, document check, physical inspection or inspection + sampling.")
        ]
    if not reason:
        errors["reason"] = [_("Say why the declaration is re-routed.")]
    if errors:
        raise ValidationFailed(fields=errors)
    decision = TargetingDecision.objects.select_for_update().filter(declaration=declaration).first()
    _reroute_check(decision=decision, declaration=declaration, channel=channel)
    before = decision.channel
    label = str(CHANNEL_SHORT_LABELS.get(channel, channel))
    decision.original_channel = decision.original_channel or before
    decision.channel = channel
    decision.rerouted_by, decision.rerouted_at, decision.reroute_reason = actor, timezone.now(), reason
    decision.reasons = [*decision.reasons, make_reason("rerouted", channel=channel)]
    if channel in INSPECTION_CHANNELS:
        default = str(DEFAULT_INSTRUCTIONS[channel])
        if default not in decision.instruction:
            decision.instruction = "\n".join(p for p in (decision.instruction, default) if p)
    decision.save()
    audit_record(
        actor=actor,
        verb="targeting.rerouted",
        obj=declaration,
        org_path=declaration.port.path,
        before={"channel": before},
        after={"channel": channel, "label": label},
        reason=reason,
    )
    return decision
