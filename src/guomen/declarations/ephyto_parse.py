"""Reading an ePhyto certificate (UN/CEFACT SPSCertificate XML) safely, and saying what is wrong with it.

The XML is parsed by lxml with everything dangerous switched off (no DTD, no entity expansion, no
network, libxml2's size and depth limits kept), then checked against the IPPC hub schemas with
xmlschema. Every problem becomes a `Problem` in plain words: schema deviations (elements out of
order, elements or attributes the standard does not define) are warnings; what makes the
certificate unusable (not XML, truncated, hostile, no certificate number, no consignor...) is an error.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext as _
from lxml import etree

from .ephyto_envelope import NotACertificate, unwrap

XSD_ROOT = Path(__file__).resolve().parent / "ephyto_xsd" / "hub_schema_1.xsd"
MAX_BYTES = 5 * 1024 * 1024
BUREAU_COUNTRY = "CN"  # certificates for any other importing country are imported with a warning
MAX_PROBLEMS = 200
ERROR = "error"
WARNING = "warning"
KG_PER_UNIT = {
    "KGM": Decimal("1"),
    "TNE": Decimal("1000"),
    "GRM": Decimal("0.001"),
    "LBR": Decimal("0.45359237"),
}


@dataclass
class Problem:
    level: str
    message: str
    line: int | None = None

    def as_dict(self) -> dict:
        return {"level": self.level, "message": str(self.message), "line": self.line}


class EphytoRefused(Exception):
    """The input cannot be read as a certificate at all (not XML, truncated, hostile, too large)."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem.message))


@dataclass
class ParsedCertificate:
    number: str = ""
    type_code: str = ""
    status_code: str = ""
    issued: str = ""
    issuer: str = ""
    consignor_name: str = ""
    consignee_name: str = ""
    consignee_address: str = ""
    consignee_country: str = ""
    export_country: str = ""
    import_country: str = ""
    transport: str = ""
    items: list[dict] = field(default_factory=list)
    treatments: list[str] = field(default_factory=list)
    additional_declarations: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    envelope: dict = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]

    @property
    def net_weight_kg(self) -> Decimal | None:
        weights = [Decimal(i["net_weight_kg"]) for i in self.items if i.get("net_weight_kg") is not None]
        return sum(weights, Decimal(0)) if weights else None


# ---------------------------------------------------------------------------------------------- parsing


def _refuse(message, line=None):
    raise EphytoRefused(Problem(ERROR, message, line))


def _hostile(data: bytes) -> bool:
    """A DOCTYPE or ENTITY declaration: certificates never need one; attacks (billion laughs, XXE) do."""
    probes = [data]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(data) > 1 and (data[0] == 0 or data[1] == 0)):
        for codec in ("utf-16", "utf-16-le", "utf-16-be"):
            try:
                probes.append(data.decode(codec).encode("utf-8"))
                break
            except UnicodeDecodeError:
                continue
    return any(b"<!DOCTYPE" in p or b"<!ENTITY" in p for p in probes)


