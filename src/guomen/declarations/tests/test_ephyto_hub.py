"""ePhyto as the IPPC hub delivers it: the envelope is unwrapped and kept; namespace faults are explained;
a certificate for another importing country is imported with a warning."""

import base64
from xml.sax.saxutils import escape

import pytest
from django.urls import reverse

from guomen.declarations.ephyto import EphytoRejected, ephyto_import
from guomen.declarations.ephyto_parse import read_certificate
from guomen.declarations.tests.ephyto_factories import certificate_bytes, matching_declaration, to_china

pytestmark = pytest.mark.django_db

HUB = "http://ephyto.ippc.int/HUB.Entities"


def header(*, sender="AR", to="CN", number="123ABC") -> str:
    return (
        f"<From>{sender}</From><To>{to}</To><CertificateType>851</CertificateType>"
        f"<CertificateStatus>70</CertificateStatus><NPPOCertificateNumber>{number}</NPPOCertificateNumber>"
        "<hubDeliveryNumber>c0ffee00-1d2e-4f5a-8b9c-0123456789ab</hubDeliveryNumber>"
        "<HUBTrackingInfo>PendingDelivery</HUBTrackingInfo>"
    )


def hub_envelope(content: str, **kw) -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n<Envelope xmlns="{HUB}">{header(**kw)}'
        f"<Content>{content}</Content></Envelope>"
    ).encode()


def certificate_text(data: bytes | None = None) -> str:
    return (data or to_china()).decode("utf-8")


def test_hub_envelope_with_escaped_content_is_read_as_its_certificate():
    cert = read_certificate(hub_envelope(escape(certificate_text())))
    assert (cert.number, cert.export_country, cert.import_country) == ("123ABC", "AR", "CN")
    assert cert.errors == []


def test_envelope_metadata_is_kept_with_the_imported_certificate(orgs, inspector):
    declaration = matching_declaration(orgs["WJD"])
    report = ephyto_import(data=hub_envelope(escape(certificate_text())), actor=inspector)
    envelope = report.certificate.envelope
    assert (envelope["from"], envelope["to"], envelope["nppo_certificate_number"]) == ("AR", "CN", "123ABC")
    assert envelope["hub_delivery_number"] == "c0ffee00-1d2e-4f5a-8b9c-0123456789ab"
    assert report.certificate.declaration == declaration


def test_ephyto_envelope_with_the_certificate_element_inside_is_read():
    inner = certificate_text().split("?>", 1)[1]
    data = f'<ePhytoEnvelope xmlns="http://ephyto.ippc.int/">{header()}{inner}</ePhytoEnvelope>'.encode()
    cert = read_certificate(data)
    assert cert.number == "123ABC" and cert.envelope["to"] == "CN"


def test_soap_response_around_a_base64_envelope_is_read():
    content = base64.b64encode(to_china()).decode()
    data = (
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        f'<PULLSingleImportEnvelopeResponse xmlns="http://ephyto.ippc.int/"><return xmlns="{HUB}">'
        f"{header()}<Content>{content}</Content></return></PULLSingleImportEnvelopeResponse>"
        "</soap:Body></soap:Envelope>"
    ).encode()
    cert = read_certificate(data)
    assert (cert.number, cert.envelope["from"]) == ("123ABC", "AR")


def test_envelope_without_content_is_refused_naming_sender_receiver_and_number(inspector):
    with pytest.raises(EphytoRejected) as exc:
        ephyto_import(data=hub_envelope("", sender="BO", to="CN", number="BO-2022-77"), actor=inspector)
    (message,) = exc.value.fields["file"]
    assert "BO" in message and "BO-2022-77" in message and "信封" in message


def test_undeclared_namespace_prefix_is_explained_in_words(inspector):
    data = certificate_bytes().replace(
        b'xmlns:ns1="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21"', b""
    )
    with pytest.raises(EphytoRejected) as exc:
        ephyto_import(data=data, actor=inspector)
    (message,) = exc.value.fields["file"]
    assert "“ns1”" in message and "xmlns:ns1" in message and "没有声明" in message


def test_certificate_for_another_importing_country_imports_with_a_warning(inspector):
    report = ephyto_import(data=certificate_bytes(), actor=inspector)
    assert report.created
    warnings = [w["message"] for w in report.warnings]
    assert any("EC" in w and "进口国" in w for w in warnings)


def test_certificate_for_china_gets_no_destination_warning(inspector):
    report = ephyto_import(data=to_china(), actor=inspector)
    assert not any("进口国" in w["message"] for w in report.warnings)


def test_envelope_announcing_another_number_is_a_warning():
    cert = read_certificate(hub_envelope(escape(certificate_text()), number="XYZ-1"))
    assert any("XYZ-1" in str(p.message) and "123ABC" in str(p.message) for p in cert.warnings)


def test_certificate_page_shows_who_sent_it_through_the_hub(orgs, inspector, client):
    matching_declaration(orgs["WJD"])
    report = ephyto_import(data=hub_envelope(escape(certificate_text()), sender="BO"), actor=inspector)
    client.force_login(inspector)
    page = client.get(reverse("declarations:ephyto_detail", args=[report.certificate.pk])).content.decode()
    assert "经 ePhyto 集线器送达" in page and "c0ffee00-1d2e-4f5a-8b9c-0123456789ab" in page
