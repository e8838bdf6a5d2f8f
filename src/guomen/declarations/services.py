"""Declaration writes: intake, the state machine."""

from django.db import transaction

from guomen.core.workflow import transition

from .choices import ALLOWED_TRANSITIONS
from .models import Declaration


@transaction.atomic
def declaration_transition(
    *, declaration: Declaration, to: str, actor, reason: str = "", expected_version: int | None = None,
    extra_fields: dict | None = None,
) -> Declaration:
    """The only way a declaration changes status (checked against ALLOWED_TRANSITIONS, audited)."""
    return transition(
        declaration,
        to=to,
        allowed=ALLOWED_TRANSITIONS,
        actor=actor,
        verb=f"declaration.{to}",
        reason=reason,
        expected_version=expected_version,
        org_path=declaration.port.path,
        extra_fields=extra_fields,
    )
