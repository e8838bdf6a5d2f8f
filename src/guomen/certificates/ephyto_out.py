"""The ePhyto of a phytosanitary certificate: UN/CEFACT SPSCertificate XML built from the record with lxml.

The reading side (`declarations.ephyto_parse`) gives the namespaces and the IPPC hub schemas; what is written
here is validated against the same schemas with lxml before it is stored, and reads back through
`guomen import-ephyto` field for field. Data the certificate needs but the record lacks (the destination
country, a line's botanical name, quantity or weight) refuses it with each gap named: no file is written.
"""

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from guomen.core.errors import ValidationFailed
from guomen.declarations.ephyto_parse import KNOWN_NAMESPACES, XSD_ROOT

from .kinds import botanical_name
from .treatments import Treatment

RSM = KNOWN_NAMESPACES["rsm"]
RAM = KNOWN_NAMESPACES["ram"]
UDT = KNOWN_NAMESPACES["udt"]
NSMAP = {"rsm": RSM, "ram": RAM, "udt": UDT}
TYPE_PHYTOSANITARY = "851"
STATUS_ISSUED = "70"
EXPORT_COUNTRY = "CN"
NPPO = "General Administration of Customs of the People's Republic of China"
STATEMENT = (
    "This is to certify that the plants, plant products or other regulated articles described herein have been "
    "inspected and/or tested according to appropriate official procedures and are considered to be free from "
    "the quarantine pests specified by the importing contracting party and to conform with the current "
    "phytosanitary requirements of the importing contracting party, including those for regulated non-quarantine "
    "pests."
)
# UN/ECE Recommendation 19 modes of transport
MODE_CODES = {"vessel": "1", "container": "1", "truck": "3", "air": "4", "mail": "5"}
MEANS_NAMES = {
    "vessel": "Vessel",
    "container": "Container vessel",
    "truck": "Truck",
    "air": "Aircraft",
    "mail": "Mail",
}
# UN/ECE Recommendation 21 package types
PACKAGE_CODES = {
    "carton": "CT",
    "box": "BX",
    "bag": "BG",
    "basket": "BK",
    "tray": "PU",
    "crate": "CR",
    "pallet": "PX",
}


class EphytoIncomplete(ValidationFailed):
    """The record lacks data an ePhyto must carry; `fields` names each gap."""

    code = "ephyto_incomplete"

    def __init__(self, missing: dict[str, str]):
        super().__init__(
            _("The ePhyto cannot be generated because data is missing: %(what)s")
            % {"what": " ".join(str(m) for m in missing.values())},
            fields=missing,
        )


