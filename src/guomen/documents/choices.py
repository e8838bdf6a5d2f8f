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


class IndexState(models.TextChoices):
    """Where a document's text is on its way into the search index (a background task moves it)."""

    QUEUED = "queued", _("Waiting to be indexed")
    INDEXING = "indexing", _("Indexing")
    INDEXED = "indexed", _("Indexed")
    FAILED = "failed", _("Indexing failed")


class IndexFailure(models.TextChoices):
    """Why the text of a document could not be indexed (shown with the state; the file is kept)."""

    UNREADABLE = "unreadable", _("The file cannot be read: it is damaged or not what its name says.")
    ENCRYPTED = "encrypted", _("The PDF is protected with a password; upload a copy without one.")
    NO_TEXT = "no_text", _("The file contains no text (a scanned PDF?); upload a copy with a text layer.")
    ENCODING = "encoding", _("The text file is neither UTF-8 nor GB18030.")
    MISSING = "missing", _("The stored file is missing.")
    ERROR = "error", _("An unexpected error stopped the indexing; try again or tell the administrator.")


X = IndexState
INDEX_TRANSITIONS: dict[str, set[str]] = {
    X.QUEUED: {X.QUEUED, X.INDEXING},
    X.INDEXING: {X.QUEUED, X.INDEXED, X.FAILED},
    X.INDEXED: {X.QUEUED},
    X.FAILED: {X.QUEUED},
}
