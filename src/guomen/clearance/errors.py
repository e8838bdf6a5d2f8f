from django.utils.translation import gettext_lazy as _

from guomen.core.errors import Conflict


class ReleaseRefused(Conflict):
    """A release that breaks release rules: 409 with each broken rule and its evidence."""

    code = "release_refused"
    default_message = _("Release refused: the release rules are not met.")

    def __init__(self, broken, message=None, *, fields=None):
        self.rules = [b.as_dict() for b in broken]
        super().__init__(message, fields=fields)

    def as_dict(self) -> dict:
        return {**super().as_dict(), "rules": self.rules}

    def __str__(self) -> str:
        evidence = "; ".join(f"{r['code']}: {' / '.join(r['evidence'])}" for r in self.rules)
        return f"{self.message} [{evidence}]"
