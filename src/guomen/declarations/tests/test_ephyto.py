"""ePhyto intake on the shared test certificate, its variants, and hostile input."""

import pytest

from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.declarations.ephyto import EphytoRejected, ephyto_import
from guomen.declarations.ephyto_parse import read_certificate
from guomen.declarations.models import PhytoCertificate
from guomen.declarations.selectors import ephyto_mismatches
from guomen.declarations.tests.ephyto_factories import (
    BILLION_LAUGHS,
    EXTERNAL_ENTITY,
    certificate_bytes,
    matching_declaration,
    to_china,
    variant,
    without_consignor,
)
from guomen.registry.tests.factories import ProductionBaseFactory

pytestmark = pytest.mark.django_db


def _errors(exc) -> list[str]:
    return [p["message"] for p in exc.value.problems if p["level"] == "error"]


def test_shared_certificate_is_read_with_its_key_facts():
    cert = read_certificate(certificate_bytes())
    assert (cert.number, cert.export_country, cert.import_country) == ("123ABC", "AR", "EC")
    assert cert.consignor_name == "Juan Perez"
    assert cert.items[0]["hs_code"] == "06029048"
    assert cert.items[0]["net_weight_kg"] == "10"
    assert cert.treatments and "32.0000 CEL" in cert.treatments[0]
    assert cert.errors == []


def test_schema_order_deviations_of_the_shared_certificate_are_warnings_in_plain_words():
    cert = read_certificate(certificate_bytes())
    messages = [str(p.message) for p in cert.warnings]
    assert any("ConsignorSPSParty" in m and "SPSConsignment" in m for m in messages)
    assert all(p.line for p in cert.warnings if "ConsignorSPSParty" in str(p.message))


def test_import_stores_and_links_by_the_declared_certificate_number(orgs, inspector):
    declaration = matching_declaration(orgs["WJD"])
    report = ephyto_import(data=to_china(), actor=inspector)
    assert report.created
    assert report.certificate.declaration == declaration
    assert report.mismatches == []
    assert ephyto_mismatches(declaration) == []


def test_import_is_audited_on_the_declaration_timeline(orgs, inspector):
    declaration = matching_declaration(orgs["WJD"])
    ephyto_import(data=to_china(), actor=inspector)
    assert AuditEvent.objects.filter(verb="ephyto.link", object_id=str(declaration.pk)).exists()


def test_the_shared_certificate_is_for_ecuador_which_is_reported(orgs, inspector):
    declaration = matching_declaration(orgs["WJD"])
    ephyto_import(data=certificate_bytes(), actor=inspector)
    (problem,) = ephyto_mismatches(declaration)
    assert "EC" in problem


def test_wrong_origin_is_a_mismatch(orgs, inspector):
    declaration = matching_declaration(orgs["WJD"])
    data = variant(
        "<ns1:ID>AR</ns1:ID>\n            <ns1:Name/>\n        </ns1:ExportSPSCountry>",
        "<ns1:ID>TH</ns1:ID></ns1:ExportSPSCountry>",
        to_china(),
    )
    ephyto_import(data=data, actor=inspector, declaration_number=declaration.number)
    mismatches = ephyto_mismatches(declaration)
    assert len(mismatches) == 1 and "TH" in mismatches[0] and "AR" in mismatches[0]


def test_other_certificate_number_is_a_mismatch(orgs, inspector):
    declaration = matching_declaration(orgs["WJD"], number="AR-2026-0001")
    ephyto_import(data=to_china(), actor=inspector, declaration_number=declaration.number)
    assert any("AR-2026-0001" in m for m in ephyto_mismatches(declaration))


def test_weight_beyond_tolerance_is_a_mismatch(orgs, inspector):
    declaration = matching_declaration(orgs["WJD"], weight="12")
    ephyto_import(data=to_china(), actor=inspector)
    assert any("12" in m and "10" in m for m in ephyto_mismatches(declaration))


def test_other_commodity_is_a_mismatch(orgs, inspector):
    declaration = matching_declaration(orgs["WJD"])
    ephyto_import(data=variant("06029048", "08106000", to_china()), actor=inspector)
    assert any("08106000" in m for m in ephyto_mismatches(declaration))


def test_declared_orchard_missing_from_the_certificate_is_a_mismatch(orgs, inspector):
    declaration = matching_declaration(orgs["WJD"])
    declaration.lines.get().production_bases.add(ProductionBaseFactory(code="AR-ORCH-0042"))
    ephyto_import(data=to_china(), actor=inspector)
    assert any("AR-ORCH-0042" in m for m in ephyto_mismatches(declaration))


