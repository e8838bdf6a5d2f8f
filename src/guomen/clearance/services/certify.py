"""A released export gets its export certificates (and ePhyto for plant products) in the release's transaction."""

from guomen.certificates.services import certificates_issue_for_declaration
from guomen.declarations.choices import DeclarationStatus, Direction


def certify_release(declaration, *, actor) -> list:
    if declaration.direction != Direction.EXPORT or declaration.status != DeclarationStatus.RELEASED:
        return []
    return certificates_issue_for_declaration(declaration=declaration, actor=actor)
