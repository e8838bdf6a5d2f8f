from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentKind(models.TextChoices):
    REGULATION = "regulation", _("Law or regulation")
    NATIONAL_STANDARD = "national_standard", _("National standard")
    INDUSTRY_STANDARD = "industry_standard", _("Industry standard")
    INTERNATIONAL_STANDARD = "international_standard", _("International standard (ISO, Codex)")
    FOREIGN_STANDARD = "foreign_standard", _("Importing-country standard")
    PROTOCOL = "protocol", _("Protocol of import requirements")
    NOTICE = "notice", _("Notice or announcement")


class DocumentStatus(models.TextChoices):
    IN_FORCE = "in_force", pgettext_lazy("document status", "In force")
    SUPERSEDED = "superseded", pgettext_lazy("document status", "Superseded")
    REPEALED = "repealed", pgettext_lazy("document status", "Repealed")


S = DocumentStatus
DOCUMENT_TRANSITIONS: dict[str, set[str]] = {
    S.IN_FORCE: {S.SUPERSEDED, S.REPEALED},
    S.SUPERSEDED: set(),
    S.REPEALED: {S.IN_FORCE},
}
