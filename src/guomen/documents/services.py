"""Writes of documents: upload (text extraction and indexing queued, see indexing), metadata edits,
supersession. All audited."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.editing import require_actor
from guomen.core.errors import Conflict, ValidationFailed, validation_error_from_django
from guomen.core.files import unguessable_name
from guomen.core.services import audit_record, model_snapshot
from guomen.core.workflow import transition

from .choices import DOCUMENT_TRANSITIONS, DocumentStatus, IndexState
from .extraction import check_supported
from .indexing import index_inline_allowed, index_queue, lock_index_state
from .models import Document
from .search import document_index, document_unindex

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


def _check_upload(file_name: str, file_bytes: bytes | None) -> bool:
    """Whether a file came, refusing at once one too large or of a kind whose text cannot be extracted.
    The file is not read here: its text is extracted by the indexing task."""
    if file_bytes is None:
        return False
    if len(file_bytes) > max_upload_bytes():
        limit = max_upload_bytes() // (1024 * 1024)
        raise ValidationFailed(fields={"file": [_("The file is larger than %(mb)s MB.") % {"mb": limit}]})
    check_supported(file_name)
    return True


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
    """A new document (in force) from an uploaded PDF/DOCX/text file or typed text.

    A file is stored and its indexing queued (the document says 待索引 until the worker is done);
    short typed text is indexed at once (see indexing).
    """
    require_actor(actor, "document.edit")
    scalars, m2m = _split(data)
    has_file = _check_upload(file_name, file_bytes)
    doc = Document(**scalars, status=DocumentStatus.IN_FORCE)
    doc.text = "" if has_file else (text or "").strip()
    inline = index_inline_allowed(text=doc.text, has_file=has_file)
    if inline:
        doc.index_state, doc.index_changed_at = IndexState.INDEXED, timezone.now()
    if has_file:
        doc.file_name = file_name[-200:]
        doc.file.save(unguessable_name(file_name), ContentFile(file_bytes), save=False)
    _clean(doc)
    doc.save(force_insert=True)
    for name, values in m2m.items():
        getattr(doc, name).set(values)
    audit_record(actor=actor, verb="document.create", obj=doc, after=_snapshot(doc))
    if inline:
        return document_index(doc)
    index_queue(doc)
    return doc


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
    """Edit metadata and optionally replace the file.

    A new file takes the document out of search and queues its indexing, as an upload does; a
    metadata edit of an indexed document rebuilds its entry's title words at once.
    """
    require_actor(actor, "document.edit")
    scalars, m2m = _split(data)
    has_file = _check_upload(file_name, file_bytes)
    lock_index_state(document)  # holds the row: the indexing task's write waits for this edit
    if has_file:
        scalars.update(text="", pages=0, file_name=file_name[-200:])
        document.file.save(unguessable_name(file_name), ContentFile(file_bytes), save=False)
    before = _snapshot(document)
    version = document.version if expected_version is None else int(expected_version)
    for name, value in scalars.items():
        setattr(document, name, value)
    _clean(document)
    if not Document.objects.filter(pk=document.pk, version=version).update(version=F("version") + 1):
        raise Conflict()
    document.version = version + 1
    # Only what this edit sets: the text and the index fields belong to the indexing task.
    document.save(update_fields=[*scalars, *(["file"] if has_file else []), "version", "updated_at"])
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
    if has_file:
        document_unindex(document)
        index_queue(document)
    elif document.index_state == IndexState.INDEXED:
        document_index(document, keep_body=True)
    return document


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