@lru_cache(maxsize=1)
def hub_xml_schema() -> etree.XMLSchema:
    """The IPPC hub schema compiled by lxml, read from the package only (never the network)."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(XSD_ROOT), parser))


def schema_errors(xml: bytes) -> list[str]:
    schema = hub_xml_schema()
    doc = etree.fromstring(xml, etree.XMLParser(no_network=True, resolve_entities=False))
    if schema.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]


@dataclass
class EphytoLine:
    description: str
    common_name: str
    scientific_name: str
    hs_code: str
    net_weight_kg: Decimal
    quantity: Decimal
    package: str


def _number(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")


REGION_NAMES = {"HK": "Hong Kong, China", "MO": "Macao, China", "TW": "Taiwan, China"}


def consignee_country_name(code: str) -> str:
    """The English name of an ISO 3166 country code (the last address line of the consignee abroad)."""
    import pycountry

    if code in REGION_NAMES:
        return REGION_NAMES[code]
    found = pycountry.countries.get(alpha_2=code) if code else None
    return getattr(found, "name", "") if found is not None else code


def address_lines(address: str) -> list[str]:
    """The address as at most four lines (LineOne…LineFour; LineFive is the country)."""
    lines = [part.strip() for part in address.replace("\r", "\n").split("\n") if part.strip()]
    return [*lines[:3], " ".join(lines[3:])] if len(lines) > 4 else lines


def missing_data(declaration, lines) -> dict[str, str]:
    """{field: what is missing} for the ePhyto of these declaration lines (empty when nothing is)."""
    missing = {}
    if not declaration.destination_country_id:
        missing["destination_country"] = _("The destination country of the declaration is missing.")
    if not (declaration.consignor_name or declaration.declarant.name_zh or declaration.declarant.name_en):
        missing["consignor"] = _("The consignor's name is missing.")
    if not (declaration.foreign_consignee_name and declaration.foreign_consignee_address):
        missing["foreign_consignee"] = _("The consignee abroad (name and address) is missing.")
    if not lines:
        missing["lines"] = _("No declaration line is a plant product.")
    for line in lines:
        prefix = f"lines.{line.line_no}."
        if botanical_name(line.hs_id, line.description) is None:
            missing[prefix + "botanical_name"] = _(
                "Line %(n)s (HS %(hs)s): the botanical name of the plant is not known."
            ) % {"n": line.line_no, "hs": line.hs_id}
        if not line.net_weight_kg or line.net_weight_kg <= 0:
            missing[prefix + "net_weight_kg"] = _("Line %(n)s: the net weight is missing.") % {
                "n": line.line_no
            }
        if not line.quantity or line.quantity <= 0 or not line.unit:
            missing[prefix + "quantity"] = _("Line %(n)s: the number of packages is missing.") % {
                "n": line.line_no
            }
    return missing


def _sub(parent, ns: str, tag: str, text=None, **attrs):
    el = etree.SubElement(parent, f"{{{ns}}}{tag}", {k: v for k, v in attrs.items() if v})
    if text is not None:
        el.text = str(text)
    return el


LINE_TAGS = ("LineOne", "LineTwo", "LineThree", "LineFour", "LineFive")


def _party(parent, tag: str, name: str, *, code: str = "", address: str = "", country: str = "") -> None:
    party = _sub(parent, RAM, tag)
    _sub(party, RAM, "Name", name)
    if code:
        _sub(party, RAM, "TypeCode", code, listName="NationalRegistrationNumber")
    lines = address_lines(address)
    if country:  # the hub's address has no country element: the country's name is the last line
        lines.append(consignee_country_name(country))
    if lines:
        node = _sub(party, RAM, "SpecifiedSPSAddress")
        for line_tag, text in zip(LINE_TAGS, lines, strict=False):
            _sub(node, RAM, line_tag, text)


def _characteristic(process, code: str, text: str = "", *, value=None, unit: str = "") -> None:
    node = _sub(process, RAM, "ApplicableSPSProcessCharacteristic")
    _sub(node, RAM, "Description", code)
    if text:
        _sub(node, RAM, "Description", text, languageID="en" if text.isascii() else "zh")
    if value is not None:
        _sub(node, RAM, "ValueMeasure", _number(value), unitCode=unit)


def _process(item, treatment: Treatment) -> None:
    """One AppliedSPSProcess (hub schema: TypeCode?, CompletionSPSPeriod?, ApplicableSPSProcessCharacteristic*)."""
    process = _sub(item, RAM, "AppliedSPSProcess")
    if treatment.completed_on:
        period = _sub(process, RAM, "CompletionSPSPeriod")
        _sub(_sub(period, RAM, "StartDateTime"), UDT, "DateTimeString", treatment.completed_on)
        _sub(_sub(period, RAM, "EndDateTime"), UDT, "DateTimeString", treatment.completed_on)
    _characteristic(process, "TTFT", treatment.name_en)
    if treatment.chemical:
        _characteristic(process, "TTCH", treatment.chemical)
    if treatment.concentration is not None:
        _characteristic(process, "TTCO", value=treatment.concentration, unit="A93")  # g/m³ (UN/ECE Rec 20)
    if treatment.temperature is not None:
        _characteristic(process, "TTTM", value=treatment.temperature, unit="CEL")
    if treatment.duration is not None:
        _characteristic(process, "TTDU", value=treatment.duration, unit=treatment.duration_unit)
    if treatment.information:
        _characteristic(process, "TTAI", treatment.information)


def _country(parent, tag: str, country) -> None:
    node = _sub(parent, RAM, tag)
    _sub(node, RAM, "ID", country.code)
    _sub(node, RAM, "Name", country.name_en)


def _line(parent, seq: int, line, origin, treatments) -> None:
    common, scientific = botanical_name(line.hs_id, line.description)
    item = _sub(parent, RAM, "IncludedSPSTradeLineItem")
    _sub(item, RAM, "SequenceNumeric", seq)
    _sub(item, RAM, "Description", line.description, languageID="zh")
    if line.hs.name_en:
        _sub(item, RAM, "Description", line.hs.name_en[:500], languageID="en")
    _sub(item, RAM, "CommonName", common, languageID="en")
    _sub(item, RAM, "ScientificName", scientific)
    _sub(item, RAM, "NetWeightMeasure", _number(line.net_weight_kg), unitCode="KGM")
    classification = _sub(item, RAM, "ApplicableSPSClassification")
    _sub(classification, RAM, "SystemName", "HS")
    _sub(classification, RAM, "ClassCode", line.hs_id)
    package = _sub(item, RAM, "PhysicalSPSPackage")
    _sub(package, RAM, "LevelCode", 1)
    _sub(package, RAM, "TypeCode", PACKAGE_CODES.get(line.unit.strip().lower(), "PK"))
    _sub(package, RAM, "ItemQuantity", _number(line.quantity))
    _country(item, "OriginSPSCountry", origin)
    for treatment in treatments:
        _process(item, treatment)


def build_ephyto(*, certificate, declaration, lines, treatments=()) -> bytes:
    """The SPSCertificate XML of `certificate` for `lines` of `declaration`, valid against the hub schema, with
    the `treatments` the goods went through (`treatments.treatments_of_declaration`) on every line.

    Raises EphytoIncomplete naming every gap when the record cannot make a complete certificate.
    """
    missing = missing_data(declaration, lines)
    if missing:
        raise EphytoIncomplete(missing)
    issued = timezone.localtime(certificate.issued_at).replace(microsecond=0).isoformat()
    root = etree.Element(f"{{{RSM}}}SPSCertificate", nsmap=NSMAP)
    doc = _sub(root, RSM, "SPSExchangedDocument")
    _sub(doc, RAM, "Name", "Phytosanitary Certificate")
    _sub(doc, RAM, "ID", certificate.number)
    _sub(doc, RAM, "TypeCode", TYPE_PHYTOSANITARY)
    _sub(doc, RAM, "StatusCode", STATUS_ISSUED)
    _sub(_sub(doc, RAM, "IssueDateTime"), UDT, "DateTimeString", issued)
    _sub(_sub(doc, RAM, "IssuerSPSParty"), RAM, "Name", NPPO)
    for text in certificate.additional_declarations:
        note = _sub(doc, RAM, "IncludedSPSNote")
        _sub(note, RAM, "Subject", "ADEDL")
        _sub(note, RAM, "Content", text, languageID="zh")
    if certificate.replaces_id:
        note = _sub(doc, RAM, "IncludedSPSNote")
        _sub(note, RAM, "Subject", "ADRPN")
        _sub(note, RAM, "Content", certificate.replaces.number)
    signatory = _sub(doc, RAM, "SignatorySPSAuthentication")
    _sub(_sub(signatory, RAM, "ActualDateTime"), UDT, "DateTimeString", issued)
    _sub(
        _sub(signatory, RAM, "IssueSPSLocation"), RAM, "Name", certificate.org.name_en or certificate.org.name
    )
    provider = _sub(signatory, RAM, "ProviderSPSParty")
    _sub(provider, RAM, "Name", NPPO)
    if certificate.issued_by_id:
        person = _sub(provider, RAM, "SpecifiedSPSPerson")
        _sub(
            person, RAM, "Name", certificate.issued_by.get_full_name() or certificate.issued_by.get_username()
        )
    clause = _sub(signatory, RAM, "IncludedSPSClause")
    _sub(clause, RAM, "ID", 1)
    _sub(clause, RAM, "Content", STATEMENT)

    consignment = _sub(root, RSM, "SPSConsignment")
    declarant = declaration.declarant
    _party(
        consignment,
        "ConsignorSPSParty",
        declaration.consignor_name or declarant.name_en or declarant.name_zh,
        code=declarant.uscc,
        address=declarant.address,
    )
    _party(
        consignment,
        "ConsigneeSPSParty",
        declaration.foreign_consignee_name,
        address=declaration.foreign_consignee_address,
        country=declaration.foreign_consignee_country,
    )
    export = _sub(consignment, RAM, "ExportSPSCountry")
    _sub(export, RAM, "ID", EXPORT_COUNTRY)
    _sub(export, RAM, "Name", "China")
    _country(consignment, "ImportSPSCountry", declaration.destination_country)
    movement = _sub(consignment, RAM, "MainCarriageSPSTransportMovement")
    if declaration.transport_id:
        _sub(movement, RAM, "ID", declaration.transport_id)
    _sub(movement, RAM, "ModeCode", MODE_CODES.get(declaration.transport, "9"))
    _sub(
        _sub(movement, RAM, "UsedSPSTransportMeans"),
        RAM,
        "Name",
        MEANS_NAMES.get(declaration.transport, "Other"),
    )
    items = _sub(consignment, RAM, "IncludedSPSConsignmentItem")
    for seq, line in enumerate(lines, start=1):
        _line(items, seq, line, declaration.origin_country, treatments)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    errors = schema_errors(xml)
    if errors:  # a bug here, not the user's data: never store it
        raise ValidationFailed(
            _("The generated ePhyto does not conform to the hub schema."), fields={"ephyto": errors[:20]}
        )
    return xml
