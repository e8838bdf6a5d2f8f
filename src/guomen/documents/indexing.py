"""Getting a document's text into the search index, and the state that shows how far it got.

The rule: an uploaded file is never read in the web request. Every upload (PDF, DOCX or text file,
a new document or a new version of one) is stored with its metadata, marked 待索引 and queued; the
background task (tasks.document_index_task, run by `guomen worker`) extracts the text, segments it
with jieba and writes the index entry. Text typed in instead of a file (the form's text box, the
API's `text`) has nothing to extract: up to INLINE_TEXT_CHARS characters it is segmented in the
request (tens of milliseconds) and the document is searchable at once; longer text is queued too.

A document is found by search only once indexed (search.document_search sees only index entries,
and number look-ups only indexed documents). States and their moves are choices.INDEX_TRANSITIONS:
queued → indexing → indexed or failed (with the reason); a new file, a retry by staff or
`documents-reindex --queue` puts a document back to queued under a new `index_generation`. A task
writes its result only while the generation it was queued for is still current, so a task working
on a file that has meanwhile been replaced drops its result, and a task run twice does nothing the
second time. Extraction and segmentation run outside any transaction (they take seconds for a long
PDF); only the short claim and the final write hold the row.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.editing import require_actor
from guomen.core.errors import IllegalTransition
from guomen.core.services import audit_record

from .choices import INDEX_TRANSITIONS, IndexFailure, IndexState
from .extraction import ExtractionFailed, extract_text, index_tokens
from .models import Document
from .search import document_index

log = logging.getLogger(__name__)

INLINE_TEXT_CHARS = 20_000
STALE_AFTER = timedelta(minutes=15)
SKIPPED = "skipped"


def _locked(pk: int) -> Document | None:
    """The row, locked until the end of the transaction (PostgreSQL; SQLite transactions are serial)."""
    return Document.objects.select_for_update().defer("index_title", "index_body").filter(pk=pk).first()


def _move(doc: Document, to: str, **fields) -> None:
    """Change the index state as the transitions table allows. Call with the row locked."""
    if to not in INDEX_TRANSITIONS.get(doc.index_state, set()):
        labels = dict(IndexState.choices)
        raise IllegalTransition(
            _("Cannot change the indexing state from “%(from)s” to “%(to)s”.")
            % {"from": labels.get(doc.index_state, doc.index_state), "to": labels.get(to, to)}
        )
    changes = {"index_state": to, "index_changed_at": timezone.now(), **fields}
    Document.objects.filter(pk=doc.pk).update(**changes)
    for name, value in changes.items():
        setattr(doc, name, value)


def lock_index_state(doc: Document) -> Document:
    """Lock the row and bring the caller's copy's index state up to date with it."""
    current = _locked(doc.pk)
    for name in ("index_state", "index_error", "index_generation", "index_changed_at"):
        setattr(doc, name, getattr(current, name))
    return doc


def index_queue(doc: Document, *, enqueue: bool = True) -> int:
    """Mark the document 待索引 under a new generation and, once committed, hand it to the worker.

    Call inside a transaction with the row locked (see lock_index_state). Returns the generation.
    """
    _move(doc, IndexState.QUEUED, index_error="", index_generation=F("index_generation") + 1)
    doc.refresh_from_db(fields=["index_generation"])
    generation, pk = doc.index_generation, doc.pk
    if enqueue:
        from .tasks import document_index_task

        transaction.on_commit(lambda: document_index_task.enqueue(pk, generation))
    return generation


def index_inline_allowed(*, text: str, has_file: bool) -> bool:
    return not has_file and len(text) <= INLINE_TEXT_CHARS


def index_retry_allowed(doc: Document, *, now=None) -> bool:
    """Staff may queue again a document whose indexing failed, or one stuck waiting (a lost task)."""
    if doc.index_state == IndexState.FAILED:
        return True
    if doc.index_state in (IndexState.QUEUED, IndexState.INDEXING) and doc.index_changed_at:
        return (now or timezone.now()) - doc.index_changed_at > STALE_AFTER
    return False


def _read_text(doc: Document) -> tuple[str, int]:
    """The text to index: extracted from the stored file, or the typed text of a document without one."""
    if not doc.file:
        return doc.text, doc.pages
    with doc.file.open("rb") as stored:
        data = stored.read()
    extracted = extract_text(data, doc.file_name or doc.file.name)
    if not extracted.text.strip():
        raise ExtractionFailed(
            IndexFailure.NO_TEXT, _("No text could be read from this file (is it a scan?).")
        )
    return extracted.text, extracted.pages


def _prepare(doc: Document) -> tuple[str, int, str, str]:
    """(text, pages, tokens, failure reason): the slow part, run outside any transaction."""
    try:
        text, pages = _read_text(doc)
        return text, pages, index_tokens(text), ""
    except ExtractionFailed as exc:
        return "", 0, "", exc.reason
    except FileNotFoundError:
        return "", 0, "", IndexFailure.MISSING
    except Exception:  # the document shows that it failed; the worker stays up and logs why
        log.exception("indexing document %s failed", doc.pk)
        return "", 0, "", IndexFailure.ERROR


def document_index_run(*, document_id: int, generation: int) -> str:
    """The task's work: extract, segment and index one document, or record why that failed.

    Returns the state reached, or "skipped" when the request is no longer current (the document is
    gone, was given a newer file, or this generation was already handled).
    """
    with transaction.atomic():
        doc = _locked(document_id)
        # INDEXING too: a run taken over from a worker that died mid-way starts again (core.leases).
        if doc is None or doc.index_generation != generation:
            return SKIPPED
        if doc.index_state not in (IndexState.QUEUED, IndexState.INDEXING):
            return SKIPPED
        if doc.index_state == IndexState.QUEUED:
            _move(doc, IndexState.INDEXING)
    text, pages, tokens, failure = _prepare(doc)
    with transaction.atomic():
        doc = _locked(document_id)
        if doc is None or doc.index_generation != generation or doc.index_state != IndexState.INDEXING:
            return SKIPPED
        if failure:
            _move(doc, IndexState.FAILED, index_error=failure)
            audit_record(
                actor=None,
                verb="document.index_failed",
                obj=doc,
                before={"index_state": IndexState.INDEXING},
                after={"index_state": IndexState.FAILED, "index_error": failure},
            )
            return doc.index_state
        if doc.file:
            Document.objects.filter(pk=doc.pk).update(text=text, pages=pages)
            doc.text, doc.pages = text, pages
        document_index(doc, body_tokens=tokens)
        _move(doc, IndexState.INDEXED, index_error="")
        audit_record(
            actor=None,
            verb="document.indexed",
            obj=doc,
            before={"index_state": IndexState.INDEXING},
            after={"index_state": IndexState.INDEXED, "pages": doc.pages, "characters": len(text)},
        )
    return doc.index_state


@transaction.atomic
def document_index_abandon(*, document_id: int, generation: int) -> None:
    """The worker indexing this document died twice: the document shows that indexing failed (staff may retry)."""
    doc = _locked(document_id)
    if doc is None or doc.index_generation != generation or doc.index_state != IndexState.INDEXING:
        return
    _move(doc, IndexState.FAILED, index_error=IndexFailure.ERROR)
    audit_record(
        actor=None,
        verb="document.index_failed",
        obj=doc,
        before={"index_state": IndexState.INDEXING},
        after={"index_state": IndexState.FAILED, "index_error": IndexFailure.ERROR, "reason": "worker lost"},
    )


@transaction.atomic
def document_index_retry(*, document: Document, actor) -> Document:
    """Staff queue the indexing again (after a failure, or when a task was lost); audited."""
    require_actor(actor, "document.edit")
    lock_index_state(document)
    if not index_retry_allowed(document):
        raise IllegalTransition(
            _(
                "Only a document whose indexing failed, or that has waited more than %(minutes)s minutes, "
                "can be indexed again."
            )
            % {"minutes": int(STALE_AFTER.total_seconds() // 60)}
        )
    before = {"index_state": document.index_state, "index_error": document.index_error}
    index_queue(document)
    audit_record(
        actor=actor,
        verb="document.index_retry",
        obj=document,
        before=before,
        after={"index_state": document.index_state},
    )
    return document


def document_reindex_one(pk: int, *, queue: bool = False) -> str:
    """`documents-reindex` for one document; returns what happened ("indexed", "failed", "queued", "skipped").

    With `queue`, the document goes back to the worker (its file is read again). Otherwise an indexed
    document's entry is rebuilt here from its stored text (the file is not read again), and one that
    is waiting, stuck or failed is extracted and indexed here and now.
    """
    if queue:
        with transaction.atomic():
            doc = _locked(pk)
            if doc is None:
                return SKIPPED
            index_queue(doc)
        return IndexState.QUEUED
    doc = Document.objects.defer("index_title", "index_body").filter(pk=pk).first()
    if doc is None:
        return SKIPPED
    if doc.index_state != IndexState.INDEXED:
        with transaction.atomic():
            doc = _locked(pk)
            if doc is None:
                return SKIPPED
            generation = index_queue(doc, enqueue=False)
        return document_index_run(document_id=pk, generation=generation)
    tokens = index_tokens(doc.text)
    with transaction.atomic():
        current = _locked(pk)
        if (
            current is None
            or current.index_state != IndexState.INDEXED
            or current.index_generation != doc.index_generation
        ):
            return SKIPPED  # a new file arrived meanwhile; its own task indexes it
        document_index(current, body_tokens=tokens)
    return IndexState.INDEXED
