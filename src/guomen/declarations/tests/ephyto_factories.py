"""The shared ePhyto test certificate (MIT, Norwegian Food Safety Authority — see ephyto_xsd/LICENCE.md),
variants of it, and a declaration it belongs to."""

from decimal import Decimal
from pathlib import Path

from guomen.catalog.tests.factories import CountryFactory, HsCodeFactory
from guomen.declarations.models import DeclarationDocument
from guomen.declarations.tests.factories import DeclarationFactory, DeclarationLineFactory

CERTIFICATE = Path(__file__).parent / "data" / "ephyto-SPSCertificateContent.xml"


def certificate_bytes() -> bytes:
    return CERTIFICATE.read_bytes()


def variant(old: str, new: str, data: bytes | None = None) -> bytes:
    """The certificate with one piece of text replaced (the piece must occur)."""
    data = certificate_bytes() if data is None else data
    assert old.encode() in data, old
    return data.replace(old.encode(), new.encode())


def without_consignor() -> bytes:
    data = certificate_bytes()
    start = data.index(b"<ns1:ConsignorSPSParty>")
    end = data.index(b"</ns1:ConsignorSPSParty>") + len(b"</ns1:ConsignorSPSParty>")
    return data[:start] + data[end:]


def to_china(data: bytes | None = None) -> bytes:
    """The certificate as if issued for import into China (the original goes to Ecuador)."""
    return variant("<ns1:ID>EC</ns1:ID>", "<ns1:ID>CN</ns1:ID>", data)


def matching_declaration(port, *, number="123ABC", origin="AR", weight="10", **kwargs):
    """An import of Ribes plants from Argentina whose phytosanitary certificate is the shared one."""
    declaration = DeclarationFactory(port=port, origin_country=CountryFactory(code=origin), **kwargs)
    DeclarationLineFactory(
        declaration=declaration,
        line_no=1,
        hs=HsCodeFactory(code="060290", name_en="Other live plants", name_zh="其他活植物"),
        description="茶藨子苗 Ribes",
        quantity=Decimal("100"),
        unit="bag",
        net_weight_kg=Decimal(weight),
    )
    DeclarationDocument.objects.create(
        declaration=declaration, type="phytosanitary_certificate", number=number
    )
    return declaration


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<SPSCertificate>&lol4;</SPSCertificate>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<SPSCertificate><SPSExchangedDocument><ID>&xxe;</ID></SPSExchangedDocument></SPSCertificate>"""
