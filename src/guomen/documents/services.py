"""Writes of documents: upload with text extraction, metadata edits, supersession. All audited."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from guomen.core.editing import require_actor
from guomen.core.errors import Conflict, ValidationFailed, validation_error_from_django
from guomen.core.services import audit_record, model_snapshot
from guomen.core.workflow import transition

from .choices import DOCUMENT_TRANSITIONS, DocumentStatus
from .extraction import extract_text
from .models import Document
from .search import document_index

M2M_FIELDS = ("commodities", "countries", "hazards")
SCALAR_FIELDS = (
    "kind",
    "number",
    "title",
    "title_en",
    "issuer",
    "issued_on",
    "effective_on",
    "public",
    "summary",
)


def max_upload_bytes() -> int:
    return int(getattr(settings, "DOCUMENTS_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))


def _read_upload(file_name: str, file_bytes: bytes | None):
    if file_bytes is None:
        return None
    if len(file_bytes) > max_upload_bytes():
        limit = max_upload_bytes() // (1024 * 1024)
        raise ValidationFailed(fields={"file": [_("The file is larger than %(mb)s MB.") % {"mb": limit}]})
    return extract_text(file_bytes, file_name)


AUDIT_FIELDS = [*SCALAR_FIELDS, "status", "file_name", "pages"]


def _snapshot(doc: Document) -> dict:
    """What the audit log keeps of a document: its metadata, not its (possibly very long) text."""
    data = model_snapshot(doc, AUDIT_FIELDS)
    if doc.pk:
        for name in M2M_FIELDS:
            data[name] = sorted(str(pk) for pk in getattr(doc, name).values_list("pk", flat=True))
    return data


def _clean(doc: Document) -> None:
    try:
        doc.full_clean(exclude=["file", "superseded_by"])
    except ValidationError as exc:
        raise validation_error_from_django(exc) from exc


def _split(data: dict) -> tuple[dict, dict]:
    scalars = {k: v for k, v in data.items() if k in SCALAR_FIELDS}
    m2m = {k: list(data[k]) for k in M2M_FIELDS if k in data}
    return scalars, m2m


@transaction.atomic
def document_create(
    *, data: dict, actor, file_name: str = "", file_bytes: bytes | None = None, text: str = ""
) -> Document:
    """A new document (in force) from an uploaded PDF/DOCX/text file or typed text, indexed for search."""
    require_actor(actor, "document.edit")
    scalars, m2m = _split(data)
    extracted = _read_upload(file_name, file_bytes)
    doc = Document(**scalars, status=DocumentStatus.IN_FORCE)
    doc.text = extracted.text if extracted else (text or "").strip()
    doc.pages = extracted.pages if extracted else 0
    if extracted and not doc.text:
        raise ValidationFailed(fields={"file": [_("No text could be read from this file (is it a scan?).")]})
    if file_bytes is not None:
        doc.file_name = file_name[-200:]
        doc.file.save(file_name, ContentFile(file_bytes), save=False)
    _clean(doc)
    doc.save(force_insert=True)
    for name, values in m2m.items():
        getattr(doc, name).set(values)
    audit_record(actor=actor, verb="document.create", obj=doc, after=_snapshot(doc))
    return document_index(doc)


@transaction.atomic
def document_update(
    *,
    document: Document,
    data: dict,
    actor,
    expected_version: int | None = None,
    file_name: str = "",
    file_bytes: bytes | None = None,
) -> Document:
    """Edit metadata (and optionally replace the file); the search entry is rebuilt."""
    require_actor(actor, "document.edit")
    scalars, m2m = _split(data)
    extracted = _read_upload(file_name, file_bytes)
    if extracted is not None:
        scalars.update(text=extracted.text, pages=extracted.pages, file_name=file_name[-200:])
        document.file.save(file_name, ContentFile(file_bytes), save=False)
    before = _snapshot(document)
    version = document.version if expected_version is None else int(expected_version)
    for name, value in scalars.items():
        setattr(document, name, value)
    _clean(document)
    if not Document.objects.filter(pk=document.pk, version=version).update(version=F("version") + 1):
        raise Conflict()
    document.version = version + 1
    document.save()
    for name, values in m2m.items():
        getattr(document, name).set(values)
    after = _snapshot(document)
    changed = [k for k in after if after[k] != before.get(k)]
    audit_record(
        actor=actor,
        verb="document.update",
        obj=document,
        before={k: before.get(k) for k in changed},
        after={k: after[k] for k in changed},
    )
    return document_index(document)


@transaction.atomic
def document_supersede(*, document: Document, replacement: Document, actor, reason: str = "") -> Document:
    """Mark a document superseded by a newer one (the old one points to its replacement)."""
    require_actor(actor, "document.edit")
    if replacement.pk == document.pk:
        raise ValidationFailed(fields={"replacement": [_("A document cannot replace itself.")]})
    if replacement.status != DocumentStatus.IN_FORCE:
        raise ValidationFailed(fields={"replacement": [_("The replacement must be in force.")]})
    return transition(
        document,
        to=DocumentStatus.SUPERSEDED,
        allowed=DOCUMENT_TRANSITIONS,
        actor=actor,
        verb="document.superseded",
        reason=reason,
        extra_fields={"superseded_by_id": replacement.pk},
    )


@transaction.atomic
def document_set_status(*, document: Document, status: str, actor, reason: str = "") -> Document:
    require_actor(actor, "document.edit")
    return transition(
        document,
        to=status,
        allowed=DOCUMENT_TRANSITIONS,
        actor=actor,
        verb="document.status",
        reason=reason,
        extra_fields={"superseded_by_id": None} if status == DocumentStatus.IN_FORCE else None,
    )
