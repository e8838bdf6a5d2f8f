"""The document a disposition issues: by direction and outcome, with the lab results and a code to check it."""

import io

from django.test import Client
from pypdf import PdfReader

from guomen.clearance.documents import disposition_pdf
from guomen.clearance.services import clearance_confirm

from .helpers import fresh, lab_result, record_conforming, sample_at_lab


def _text(task) -> str:
    _name, pdf = disposition_pdf(fresh(task), base_url="https://guomen.example")
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_an_import_release_issues_the_entry_certificate(clean_task, inspector, supervisor):
    task = record_conforming(clean_task, inspector)
    clearance_confirm(task=fresh(task), disposition="release", actor=supervisor)
    text = _text(task)
    assert "入境货物检验检疫证明" in text and task.declaration.verification_code in text


def test_an_export_release_issues_the_export_certificate(clean_task, inspector, supervisor):
    clean_task.declaration.direction = "export"
    clean_task.declaration.save()
    task = record_conforming(clean_task, inspector)
    clearance_confirm(task=fresh(task), disposition="release", actor=supervisor)
    text = _text(task)  # durian, a plant product: the bilingual phytosanitary certificate
    assert "植物检疫证书" in text and "Phytosanitary Certificate" in text and "入境" not in text
    cert = fresh(task).declaration.export_certificates.get()
    page = Client().get(
        "/public/consignment/",
        {"number": cert.declaration.number, "code": cert.declaration.verification_code},
    )
    assert cert.number in page.content.decode()


def test_a_destruction_notice_names_the_failed_lab_result(
    clean_task, inspector, supervisor, lab_analyst, second_analyst, lab, residue
):
    sample = sample_at_lab(clean_task, inspector, lab_analyst, lab)
    task = record_conforming(clean_task, inspector)
    lab_result(sample, lab_analyst, second_analyst, residue, value="0.10")
    clearance_confirm(task=fresh(task), disposition="destroy", reason="农残超标", actor=supervisor)
    text = _text(task)
    assert "检验检疫处理通知书" in text and "毒死蜱" in text and sample.number in text


def test_the_public_page_opened_from_the_code_checks_the_document(clean_task, inspector, supervisor):
    task = record_conforming(clean_task, inspector)
    clearance_confirm(task=fresh(task), disposition="release", actor=supervisor)
    d = fresh(task).declaration
    page = Client().get("/public/consignment/", {"number": d.number, "code": d.verification_code})
    body = page.content.decode()
    assert page.status_code == 200 and "入境货物检验检疫证明" in body and "已放行" in body


def test_a_wrong_code_from_a_forged_document_finds_nothing(clean_task):
    d = clean_task.declaration
    page = Client().get("/public/consignment/", {"number": d.number, "code": "AAAAAA"})
    assert page.status_code == 404 and 'data-testid="issued-document"' not in page.content.decode()
