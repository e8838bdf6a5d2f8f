"""Issuing on release, the kind by commodity, replacing and withdrawing with four eyes."""

import io

import pytest
from pypdf import PdfReader

from guomen.certificates.ephyto_out import EphytoIncomplete, schema_errors
from guomen.certificates.models import ExportCertificate
from guomen.certificates.services import (
    certificate_ephyto_bytes,
    certificate_pdf_bytes,
    certificate_replace,
    certificate_withdraw,
    certificates_issue_for_declaration,
)
from guomen.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent

from .conftest import released_export

pytestmark = pytest.mark.django_db


def _pdf_text(cert) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(certificate_pdf_bytes(cert))).pages)


def test_a_released_vegetable_export_gets_a_phytosanitary_certificate_with_a_valid_ephyto(phyto):
    assert phyto.kind == "phytosanitary" and phyto.status == "valid" and phyto.number.startswith("PCWJD")
    assert phyto.has_ephyto and schema_errors(certificate_ephyto_bytes(phyto)) == []
    text = _pdf_text(phyto)
    assert "植物检疫证书" in text and "Phytosanitary Certificate" in text and phyto.verification_code in text
    assert AuditEvent.objects.filter(verb="export_certificate.issue", object_id=str(phyto.pk)).exists()


def test_kind_follows_the_commodity_one_certificate_per_kind(orgs, exporter, supervisor):
    declaration = released_export(orgs["WJD"], exporter, hs_codes=("0704909000", "0202300000", "9503000000"))
    certs = certificates_issue_for_declaration(declaration=declaration, actor=supervisor)
    assert [(c.kind, c.lines) for c in certs] == [("phytosanitary", [1]), ("health", [2]), ("exit", [3])]
    assert "卫生证书" in _pdf_text(certs[1]) and "出境货物检验检疫证明" in _pdf_text(certs[2])
    assert not certs[1].has_ephyto and not certs[2].has_ephyto


def test_issuing_twice_gives_no_second_set(vegetables_export, supervisor, phyto):
    assert certificates_issue_for_declaration(declaration=vegetables_export, actor=supervisor) == []
    assert ExportCertificate.objects.count() == 1


def test_an_import_or_an_unreleased_export_gets_nothing(orgs, exporter, supervisor):
    declaration = released_export(orgs["WJD"], exporter)
    declaration.status = "under_inspection"
    assert certificates_issue_for_declaration(declaration=declaration, actor=supervisor) == []
    declaration.status, declaration.direction = "released", "import"
    assert certificates_issue_for_declaration(declaration=declaration, actor=supervisor) == []


def test_missing_destination_and_botanical_name_are_named_and_no_xml_is_written(orgs, exporter, supervisor):
    # 0709 99: other vegetables, none of the table's named ones (菜心 is 0704 90): no botanical name is known
    declaration = released_export(orgs["WJD"], exporter, hs_codes=("0709999000",), destination=None)
    (cert,) = certificates_issue_for_declaration(declaration=declaration, actor=supervisor)
    assert cert.kind == "phytosanitary" and not cert.has_ephyto
    assert any("目的" in m or "destination" in m for m in cert.ephyto_missing.values())
    assert any("0709999000" in m for m in cert.ephyto_missing.values())
    with pytest.raises(EphytoIncomplete) as refused:
        certificate_ephyto_bytes(cert)
    assert refused.value.status == 422 and "0709999000" in str(refused.value.fields)


def test_replace_marks_the_old_number_replaced_and_keeps_the_reason(phyto, other_supervisor):
    new = certificate_replace(
        certificate=phyto,
        actor=other_supervisor,
        reason="收货人名称更正",
        additional_declarations=["未发现检疫性有害生物"],
    )
    phyto.refresh_from_db()
    assert phyto.status == "replaced" and new.replaces == phyto and new.status == "valid"
    assert new.reason == "收货人名称更正" and new.has_ephyto and b"ADRPN" in certificate_ephyto_bytes(new)
    assert AuditEvent.objects.filter(verb="export_certificate.replace", reason="收货人名称更正").exists()


def test_the_issuer_cannot_replace_or_withdraw_own_certificate(phyto, supervisor):
    with pytest.raises(PermissionDenied) as refused:
        certificate_withdraw(certificate=phyto, actor=supervisor, reason="误签")
    assert refused.value.code == "four_eyes"
    phyto.refresh_from_db()
    assert phyto.status == "valid"


def test_withdraw_needs_a_reason_and_a_valid_certificate(phyto, other_supervisor):
    with pytest.raises(ValidationFailed) as refused:
        certificate_withdraw(certificate=phyto, actor=other_supervisor, reason="  ")
    assert "reason" in refused.value.fields
    certificate_withdraw(certificate=phyto, actor=other_supervisor, reason="货物未出运")
    with pytest.raises(Conflict):
        certificate_replace(certificate=phyto, actor=other_supervisor, reason="再次")


def test_wrong_role_and_other_jurisdiction_cannot_amend(phyto, inspector, far_supervisor):
    with pytest.raises(PermissionDenied):
        certificate_withdraw(certificate=phyto, actor=inspector, reason="x")
    with pytest.raises(NotFound):
        certificate_withdraw(certificate=phyto, actor=far_supervisor, reason="x")
