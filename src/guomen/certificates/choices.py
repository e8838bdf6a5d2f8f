from django.db import models
from django.utils.translation import gettext_lazy as _


class CertificateKind(models.TextChoices):
    """Which certificate the goods get, chosen by the commodity (kinds.kind_for_hs)."""

    EXIT = "exit", _("Exit goods inspection and quarantine certificate")
    PHYTOSANITARY = "phytosanitary", _("Phytosanitary certificate")
    HEALTH = "health", _("Health certificate")


# The English title printed under the Chinese one, whatever the reader's language.
ENGLISH_TITLES = {
    CertificateKind.EXIT: "Certificate of Inspection and Quarantine for Exit Goods",
    CertificateKind.PHYTOSANITARY: "Phytosanitary Certificate",
    CertificateKind.HEALTH: "Health Certificate",
}
CHINESE_TITLES = {
    CertificateKind.EXIT: "出境货物检验检疫证明",
    CertificateKind.PHYTOSANITARY: "植物检疫证书",
    CertificateKind.HEALTH: "卫生证书",
}
NUMBER_PREFIXES = {
    CertificateKind.EXIT: "EQ",
    CertificateKind.PHYTOSANITARY: "PC",
    CertificateKind.HEALTH: "HC",
}


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REPLACED = "replaced", _("Replaced")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = CertificateStatus
ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    S.VALID: {S.REPLACED, S.WITHDRAWN},
    S.REPLACED: set(),
    S.WITHDRAWN: set(),
}
