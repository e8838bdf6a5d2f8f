"""The IPPC ePhyto hub's delivery envelope around a certificate.

The hub delivers an `Envelope` (namespace http://ephyto.ippc.int/HUB.Entities): a header — From, To,
CertificateType, CertificateStatus, NPPOCertificateNumber, hubDeliveryNumber, HUBTrackingInfo, Forwardings —
and the certificate in `Content`, as escaped XML text (sometimes Base64) or, in an `ePhytoEnvelope`, as the
SPSCertificate element itself. A SOAP envelope or a web-service response may wrap it once more. `unwrap` finds
the certificate and returns the header as plain data; the certificate is then read like any other.
"""

import base64
import binascii

from django.utils.translation import gettext as _
from lxml import etree

HEADER_FIELDS = {
    "From": "from",
    "To": "to",
    "CertificateType": "certificate_type",
    "CertificateStatus": "certificate_status",
    "NPPOCertificateNumber": "nppo_certificate_number",
    "hubDeliveryNumber": "hub_delivery_number",
    "HUBTrackingInfo": "hub_tracking_info",
    "hubDeliveryErrorMessage": "hub_delivery_error",
}
MAX_DEPTH = 4


class NotACertificate(Exception):
    """An envelope was found but it carries no certificate that can be read."""

    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(message)


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _children(node) -> list:
    return [c for c in node if isinstance(c.tag, str)]


def envelope_header(node) -> dict:
    """The hub header of an envelope element ({} when `node` is not a hub envelope)."""
    header = {}
    for child in _children(node):
        key = HEADER_FIELDS.get(_local(child.tag))
        if key:
            header[key] = " ".join((child.text or "").split())
        elif _local(child.tag) == "Forwardings":
            header["forwardings"] = [
                " ".join(" ".join(c.itertext()).split())
                for c in _children(child)
                if "".join(c.itertext()).strip()
            ]
    return header if {"from", "to"} <= header.keys() or "nppo_certificate_number" in header else {}


def _content_certificate(content, parse):
    """The certificate in a Content element: a child element, escaped XML text, or Base64 of the XML."""
    elements = _children(content)
    if elements:
        return elements[0]
    text = (content.text or "").strip()
    if not text:
        return None
    if text.startswith("<"):
        return parse(text.encode("utf-8"))
    try:
        decoded = base64.b64decode(text, validate=False)
    except (binascii.Error, ValueError):
        return None
    return parse(decoded) if decoded.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else None


def unwrap(root, parse, depth: int = 0) -> tuple[object, dict]:
    """(the SPSCertificate element, the hub header) for a certificate, an envelope or a wrapper around one.

    `parse` turns bytes into a root element (the safe parser). Anything that is neither is returned as it is,
    with an empty header, for the caller to refuse in its own words."""
    if _local(root.tag) == "SPSCertificate" or depth > MAX_DEPTH:
        return root, {}
    header = envelope_header(root)
    if header:
        inner = next((e for e in root.iter() if _local(e.tag) == "SPSCertificate"), None)
        if inner is None:
            content = next((c for c in _children(root) if _local(c.tag) == "Content"), None)
            inner = _content_certificate(content, parse) if content is not None else None
        if inner is None:
            raise NotACertificate(
                _(
                    "The file is an ePhyto hub envelope (from %(from)s to %(to)s, certificate %(number)s) but it "
                    "carries no certificate: its Content is empty or not XML."
                )
                % {
                    "from": header.get("from") or "?",
                    "to": header.get("to") or "?",
                    "number": header.get("nppo_certificate_number") or "?",
                },
                root.sourceline,
            )
        cert, deeper = unwrap(inner, parse, depth + 1)
        return cert, header | {k: v for k, v in deeper.items() if k not in header}
    for child in root.iterdescendants():
        if isinstance(child.tag, str) and (_local(child.tag) == "SPSCertificate" or envelope_header(child)):
            return unwrap(child, parse, depth + 1)
    return root, {}
