"""Small helpers for targeting tests: submit a declaration in the `world` fixture, record its result."""

from guomen.declarations.models import Declaration
from guomen.declarations.services import declaration_submit
from guomen.declarations.tests.factories import submission
from guomen.targeting.services import outcome_recorded


def submit(world, **overrides):
    return declaration_submit(actor=world["enterprise_user"], **submission(world, **overrides))


def result(declaration, outcome: str) -> None:
    """The inspection of `declaration` found it conforming / non_conforming and the result is confirmed."""
    Declaration.objects.filter(pk=declaration.pk).update(outcome=outcome)
    outcome_recorded(declaration=declaration)
