"""The generated ePhyto: valid against the hub schema (lxml), read back by `guomen import-ephyto` field for field,
written by `guomen export-ephyto`."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from guomen.certificates.ephyto_out import NPPO, hub_xml_schema, schema_errors
from guomen.certificates.services import certificate_ephyto_bytes, certificate_replace
from guomen.declarations.models import PhytoCertificate

from .conftest import released_export

pytestmark = pytest.mark.django_db


def test_the_hub_schema_compiles_with_lxml():
    assert hub_xml_schema() is not None


def test_a_broken_file_is_named_invalid():
    assert schema_errors(
        b"<x:SPSCertificate xmlns:x='urn:un:unece:uncefact:data:standard:SPSCertificate:17'><x:Nope/></x:SPSCertificate>"
    )


def test_export_then_import_round_trips_every_field(tmp_path, phyto, vegetables_export, exporter):
    out = tmp_path / "cert.xml"
    call_command("export-ephyto", phyto.number, "--out", str(out))
    assert schema_errors(out.read_bytes()) == []
    buf = io.StringIO()
    call_command("import-ephyto", str(out), "--json", stdout=buf)
    report = json.loads(buf.getvalue())
    assert report["accepted"] is True
    # only what an export is bound to differ in: it is not addressed to China
    warnings = [w["message"] for w in report["warnings"]]
    assert len(warnings) == 1 and "HK" in warnings[0]
    got = PhytoCertificate.objects.get(number=phyto.number)
    line = vegetables_export.lines.get()
    issued = timezone.localtime(phyto.issued_at).replace(microsecond=0).isoformat()
    assert {
        "number": got.number,
        "type_code": got.type_code,
        "status_code": got.status_code,
        "issued": got.issued,
        "issuer": got.issuer,
        "consignor_name": got.consignor_name,
        "consignee_name": got.consignee_name,
        "consignee_address": got.consignee_address,
        "consignee_country": got.consignee_country,
        "export_country": got.export_country,
        "import_country": got.import_country,
        "transport": got.transport,
        "treatments": got.treatments,
        "additional_declarations": got.additional_declarations,
    } == {
        "number": phyto.number,
        "type_code": "851",
        "status_code": "70",
        "issued": issued,
        "issuer": NPPO,
        "consignor_name": vegetables_export.consignor_name,
        "consignee_name": "Wing Fat Vegetables Trading Ltd.",
        "consignee_address": "Stall 12, Cheung Sha Wan Wholesale Market\nKowloon",
        "consignee_country": "HK",
        "export_country": "CN",
        "import_country": "HK",
        "transport": "Truck 粤Z1234港",
        "treatments": [],
        "additional_declarations": [],
    }
    assert got.items == [
        {
            "description": line.description,
            "common_name": "Choy sum",
            "scientific_name": "Brassica rapa var. parachinensis",
            "hs_code": line.hs_id,
            "net_weight_kg": "6000.5",
            "gross_weight_kg": None,
            "packages": [{"type": "BK", "quantity": "300", "level": "1"}],
            "origins": ["CN"],
            "notes": [],
        }
    ]
    assert exporter.uscc in out.read_text()


def test_consignee_and_additional_declarations_round_trip(
    orgs, exporter, supervisor, other_supervisor, tmp_path
):
    from guomen.certificates.services import certificates_issue_for_declaration

    declaration = released_export(
        orgs["WJD"],
        exporter,
        destination="JP",
        foreign_consignee_name="HK Fresh Vegetables Ltd.",
        foreign_consignee_address="3-1 Tsukiji\nChuo-ku, Tokyo",
        foreign_consignee_country="JP",
    )
    (cert,) = certificates_issue_for_declaration(declaration=declaration, actor=supervisor)
    new = certificate_replace(
        certificate=cert,
        actor=other_supervisor,
        reason="补充附加声明",
        additional_declarations=["本批货物来自非疫区"],
    )
    out = tmp_path / "new.xml"
    out.write_bytes(certificate_ephyto_bytes(new))
    call_command("import-ephyto", str(out))
    got = PhytoCertificate.objects.get(number=new.number)
    assert (
        got.consignee_name,
        got.consignee_address,
        got.consignee_country,
        got.additional_declarations,
    ) == (
        "HK Fresh Vegetables Ltd.",
        "3-1 Tsukiji\nChuo-ku, Tokyo",
        "JP",
        ["本批货物来自非疫区"],
    )


def test_export_ephyto_refuses_naming_the_missing_data(orgs, exporter, supervisor, tmp_path):
    from guomen.certificates.services import certificates_issue_for_declaration

    declaration = released_export(orgs["WJD"], exporter, destination=None)
    (cert,) = certificates_issue_for_declaration(declaration=declaration, actor=supervisor)
    out = tmp_path / "x.xml"
    with pytest.raises(CommandError, match="destination|目的"):
        call_command("export-ephyto", cert.number, "--out", str(out))
    assert not out.exists()


def test_export_ephyto_of_an_unknown_number(tmp_path):
    with pytest.raises(CommandError, match="no such certificate"):
        call_command("export-ephyto", "PCXX000", "--out", str(tmp_path / "x.xml"))


def _treated(declaration, *, kind="fumigation", conditions="溴甲烷熏蒸 48 g/m³，21℃，24小时", note=""):
    """The declaration went through a treatment order that was then marked done ("treatment done")."""
    from guomen.core.services import audit_record
    from guomen.inspections.tests.factories import InspectionTaskFactory

    task = InspectionTaskFactory(
        declaration=declaration,
        status="closed",
        disposition="treatment",
        treatment_kind=kind,
        conditions=conditions,
    )
    audit_record(actor=None, verb="inspection.treatment_complete", obj=task, reason=note)
    return task


def test_a_treatment_is_written_as_applied_sps_process_and_read_back(orgs, exporter, supervisor, tmp_path):
    from guomen.certificates.services import certificates_issue_for_declaration

    declaration = released_export(orgs["WJD"], exporter)
    _treated(declaration, note="处理完毕")
    (cert,) = certificates_issue_for_declaration(declaration=declaration, actor=supervisor)
    xml = certificate_ephyto_bytes(cert)
    assert schema_errors(xml) == []
    text = xml.decode()
    assert "AppliedSPSProcess" in text and "Methyl bromide" in text and 'unitCode="CEL">21<' in text
    out = tmp_path / "treated.xml"
    out.write_bytes(xml)
    call_command("import-ephyto", str(out))
    (treatment,) = PhytoCertificate.objects.get(number=cert.number).treatments
    today = timezone.localdate().isoformat()
    for part in ("Fumigation", "Methyl bromide", "48 A93", "21 CEL", "24 HUR", "处理完毕", today):
        assert part in treatment


def test_a_treatment_ordered_but_not_done_is_not_certified(orgs, exporter, supervisor):
    from guomen.certificates.services import certificates_issue_for_declaration
    from guomen.inspections.tests.factories import InspectionTaskFactory

    declaration = released_export(orgs["WJD"], exporter)
    InspectionTaskFactory(
        declaration=declaration, status="closed", disposition="treatment", treatment_kind="heat_treatment"
    )
    (cert,) = certificates_issue_for_declaration(declaration=declaration, actor=supervisor)
    assert b"AppliedSPSProcess" not in certificate_ephyto_bytes(cert)


def test_a_phyto_export_without_its_consignee_abroad_gets_no_ephyto_and_says_why(orgs, exporter, supervisor):
    from guomen.certificates.services import certificates_issue_for_declaration

    declaration = released_export(
        orgs["WJD"], exporter, foreign_consignee_name="", foreign_consignee_address=""
    )
    (cert,) = certificates_issue_for_declaration(declaration=declaration, actor=supervisor)
    assert not cert.has_ephyto and "foreign_consignee" in cert.ephyto_missing
