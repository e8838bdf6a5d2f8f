"""What follows a release on the paths that release without a confirmation card (intake, re-route, treatment
done): an export gets its certificates (and ePhyto for plant products) in the release's transaction, and the
enterprise is told."""

from guomen.certificates.services import certificates_issue_for_declaration
from guomen.declarations.choices import DeclarationStatus, Direction

from ..announce import RELEASED, announce


def certify_release(declaration, *, actor) -> list:
    if declaration.direction != Direction.EXPORT or declaration.status != DeclarationStatus.RELEASED:
        return []
    return certificates_issue_for_declaration(declaration=declaration, actor=actor)


def on_release(declaration, *, actor, task=None) -> None:
    certify_release(declaration, actor=actor)
    announce(RELEASED, declaration=declaration, task=task)