def safe_parse(data: bytes) -> etree._Element:
    """The root element, or EphytoRefused saying in plain words why the bytes are not acceptable."""
    if not data or not data.strip():
        _refuse(_("The file is empty."))
    if len(data) > MAX_BYTES:
        _refuse(
            _("The file is larger than %(mb)d MB; a certificate is much smaller.")
            % {"mb": MAX_BYTES // 2**20}
        )
    if _hostile(data):
        _refuse(
            _(
                "The file contains a DOCTYPE or ENTITY declaration. Certificates never need one and it can be "
                "used to attack the server, so the file is refused."
            )
        )
    start = data.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")[:1]
    if start not in (b"<", b"\x00"):
        _refuse(_("The file is not XML (it does not start with “<”). Upload the certificate's XML file."))
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
        collect_ids=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        text = str(exc.msg or "")
        if exc.code == NS_ERR_UNDEFINED_NAMESPACE:
            _refuse(_undeclared_prefix(text, exc.lineno, exc.offset), exc.lineno)
        at_end = (exc.lineno or 0) >= data.count(b"\n") + 1
        if at_end or "end of data" in text.lower() or "premature" in text.lower():
            _refuse(
                _("The XML ends too early (line %(line)s): the file is truncated.") % {"line": exc.lineno},
                exc.lineno,
            )
        _refuse(
            _("The file is not well-formed XML: line %(line)s, column %(col)s.")
            % {"line": exc.lineno, "col": exc.offset},
            exc.lineno,
        )
    except (ValueError, etree.LxmlError):
        _refuse(_("The file is not well-formed XML."))
    if root.getroottree().docinfo.doctype:
        _refuse(_("The file contains a DOCTYPE declaration, which certificates never need; it is refused."))
    return root


NS_ERR_UNDEFINED_NAMESPACE = 201
UNDECLARED = re.compile(r"Namespace prefix (\S+) (?:for (\S+) )?on (\S+) is not defined")
KNOWN_NAMESPACES = {
    "rsm": "urn:un:unece:uncefact:data:standard:SPSCertificate:17",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:21",
    "qdt": "urn:un:unece:uncefact:data:Standard:QualifiedDataType:21",
}


def _undeclared_prefix(text: str, line, col) -> str:
    """libxml2's "Namespace prefix ram on ID is not defined" in words, with the usual cause and the cure."""
    found = UNDECLARED.search(text)
    prefix, attribute, element = found.groups() if found else ("?", None, "?")
    where = (
        _("attribute %(prefix)s:%(attr)s of element %(elem)s")
        % {"prefix": prefix, "attr": attribute, "elem": element}
        if attribute
        else _("element %(prefix)s:%(elem)s") % {"prefix": prefix, "elem": element}
    )
    message = _(
        "Line %(line)s, column %(col)s: %(where)s uses the namespace prefix “%(prefix)s”, but the file never "
        'declares it (an xmlns:%(prefix)s="…" attribute is missing). This happens when a certificate is cut out '
        "of a larger document, such as the hub envelope, without the declarations on its outer elements. Upload "
        "the file as it was received."
    ) % {"line": line, "col": col, "where": where, "prefix": prefix}
    if prefix in KNOWN_NAMESPACES:
        message += " " + _("In SPSCertificate files “%(prefix)s” usually stands for %(uri)s.") % {
            "prefix": prefix,
            "uri": KNOWN_NAMESPACES[prefix],
        }
    return message


# ------------------------------------------------------------------------------------- schema validation


@lru_cache(maxsize=1)
def hub_schema():
    import xmlschema

    return xmlschema.XMLSchema(str(XSD_ROOT), allow="sandbox")


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else str(tag)


def _schema_problem(err) -> Problem:
    elem = err.elem
    line = getattr(elem, "sourceline", None) if elem is not None else None
    parent = _local(elem.tag) if elem is not None else "?"
    child = getattr(err, "invalid_child", None)
    validator = err.validator
    allowed = [e.local_name for e in validator.iter_elements()] if hasattr(validator, "iter_elements") else []
    if child is not None:
        name = _local(child.tag)
        line = getattr(child, "sourceline", None) or line
        if name in allowed:
            message = _(
                "Line %(line)s: element %(child)s inside %(parent)s is not in the order the standard sets."
            )
        else:
            message = _("Line %(line)s: element %(child)s is not defined by the standard inside %(parent)s.")
        return Problem(WARNING, message % {"line": line, "child": name, "parent": parent}, line)
    reason = str(err.reason or "")
    if "attribute not allowed" in reason:
        attr = reason.split("'")[1] if reason.count("'") >= 2 else "?"
        message = _("Line %(line)s: attribute %(attr)s is not defined by the standard for %(elem)s.")
        return Problem(WARNING, message % {"line": line, "attr": attr, "elem": parent}, line)
    expected = getattr(err, "expected", None)
    if expected:
        names = "、".join(_local(getattr(e, "name", e)) for e in expected)
        message = _("Line %(line)s: %(parent)s lacks an element the standard requires: %(names)s.")
        return Problem(WARNING, message % {"line": line, "parent": parent, "names": names}, line)
    message = _("Line %(line)s: the content of %(elem)s does not conform to the standard.")
    return Problem(WARNING, message % {"line": line, "elem": parent}, line)


def schema_problems(root) -> list[Problem]:
    problems = []
    import xmlschema

    resource = xmlschema.XMLResource(root, allow="none")  # already parsed; never fetch anything
    for err in hub_schema().iter_errors(resource):
        problems.append(_schema_problem(err))
        if len(problems) >= MAX_PROBLEMS:
            problems.append(Problem(WARNING, _("More deviations from the standard were not listed.")))
            break
    return problems


# -------------------------------------------------------------------------------------------- extraction


def _text(node, path: str) -> str:
    found = node.find(path) if node is not None else None
    return " ".join((found.text or "").split()) if found is not None and found.text else ""


def _texts(node, path: str) -> list[str]:
    return [" ".join((n.text or "").split()) for n in node.findall(path) if n.text and n.text.strip()]


def _weight_kg(node) -> str | None:
    if node is None or not (node.text or "").strip():
        return None
    try:
        value = Decimal(node.text.strip())
    except InvalidOperation:
        return None
    factor = KG_PER_UNIT.get((node.get("unitCode") or "KGM").upper())
    return format((value * factor).normalize(), "f") if factor is not None and value.is_finite() else None


TREATMENT_LABELS = {
    "TTFT": "type",
    "TTCH": "chemical",
    "TTCO": "concentration",
    "TTTM": "temperature",
    "TTDU": "duration",
    "TTAI": "information",
}


def _treatment(process) -> str:
    """One applied process as a readable line, or "" when it carries no details."""
    labels = {
        "type": _("type"),
        "chemical": _("chemical"),
        "concentration": _("concentration"),
        "temperature": _("temperature"),
        "duration": _("duration"),
        "information": _("information"),
    }
    parts = []
    for char in process.findall("{*}ApplicableSPSProcessCharacteristic"):
        descriptions = _texts(char, "{*}Description")
        key = TREATMENT_LABELS.get(descriptions[0] if descriptions else "")
        if key is None:
            continue
        values = descriptions[1:2]
        measure = char.find("{*}ValueMeasure")
        if measure is not None and (measure.text or "").strip():
            values.append(f"{measure.text.strip()} {measure.get('unitCode', '')}".strip())
        if values:
            parts.append(f"{labels[key]}: {values[0]}")
    period = process.find("{*}CompletionSPSPeriod")
    if period is not None and parts:
        start = _text(period, "{*}StartDateTime/{*}DateTimeString") or _text(period, "{*}StartDateTime")
        duration = period.find("{*}DurationMeasure")
        if start:
            parts.append(start)
        if duration is not None and (duration.text or "").strip():
            parts.append(
                f"{labels['duration']}: {duration.text.strip()} {duration.get('unitCode', '')}".strip()
            )
    return " · ".join(parts)


def _address(node) -> tuple[str, str]:
    """(address, ISO country) of a party's SpecifiedSPSAddress: the hub's address has no country element, so a
    last line that names a country (or is its ISO code) is taken as the country."""
    if node is None:
        return "", ""
    lines = [
        (child.text or "").strip()
        for child in node
        if _local(child.tag).startswith("Line") and (child.text or "").strip()
    ]
    country = ""
    if len(lines) > 1:
        import pycountry

        for name in (lines[-1], lines[-1].removesuffix(", China")):  # "Hong Kong, China"
            try:
                country = pycountry.countries.lookup(name).alpha_2
                break
            except LookupError:
                country = ""
        if country:
            lines = lines[:-1]
    return "\n".join(lines), country


def _item(node) -> dict:
    hs = ""
    for cls in node.findall("{*}ApplicableSPSClassification"):
        if _text(cls, "{*}SystemName").upper() == "HS" and _text(cls, "{*}ClassCode"):
            hs = "".join(ch for ch in _text(cls, "{*}ClassCode") if ch.isdigit())
            break
    packages = [
        {
            "type": _text(p, "{*}TypeCode"),
            "quantity": _text(p, "{*}ItemQuantity"),
            "level": _text(p, "{*}LevelCode"),
        }
        for p in node.findall("{*}PhysicalSPSPackage")
    ]
    notes = [
        f"{_text(n, '{*}Subject')}: {_text(n, '{*}Content')}".strip(": ")
        for n in node.iter("{*}AdditionalInformationSPSNote")
    ]
    descriptions = _texts(node, "{*}Description")
    return {
        "description": descriptions[0] if descriptions else "",
        "common_name": _text(node, "{*}CommonName"),
        "scientific_name": _text(node, "{*}ScientificName"),
        "hs_code": hs,
        "net_weight_kg": _weight_kg(node.find("{*}NetWeightMeasure")),
        "gross_weight_kg": _weight_kg(node.find("{*}GrossWeightMeasure")),
        "packages": packages,
        "origins": [c.upper() for c in _texts(node, "{*}OriginSPSCountry/{*}ID")],
        "notes": notes,
    }


def extract(root) -> ParsedCertificate:
    cert = ParsedCertificate()
    doc = root.find("{*}SPSExchangedDocument")
    consignment = root.find("{*}SPSConsignment")
    cert.number = _text(doc, "{*}ID")
    cert.type_code = _text(doc, "{*}TypeCode")
    cert.status_code = _text(doc, "{*}StatusCode")
    cert.issued = _text(doc, "{*}IssueDateTime/{*}DateTimeString") or _text(doc, "{*}IssueDateTime")
    cert.issuer = _text(doc, "{*}IssuerSPSParty/{*}Name")
    if doc is not None:
        for note in doc.findall("{*}IncludedSPSNote"):
            subject, content = _text(note, "{*}Subject"), _text(note, "{*}Content")
            if content:
                is_declaration = subject.startswith("AD") and not subject.startswith(("ADRP", "ADRD"))
                (cert.additional_declarations if is_declaration else cert.notes).append(content)
    if consignment is not None:
        cert.consignor_name = _text(consignment, "{*}ConsignorSPSParty/{*}Name")
        cert.consignee_name = _text(consignment, "{*}ConsigneeSPSParty/{*}Name")
        cert.consignee_address, cert.consignee_country = _address(
            consignment.find("{*}ConsigneeSPSParty/{*}SpecifiedSPSAddress")
        )
        cert.export_country = _text(consignment, "{*}ExportSPSCountry/{*}ID").upper()
        cert.import_country = _text(consignment, "{*}ImportSPSCountry/{*}ID").upper()
        means = [
            " ".join(filter(None, [_text(m, "{*}UsedSPSTransportMeans/{*}Name"), _text(m, "{*}ID")]))
            for m in consignment.findall("{*}MainCarriageSPSTransportMovement")
        ]
        cert.transport = "; ".join(m for m in means if m)
        for node in consignment.iter("{*}IncludedSPSTradeLineItem"):
            cert.items.append(_item(node))
            for process in node.findall("{*}AppliedSPSProcess"):
                if (line := _treatment(process)) and line not in cert.treatments:  # one per consignment
                    cert.treatments.append(line)
    return cert


def _required(cert: ParsedCertificate, root) -> list[Problem]:
    missing = []
    if _local(root.tag) != "SPSCertificate":
        return [
            Problem(
                ERROR,
                _("The root element is %(tag)s, not SPSCertificate: this is not a phytosanitary certificate.")
                % {"tag": _local(root.tag)},
                root.sourceline,
            )
        ]
    checks = [
        (cert.number, _("The certificate number (SPSExchangedDocument/ID) is missing.")),
        (cert.consignor_name, _("The consignor (ConsignorSPSParty/Name) is missing.")),
        (cert.export_country, _("The exporting country (ExportSPSCountry/ID) is missing.")),
        (cert.items, _("The certificate lists no consignment item (IncludedSPSTradeLineItem).")),
    ]
    missing = [Problem(ERROR, message) for value, message in checks if not value]
    if not cert.consignee_name:
        missing.append(Problem(WARNING, _("The consignee (ConsigneeSPSParty/Name) is missing.")))
    if not cert.issued:
        missing.append(Problem(WARNING, _("The issue date (IssueDateTime) is missing.")))
    return missing


def _destination_problems(cert: ParsedCertificate, importing_country: str) -> list[Problem]:
    """Warnings when the certificate (or its hub envelope) is addressed to another country than ours."""
    problems = []
    if cert.import_country and importing_country and cert.import_country != importing_country:
        problems.append(
            Problem(
                WARNING,
                _(
                    "The certificate names %(country)s as the importing country, not %(ours)s: it may have been "
                    "issued for another destination."
                )
                % {"country": cert.import_country, "ours": importing_country},
            )
        )
    envelope = cert.envelope
    to = envelope.get("to", "").upper()
    if to and cert.import_country and to != cert.import_country:
        problems.append(
            Problem(
                WARNING,
                _(
                    "The hub envelope was addressed to %(to)s but the certificate names %(country)s as importer."
                )
                % {"to": to, "country": cert.import_country},
            )
        )
    number = envelope.get("nppo_certificate_number", "")
    if number and cert.number and number != cert.number:
        problems.append(
            Problem(
                WARNING,
                _("The hub envelope announces certificate %(envelope)s but contains certificate %(number)s.")
                % {"envelope": number, "number": cert.number},
            )
        )
    return problems


def read_certificate(data: bytes, *, importing_country: str = BUREAU_COUNTRY) -> ParsedCertificate:
    """Parse, unwrap a hub envelope, validate and extract. Raises EphytoRefused when the bytes are not a
    readable XML document or an envelope carries no certificate."""
    outer = safe_parse(data)
    try:
        root, envelope = unwrap(outer, safe_parse)
    except NotACertificate as exc:
        raise EphytoRefused(Problem(ERROR, str(exc), exc.line)) from exc
    cert = extract(root)
    cert.envelope = envelope
    cert.problems = _required(cert, root)
    if _local(root.tag) == "SPSCertificate":
        cert.problems += _destination_problems(cert, importing_country)
        cert.problems += schema_problems(root)
    return cert
