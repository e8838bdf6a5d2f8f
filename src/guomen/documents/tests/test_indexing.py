"""An upload is stored at once and indexed by a background task: the states a person sees on the way."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from guomen.core.errors import IllegalTransition, PermissionDenied
from guomen.core.models import AuditEvent
from guomen.documents import indexing
from guomen.documents.choices import IndexFailure, IndexState
from guomen.documents.indexing import document_index_retry
from guomen.documents.models import Document
from guomen.documents.search import document_search
from guomen.documents.services import document_create, document_update

from .factories import encrypted_pdf_bytes, make_document, pdf_bytes, scanned_pdf_bytes, upload_document

pytestmark = pytest.mark.django_db

DURIAN = ["本规程规定了进境榴莲的现场查验和实验室检疫鉴定方法。"]


def found(q: str) -> list[int]:
    return [h.document.pk for h in document_search(q=q).hits]


def run_queued(callbacks) -> None:
    """What the worker does: run the tasks the committed requests queued."""
    for callback in callbacks:
        callback()
    callbacks.clear()


def state(doc) -> tuple[str, str]:
    doc.refresh_from_db()
    return doc.index_state, doc.index_error


def test_an_upload_waits_for_the_worker_then_is_indexed(analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        doc = upload_document(actor=analyst, file_name="durian.pdf", file_bytes=pdf_bytes(DURIAN))
    assert state(doc) == (IndexState.QUEUED, "")
    assert doc.text == "" and doc.file_name == "durian.pdf" and len(queued) == 1
    run_queued(queued)
    assert state(doc) == (IndexState.INDEXED, "")
    assert doc.pages == 1 and "鉴定" in doc.text
    assert AuditEvent.objects.filter(verb="document.indexed", object_id=str(doc.pk)).exists()


def test_search_does_not_find_a_document_before_it_is_indexed(analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        doc = upload_document(
            actor=analyst, file_name="durian.pdf", file_bytes=pdf_bytes(DURIAN), number="SN/T 5000-2023"
        )
    assert found("鉴定") == [] and found("榴莲") == [] and found("SN/T 5000-2023") == []
    run_queued(queued)
    assert found("鉴定") == [doc.pk] and found("SN/T 5000-2023") == [doc.pk]


def test_an_encrypted_pdf_fails_saying_so_and_is_not_searchable(analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        doc = upload_document(actor=analyst, file_name="locked.pdf", file_bytes=encrypted_pdf_bytes(DURIAN))
    assert state(doc) == (IndexState.FAILED, IndexFailure.ENCRYPTED)
    assert found("鉴定") == [] and found("进境水果检疫规程") == []
    event = AuditEvent.objects.get(verb="document.index_failed", object_id=str(doc.pk))
    assert event.after["index_error"] == IndexFailure.ENCRYPTED


def test_a_scanned_pdf_without_text_fails_as_such(analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        doc = upload_document(actor=analyst, file_name="scan.pdf", file_bytes=scanned_pdf_bytes())
    assert state(doc) == (IndexState.FAILED, IndexFailure.NO_TEXT)


def test_a_failed_indexing_is_retried_by_staff_and_then_indexed(
    analyst, monkeypatch, django_capture_on_commit_callbacks
):
    real = indexing.extract_text
    monkeypatch.setattr(indexing, "extract_text", lambda data, name: 1 / 0)  # the worker hit a passing fault
    with django_capture_on_commit_callbacks(execute=True):
        doc = upload_document(actor=analyst, file_name="durian.pdf", file_bytes=pdf_bytes(DURIAN))
    assert state(doc) == (IndexState.FAILED, IndexFailure.ERROR)
    monkeypatch.setattr(indexing, "extract_text", real)

    with django_capture_on_commit_callbacks() as queued:
        document_index_retry(document=doc, actor=analyst)
    assert state(doc) == (IndexState.QUEUED, "")
    run_queued(queued)
    assert state(doc) == (IndexState.INDEXED, "") and found("鉴定") == [doc.pk]
    retry = AuditEvent.objects.get(verb="document.index_retry", object_id=str(doc.pk))
    assert retry.actor == analyst and retry.before["index_state"] == IndexState.FAILED


def test_an_indexed_document_is_not_queued_again(analyst):
    doc = make_document(title="进境粮食检疫办法")
    with pytest.raises(IllegalTransition):
        document_index_retry(document=doc, actor=analyst)
    assert state(doc) == (IndexState.INDEXED, "")


def test_a_document_stuck_waiting_for_a_lost_task_may_be_queued_again(
    analyst, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():  # the task is lost: never run
        doc = upload_document(actor=analyst, file_name="durian.pdf", file_bytes=pdf_bytes(DURIAN))
    with pytest.raises(IllegalTransition):
        document_index_retry(document=doc, actor=analyst)
    Document.objects.filter(pk=doc.pk).update(index_changed_at=timezone.now() - dt.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        document_index_retry(document=doc, actor=analyst)
    assert state(doc) == (IndexState.INDEXED, "")


def test_an_inspector_may_not_retry(inspector, analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        doc = upload_document(actor=analyst, file_name="scan.pdf", file_bytes=scanned_pdf_bytes())
    with pytest.raises(PermissionDenied):
        document_index_retry(document=doc, actor=inspector)
    assert state(doc) == (IndexState.FAILED, IndexFailure.NO_TEXT)


def test_a_new_version_replaces_the_old_text_in_search_once_indexed(
    analyst, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        doc = upload_document(
            actor=analyst, file_name="v1.pdf", file_bytes=pdf_bytes(["第一版规定榴莲查验。"])
        )
    with django_capture_on_commit_callbacks() as queued:
        document_update(
            document=doc,
            data={},
            actor=analyst,
            file_name="v2.pdf",
            file_bytes=pdf_bytes(["第二版规定山竹查验。"]),
        )
    assert state(doc) == (IndexState.QUEUED, "")
    assert found("榴莲") == [] and found("山竹") == []
    run_queued(queued)
    assert state(doc) == (IndexState.INDEXED, "")
    assert found("榴莲") == [] and found("山竹") == [doc.pk] and doc.file_name == "v2.pdf"


def test_a_task_for_a_file_replaced_meanwhile_drops_its_result(analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as first:
        doc = upload_document(
            actor=analyst, file_name="v1.pdf", file_bytes=pdf_bytes(["第一版规定榴莲查验。"])
        )
    with django_capture_on_commit_callbacks() as second:
        document_update(
            document=doc,
            data={},
            actor=analyst,
            file_name="v2.pdf",
            file_bytes=pdf_bytes(["第二版规定山竹查验。"]),
        )
    run_queued(first)
    assert state(doc) == (IndexState.QUEUED, "") and found("榴莲") == []
    run_queued(second)
    assert found("山竹") == [doc.pk] and found("榴莲") == []


def test_a_new_file_for_a_failed_document_indexes_it(analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        doc = upload_document(actor=analyst, file_name="scan.pdf", file_bytes=scanned_pdf_bytes())
        document_update(
            document=doc, data={}, actor=analyst, file_name="text.pdf", file_bytes=pdf_bytes(DURIAN)
        )
    assert state(doc) == (IndexState.INDEXED, "") and found("鉴定") == [doc.pk]


def test_a_metadata_edit_keeps_an_indexed_document_searchable_under_its_new_title(analyst):
    doc = make_document(title="旧标题办法", text="本办法规定了冷链食品的检疫。")
    document_update(document=doc, data={"title": "进口冷链食品检疫办法"}, actor=analyst)
    assert found("冷链") == [doc.pk] and found("进口冷链食品检疫办法") == [doc.pk]


def test_a_metadata_edit_does_not_make_a_waiting_document_searchable(
    analyst, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        doc = upload_document(actor=analyst, file_name="durian.pdf", file_bytes=pdf_bytes(DURIAN))
        document_update(document=doc, data={"title": "榴莲检疫鉴定规程"}, actor=analyst)
    assert state(doc) == (IndexState.QUEUED, "") and found("榴莲") == []


def test_short_typed_text_is_indexed_in_the_request(analyst, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        doc = document_create(
            data={"kind": "notice", "title": "通知"}, actor=analyst, text="请做好榴莲检疫。"
        )
    assert doc.index_state == IndexState.INDEXED and queued == [] and found("榴莲") == [doc.pk]


def test_long_typed_text_is_queued_like_a_file(analyst, django_capture_on_commit_callbacks):
    text = "进境榴莲须经检疫。" * (indexing.INLINE_TEXT_CHARS // 9 + 1)
    with django_capture_on_commit_callbacks() as queued:
        doc = document_create(data={"kind": "notice", "title": "通知"}, actor=analyst, text=text)
    assert state(doc) == (IndexState.QUEUED, "") and found("榴莲") == []
    run_queued(queued)
    assert state(doc) == (IndexState.INDEXED, "") and found("榴莲") == [doc.pk]


def test_reindex_command_indexes_a_waiting_document_without_a_worker(
    analyst, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():  # no worker runs
        waiting = upload_document(actor=analyst, file_name="durian.pdf", file_bytes=pdf_bytes(DURIAN))
    make_document(title="进境粮食检疫办法")
    out = io.StringIO()
    call_command("documents-reindex", stdout=out)
    assert "re-indexed 2 documents" in out.getvalue()
    assert state(waiting) == (IndexState.INDEXED, "") and found("鉴定") == [waiting.pk]


def test_reindex_command_with_queue_hands_every_document_to_the_worker(django_capture_on_commit_callbacks):
    doc = make_document(title="进境粮食检疫办法")
    out = io.StringIO()
    with django_capture_on_commit_callbacks() as queued:
        call_command("documents-reindex", "--queue", stdout=out)
    assert "queued 1 documents" in out.getvalue() and state(doc) == (IndexState.QUEUED, "")
    run_queued(queued)
    assert state(doc) == (IndexState.INDEXED, "") and found("粮食") == [doc.pk]
