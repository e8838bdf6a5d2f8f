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
    # only what an export is bound to differ in: it is not addressed to China, and no foreign consignee is on file
    warnings = [w["message"] for w in report["warnings"]]
    assert (
        len(warnings) == 2
        and any("HK" in w for w in warnings)
        and any("ConsigneeSPSParty" in w for w in warnings)
    )
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
        "consignee_name": "",
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
    from guomen.registry.tests.factories import EnterpriseFactory

    buyer = EnterpriseFactory(org=orgs["WJD"], name_zh="香港鲜菜行", name_en="HK Fresh Vegetables Ltd.")
    declaration = released_export(orgs["WJD"], exporter, consignee=buyer)
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
    assert (got.consignee_name, got.additional_declarations) == (
        "HK Fresh Vegetables Ltd.",
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
