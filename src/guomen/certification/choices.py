import functools

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Scheme(models.TextChoices):
    CCC = "ccc", _("CCC (compulsory product certification)")
    ISO9001 = "iso9001", _("ISO 9001 quality management system")
    ISO14001 = "iso14001", _("ISO 14001 environmental management system")
    ISO22000 = "iso22000", _("ISO 22000 food safety management system")
    HACCP = "haccp", _("HACCP")
    VOLUNTARY = "voluntary", _("Other voluntary product certification")


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


CS = CertificateStatus
CERTIFICATE_TRANSITIONS: dict[str, set[str]] = {
    CS.VALID: {CS.SUSPENDED, CS.REVOKED, CS.EXPIRED},
    CS.SUSPENDED: {CS.VALID, CS.REVOKED, CS.EXPIRED},
    CS.REVOKED: set(),
    CS.EXPIRED: set(),
}


class CheckStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RECTIFYING = "rectifying", _("Rectification under way")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


K = CheckStatus
# An annual check is planned, then recorded: without non-conformities it closes at once, with them the
# enterprise rectifies and the check closes when the rectification is verified.
CHECK_TRANSITIONS: dict[str, set[str]] = {
    K.PLANNED: {K.RECTIFYING, K.CLOSED, K.CANCELLED},
    K.RECTIFYING: {K.CLOSED},
    K.CLOSED: set(),
    K.CANCELLED: set(),
}


class CheckItem(models.TextChoices):
    """The checklist of an annual supervision check of a certified enterprise."""

    VALIDITY = "validity", _("Certificate valid and displayed")
    SCOPE = "scope", _("Products within the certified scope")
    CONSISTENCY = "consistency", _("Products consistent with the certified type")
    MARKS = "marks", _("Certification marks used correctly")
    SYSTEM = "system", _("Management system operating as certified")
    COMPLAINTS = "complaints", _("Quality complaints handled")


class MisuseStatus(models.TextChoices):
    OPEN = "open", _("Under investigation")
    PENALISED = "penalised", _("Penalised")
    DISMISSED = "dismissed", _("Dismissed")
    CLOSED = "closed", _("Closed")


M = MisuseStatus
MISUSE_TRANSITIONS: dict[str, set[str]] = {
    M.OPEN: {M.PENALISED, M.DISMISSED},
    M.PENALISED: {M.CLOSED},
    M.DISMISSED: set(),
    M.CLOSED: set(),
}


@functools.cache
def _labels(choices, language: str) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


def label_of(choices, value: str) -> str:
    """The label of a value in the reader's language, translated once per language (a list page shows one per row;
    get_FOO_display() hashes every lazy label of the field on each call)."""
    return _labels(choices, get_language() or "").get(value, value)
