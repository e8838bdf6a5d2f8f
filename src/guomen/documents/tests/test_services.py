import pytest

from guomen.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.documents.choices import DocumentStatus
from guomen.documents.models import Document
from guomen.documents.search import document_search
from guomen.documents.services import document_create, document_set_status, document_supersede

from .factories import docx_bytes, make_document, pdf_bytes

pytestmark = pytest.mark.django_db


def test_an_uploaded_pdf_is_extracted_stored_audited_and_searchable(
    analyst, django_capture_on_commit_callbacks
):
    data = pdf_bytes(["本规程规定了进境榴莲的现场查验和实验室检疫鉴定方法。"], title="进境榴莲检疫规程")
    with django_capture_on_commit_callbacks(execute=True):
        doc = document_create(
            data={"kind": "industry_standard", "number": "SN/T 5000-2023", "title": "进境榴莲检疫规程"},
            actor=analyst,
            file_name="sn5000.pdf",
            file_bytes=data,
        )
    doc.refresh_from_db()
    assert doc.pages == 1 and doc.file_name == "sn5000.pdf"
    assert "检疫" in doc.index_body.split()
    assert doc in [h.document for h in document_search(q="鉴定").hits]
    assert AuditEvent.objects.filter(verb="document.create", object_id=str(doc.pk)).exists()


def test_an_uploaded_docx_is_searchable_by_a_word_in_its_table(analyst, django_capture_on_commit_callbacks):
    data = docx_bytes(["输华要求"], table=[["有害生物", "桔小实蝇"]])
    with django_capture_on_commit_callbacks(execute=True):
        doc = document_create(
            data={"kind": "protocol", "title": "越南水果输华要求"},
            actor=analyst,
            file_name="v.docx",
            file_bytes=data,
        )
    assert doc in [h.document for h in document_search(q="桔小实蝇").hits]


def test_a_file_of_another_kind_saves_nothing(analyst):
    with pytest.raises(ValidationFailed) as exc:
        document_create(
            data={"kind": "notice", "title": "通知"}, actor=analyst, file_name="x.exe", file_bytes=b"MZ"
        )
    assert "file" in exc.value.fields
    assert not Document.objects.exists()


def test_a_document_without_a_title_is_refused_naming_the_field(analyst):
    with pytest.raises(ValidationFailed) as exc:
        document_create(data={"kind": "notice", "title": ""}, actor=analyst, text="正文")
    assert "title" in exc.value.fields


def test_an_inspector_may_not_upload(inspector):
    with pytest.raises(PermissionDenied):
        document_create(data={"kind": "notice", "title": "通知"}, actor=inspector, text="正文")


def test_a_superseded_standard_points_to_its_replacement(analyst):
    old = make_document(number="GB 2763-2019", kind="national_standard", title="旧版")
    new = make_document(number="GB 2763-2021", kind="national_standard", title="新版")
    document_supersede(document=old, replacement=new, actor=analyst, reason="新版发布")
    old.refresh_from_db()
    assert old.status == DocumentStatus.SUPERSEDED and old.superseded_by == new
    assert list(new.supersedes.all()) == [old]


def test_a_superseded_document_cannot_be_superseded_again(analyst):
    old = make_document(title="旧")
    new = make_document(title="新")
    document_supersede(document=old, replacement=new, actor=analyst)
    with pytest.raises(IllegalTransition):
        document_supersede(document=old, replacement=new, actor=analyst)


def test_a_repealed_document_can_be_put_back_in_force(analyst):
    doc = make_document(title="暂停")
    document_set_status(document=doc, status=DocumentStatus.REPEALED, actor=analyst)
    document_set_status(document=doc, status=DocumentStatus.IN_FORCE, actor=analyst)
    assert Document.objects.get(pk=doc.pk).status == DocumentStatus.IN_FORCE
