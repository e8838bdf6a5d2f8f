"""Intake (every path: form, API, bulk file, ePhyto-backed) and the first decision."""

from django.db import transaction
from django.utils.translation import gettext as _

from guomen.certificates.kinds import needs_phytosanitary
from guomen.core.services import audit_batch
from guomen.declarations.choices import Channel, DeclarationStatus
from guomen.declarations.services import declaration_create, declaration_transition
from guomen.exports.services import intake_batches_attach
from guomen.inspections.services import inspection_task_open
from guomen.targeting.services import decide

from ..announce import SELECTED, announce
from ..facts import facts_load
from ..rules import INTAKE_RULES, evaluate
from .certify import on_release


@transaction.atomic
def clearance_submit(*, actor, batch_numbers=(), **fields):
    """Record the declaration, let targeting decide, then release or open the inspection task.

    Release without inspection happens only when no release rule checked at intake is broken (registered
    production bases, demanded documents, the ePhyto, the enterprise's standing); otherwise the goods are
    sent to a document check that names what is wrong.

    An export declaration may name its production batches (`batch_numbers`): they are attached here, in the
    same transaction, and a flagged batch or one of a site no longer registered keeps the goods off the green
    channel.
    """
    with audit_batch():  # the four events of an intake go in one statement
        # plant exports get a phytosanitary certificate, which names the consignee abroad: checked with the rest
        declaration = declaration_create(actor=actor, phyto_needed=needs_phytosanitary, **fields)
        batches = intake_batches_attach(declaration=declaration, numbers=batch_numbers, actor=actor)
        decision = decide(declaration=declaration, actor=actor)
        channel, instruction = decision.channel, decision.instruction
        if channel == Channel.RELEASE:
            broken = evaluate(facts_load(declaration, batches=batches), only=INTAKE_RULES)
            if broken:
                channel = Channel.DOCUMENT
                instruction = "\n".join(
                    [_("Release rules not met at intake:"), *(f"- {e}" for b in broken for e in b.evidence)]
                )
        if channel == Channel.RELEASE:
            declaration_transition(
                declaration=declaration,
                to=DeclarationStatus.RELEASED,
                actor=actor,
                extra_fields={"channel": channel},
            )
            on_release(declaration, actor=actor)
            return declaration
        declaration_transition(
            declaration=declaration,
            to=DeclarationStatus.UNDER_INSPECTION,
            actor=actor,
            extra_fields={"channel": channel},
        )
        inspection_task_open(
            declaration=declaration, channel=channel, instruction=instruction, actor=actor, new=True
        )
        announce(SELECTED, declaration=declaration)
        return declaration
