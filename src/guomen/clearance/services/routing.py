"""Changing a declaration's course before its result: re-routing and cancellation."""

from django.db import transaction

from guomen.declarations.choices import Channel, DeclarationStatus
from guomen.declarations.services import declaration_cancel, declaration_channel_set, declaration_transition
from guomen.inspections.services import inspection_task_cancel, inspection_task_open
from guomen.targeting.services import decision_reroute

from ..errors import ReleaseRefused
from ..facts import facts_load
from ..rules import INTAKE_RULES, evaluate
from .certify import on_release
from .tasks import lock_declaration


@transaction.atomic
def clearance_reroute(*, declaration, channel: str, reason: str, actor):
    """A supervisor sends a declaration under inspection to another channel (audited).

    The open inspection task is cancelled; for an inspection channel a new one is opened, so the task list
    and the declaration always agree. A release without inspection must also meet the release rules that
    hold before any inspection (registered bases, documents, ePhyto, the enterprise's standing).
    """
    declaration = lock_declaration(declaration.pk)
    decision = decision_reroute(declaration=declaration, channel=channel, reason=reason, actor=actor)
    if channel == Channel.RELEASE:
        broken = evaluate(facts_load(declaration), only=INTAKE_RULES)
        if broken:
            raise ReleaseRefused(broken)
    inspection_task_cancel(declaration=declaration, actor=actor, reason=reason)
    if channel == Channel.RELEASE:
        declaration_transition(
            declaration=declaration,
            to=DeclarationStatus.RELEASED,
            actor=actor,
            reason=reason,
            extra_fields={"channel": channel},
        )
        on_release(declaration, actor=actor)
    else:
        declaration_channel_set(declaration=declaration, channel=channel, actor=actor, reason=reason)
        inspection_task_open(
            declaration=declaration, channel=channel, instruction=decision.instruction, actor=actor
        )
    return decision


@transaction.atomic
def clearance_cancel(*, declaration, actor, reason: str, expected_version: int | None = None):
    """Withdraw a declaration; its inspection tasks not yet inspected are cancelled with it."""
    declaration = declaration_cancel(
        declaration=declaration, actor=actor, reason=reason, expected_version=expected_version
    )
    inspection_task_cancel(declaration=declaration, actor=actor, reason=reason)
    return declaration