def test_orchard_code_named_on_the_certificate_matches(orgs, inspector):
    declaration = matching_declaration(orgs["WJD"])
    declaration.lines.get().production_bases.add(ProductionBaseFactory(code="AR-ORCH-0042"))
    data = variant(
        "<ns1:Content>Lot number 8888</ns1:Content>",
        "<ns1:Content>Orchard registration No: AR-ORCH-0042</ns1:Content>",
        to_china(),
    )
    ephyto_import(data=data, actor=inspector)
    assert ephyto_mismatches(declaration) == []


def test_missing_required_treatment_is_a_mismatch(orgs, inspector):
    from guomen.catalog.tests.factories import CountryFactory, HsCodeFactory, ImportRequirementFactory

    declaration = matching_declaration(orgs["WJD"])
    ImportRequirementFactory(
        hs=HsCodeFactory(code="060290"), origin=CountryFactory(code="AR"), required_treatment="溴甲烷熏蒸"
    )
    start = to_china().index(b"<ns1:AppliedSPSProcess>")
    end = to_china().index(b"</ns1:AppliedSPSProcess>") + len(b"</ns1:AppliedSPSProcess>")
    data = to_china()[:start] + to_china()[end:]
    ephyto_import(data=data, actor=inspector)
    assert any("溴甲烷熏蒸" in m for m in ephyto_mismatches(declaration))


def test_missing_consignor_is_an_error_and_nothing_is_stored(inspector):
    with pytest.raises(EphytoRejected) as exc:
        ephyto_import(data=without_consignor(), actor=inspector)
    assert any("ConsignorSPSParty" in m for m in _errors(exc))
    assert not PhytoCertificate.objects.exists()


def test_missing_certificate_number_is_an_error(inspector):
    with pytest.raises(EphytoRejected) as exc:
        ephyto_import(data=variant("<ns1:ID>123ABC</ns1:ID>", "<ns1:ID/>"), actor=inspector)
    assert any("SPSExchangedDocument/ID" in m for m in _errors(exc))


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (BILLION_LAUGHS, "DOCTYPE"),
        (EXTERNAL_ENTITY, "DOCTYPE"),
        (b"%PDF-1.4 not a certificate", "XML"),
        (b"", "empty"),
    ],
    ids=["billion-laughs", "external-entity", "not-xml", "empty"],
)
def test_hostile_or_non_xml_input_is_refused(inspector, data, words, settings):
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(EphytoRejected) as exc:
        ephyto_import(data=data, actor=inspector)
    assert words in _errors(exc)[0]
    assert not PhytoCertificate.objects.exists()


def test_truncated_certificate_is_refused_as_truncated(inspector):
    with pytest.raises(EphytoRejected) as exc:
        ephyto_import(data=certificate_bytes()[:4000], actor=inspector)
    assert "truncated" in _errors(exc)[0] or "截断" in _errors(exc)[0]


def test_external_entity_is_never_resolved():
    from guomen.declarations.ephyto_parse import EphytoRefused

    with pytest.raises(EphytoRefused) as exc:
        read_certificate(EXTERNAL_ENTITY)
    assert "root:" not in str(exc.value)


def test_same_file_twice_gives_back_the_stored_certificate(orgs, inspector):
    matching_declaration(orgs["WJD"])
    first = ephyto_import(data=to_china(), actor=inspector)
    second = ephyto_import(data=to_china(), actor=inspector)
    assert not second.created and second.certificate.pk == first.certificate.pk
    assert PhytoCertificate.objects.count() == 1


def test_declaration_out_of_reach_is_refused(orgs, other_inspector):
    declaration = matching_declaration(orgs["WJD"])
    with pytest.raises(ValidationFailed) as exc:
        ephyto_import(data=to_china(), actor=other_inspector, declaration_number=declaration.number)
    assert "declaration" in exc.value.fields


def test_roles_without_the_action_cannot_import(orgs, make_user):
    from guomen.accounts.choices import Role

    with pytest.raises(PermissionDenied):
        ephyto_import(data=to_china(), actor=make_user(Role.LAB_ANALYST, orgs["WJD"]))


def test_unmatched_certificate_is_kept_without_a_declaration(orgs, inspector):
    report = ephyto_import(data=to_china(), actor=inspector)
    assert report.certificate.declaration is None
    assert report.certificate.org == orgs["WJD"]
