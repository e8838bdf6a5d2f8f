"""Checking a declaration before anything is written: every bad field is named, with a dotted path.

`submission_clean(...)` returns a CleanSubmission or raises one ValidationFailed naming every problem
("port", "declarant_uscc", "lines.0.hs_code", "documents.1.type"...). Values may come as text (web form,
CSV) or as typed values (API): both are accepted.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pycountry
from django.utils.translation import gettext as _

from guomen.accounts.choices import OrgKind, Role
from guomen.accounts.models import OrgUnit
from guomen.catalog import selectors as catalog_selectors
from guomen.catalog.models import Country, HsCode
from guomen.core.errors import ValidationFailed
from guomen.core.permissions import org_in_scope
from guomen.core.refcache import ReferenceCache
from guomen.registry import selectors as registry_selectors
from guomen.registry import services as registry_services
from guomen.registry.choices import FilingStatus

from .choices import Direction, DocumentType, Transport

ARRIVAL_PAST_DAYS = 30  # a consignment may be declared up to 30 days after it arrived
ARRIVAL_FUTURE_DAYS = 90  # and up to 90 days before it arrives
MAX_LINES = 200
# ports, countries and HS codes as an intake names them, kept in memory (core.refcache): no statement for them
PORTS = ReferenceCache("intake.ports", (OrgUnit,))
COUNTRIES = ReferenceCache("intake.countries", (Country,))
HS_CODES = ReferenceCache("intake.hs", (HsCode,))
# (max digits before the decimal point, decimal places) of each amount column
AMOUNT_LIMITS = {"quantity": (11, 3), "net_weight_kg": (11, 3), "value": (14, 2)}


@dataclass
class CleanLine:
    hs: object
    description: str
    quantity: Decimal
    unit: str
    net_weight_kg: Decimal
    value: Decimal
    currency: str
    production_bases: list = field(default_factory=list)


@dataclass
class CleanDocument:
    type: str
    number: str
    issued_on: dt.date | None = None


@dataclass
class CleanSubmission:
    direction: str
    port: OrgUnit
    declarant: object
    consignee: object
    consignor_name: str
    origin_country: object
    destination_country: object
    transport: str
    transport_id: str
    arrival_date: dt.date
    lines: list[CleanLine]
    documents: list[CleanDocument]
    foreign_consignee_name: str = ""
    foreign_consignee_address: str = ""
    foreign_consignee_country: str = ""


class _Errors(dict):
    def add(self, name: str, message: str) -> None:
        self.setdefault(name, []).append(str(message))


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _date(value, name: str, errors: _Errors) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        errors.add(name, _("Enter a date as YYYY-MM-DD."))
        return None


def _amount(value, name: str, column: str, errors: _Errors) -> Decimal | None:
    text = _text(value).replace(",", "")
    if not text:
        errors.add(name, _("This field is required."))
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        errors.add(name, _("Enter a number."))
        return None
    if not number.is_finite():
        errors.add(name, _("Enter a number."))
        return None
    if number <= 0:
        errors.add(name, _("Must be greater than zero."))
        return None
    int_digits, places = AMOUNT_LIMITS[column]
    if number >= Decimal(10) ** int_digits:
        errors.add(name, _("The number is too large."))
        return None
    return number.quantize(Decimal(1).scaleb(-places))


def _uscc(value, name: str, errors: _Errors, *, required: bool) -> str | None:
    text = _text(value)
    if not text:
        if required:
            errors.add(name, _("This field is required."))
        return None
    try:
        return registry_services.uscc_validate(text)
    except ValidationFailed as exc:
        for message in exc.fields.get("uscc") or [str(exc.message)]:
            errors.add(name, message)
        return None


def _enterprise(uscc: str | None, name: str, errors: _Errors, found: dict):
    if uscc is None:
        return None
    enterprise = found.get(uscc)
    if enterprise is None:
        errors.add(name, _("No enterprise with the credit code %(uscc)s is on file.") % {"uscc": uscc})
        return None
    if enterprise.filing_status in (FilingStatus.SUSPENDED, FilingStatus.REVOKED):
        errors.add(
            name,
            _("The filing of %(name)s is %(status)s; it cannot declare.")
            % {"name": enterprise.name_zh, "status": enterprise.get_filing_status_display()},
        )
    return enterprise


def _country(value, name: str, errors: _Errors, *, required: bool):
    text = _text(value)
    if not text:
        if required:
            errors.add(name, _("This field is required."))
        return None
    country = COUNTRIES.get(text, lambda: catalog_selectors.country_resolve(text))
    if country is None:
        errors.add(name, _("Unknown country or region: %(value)s.") % {"value": text})
    return country


def _port(value, errors: _Errors) -> OrgUnit | None:
    text = _text(value).upper()
    if not text:
        errors.add("port", _("This field is required."))
        return None
    port = PORTS.get(text, lambda: OrgUnit.objects.filter(code=text, kind=OrgKind.PORT).first())
    if port is None:
        errors.add("port", _("Unknown port: %(code)s.") % {"code": text})
    return port


def _choice(value, name: str, choices, errors: _Errors) -> str:
    text = _text(value).lower()
    if text not in choices.values:
        errors.add(
            name, _("Choose one of: %(values)s.") % {"values": ", ".join(str(v) for v in choices.values)}
        )
    return text


def _clean_line(index: int, data: dict, errors: _Errors, hs_cache: dict, base_map: dict) -> CleanLine:
    prefix = f"lines.{index}."
    code = _text(data.get("hs_code")).replace(".", "").replace(" ", "")
    hs = None
    if not code:
        errors.add(prefix + "hs_code", _("This field is required."))
    else:
        if code not in hs_cache:
            hs_cache[code] = HS_CODES.get(code, lambda: catalog_selectors.hs_resolve(code))
        hs = hs_cache[code]
        if hs is None:
            message = _("Unknown HS code: %(code)s (6 or 10 digits).") % {"code": code}
            nearest = catalog_selectors.hs_suggestions(code)
            if nearest:
                message += " " + _("Nearest valid codes: %(codes)s.") % {
                    "codes": "、".join(f"{h.code} {h.name_zh or h.name_en}".strip() for h in nearest)
                }
            errors.add(prefix + "hs_code", message)
    description = _text(data.get("description"))
    if not description:
        errors.add(prefix + "description", _("This field is required."))
    elif len(description) > 200:
        errors.add(prefix + "description", _("At most 200 characters."))
    unit = _text(data.get("unit"))
    if not unit:
        errors.add(prefix + "unit", _("This field is required."))
    elif len(unit) > 20:
        errors.add(prefix + "unit", _("At most 20 characters."))
    amounts = {c: _amount(data.get(c), prefix + c, c, errors) for c in AMOUNT_LIMITS}
    currency = _text(data.get("currency") or "USD").upper()
    if len(currency) != 3 or pycountry.currencies.get(alpha_3=currency) is None:
        errors.add(
            prefix + "currency",
            _("Unknown currency: %(code)s (use an ISO 4217 code such as USD).") % {"code": currency},
        )
    bases = []
    for base_code in _codes(data.get("production_base_codes")):
        base = base_map.get(base_code)
        if base is None:
            errors.add(
                prefix + "production_base_codes",
                _("Unknown production base registration code: %(code)s.") % {"code": base_code},
            )
        elif base not in bases:
            bases.append(base)
    return CleanLine(
        hs,
        description,
        amounts["quantity"],
        unit,
        amounts["net_weight_kg"],
        amounts["value"],
        currency,
        bases,
    )


def _codes(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        value = value.replace(";", ",").replace("，", ",").replace(" ", ",").split(",")
    return [str(v).strip() for v in value if str(v).strip()]


def _clean_document(index: int, data: dict, errors: _Errors, today: dt.date) -> CleanDocument:
    prefix = f"documents.{index}."
    doc_type = _choice(data.get("type"), prefix + "type", DocumentType, errors)
    number = _text(data.get("number"))
    if not number:
        errors.add(prefix + "number", _("This field is required."))
    elif len(number) > 60:
        errors.add(prefix + "number", _("At most 60 characters."))
    issued_on = _date(data.get("issued_on"), prefix + "issued_on", errors)
    if issued_on and issued_on > today:
        errors.add(prefix + "issued_on", _("A document cannot be issued in the future."))
    return CleanDocument(doc_type, number, issued_on)


def country_code(value) -> str | None:
    """The ISO 3166-1 alpha-2 code of a code (alpha-2 or alpha-3) or an English name, checked with pycountry."""
    text = _text(value)
    if not text:
        return None
    found = pycountry.countries.get(alpha_2=text.upper()) if len(text) == 2 else None
    if found is None and len(text) == 3:
        found = pycountry.countries.get(alpha_3=text.upper())
    if found is None and len(text) > 3:
        try:
            found = pycountry.countries.lookup(text)
        except LookupError:
            found = None
    return found.alpha_2 if found is not None else None


def _foreign_consignee(data: dict, direction: str, needs_it: bool, errors: _Errors) -> tuple[str, str, str]:
    """Name, address and ISO country of the consignee abroad: an export's; all three for goods that get a
    phytosanitary certificate (`needs_it`), name and country whenever any of them is given."""
    name = _text(data.get("foreign_consignee_name"))
    address = _text(data.get("foreign_consignee_address"))
    raw_country = _text(data.get("foreign_consignee_country"))
    if not (name or address or raw_country):
        if needs_it:
            message = _("Plant products get a phytosanitary certificate: name the consignee abroad.")
            for field_name in (
                "foreign_consignee_name",
                "foreign_consignee_address",
                "foreign_consignee_country",
            ):
                errors.add(field_name, message)
        return "", "", ""
    if direction and direction != Direction.EXPORT:
        errors.add("foreign_consignee_name", _("Only an export declaration names a consignee abroad."))
        return "", "", ""
    if not name:
        errors.add("foreign_consignee_name", _("This field is required."))
    elif len(name) > 200:
        errors.add("foreign_consignee_name", _("At most 200 characters."))
    if not address and needs_it:
        errors.add("foreign_consignee_address", _("This field is required."))
    elif len(address) > 500:
        errors.add("foreign_consignee_address", _("At most 500 characters."))
    country = ""
    if not raw_country:
        errors.add("foreign_consignee_country", _("This field is required."))
    else:
        country = country_code(raw_country) or ""
        if not country:
            errors.add(
                "foreign_consignee_country",
                _("Unknown country: %(value)s (use an ISO 3166 code such as JP).") % {"value": raw_country},
            )
    return name, address, country


def _check_actor(actor, port, declarant, errors: _Errors) -> None:
    """Enterprise users declare only for their own enterprise; staff and systems only at their ports."""
    if actor is None or actor.is_superuser:
        return
    if actor.role == Role.ENTERPRISE or (actor.role == Role.SYSTEM and actor.enterprise_id):
        if declarant is not None and declarant.pk != actor.enterprise_id:
            errors.add("declarant_uscc", _("You may only declare for your own enterprise."))
        if actor.role == Role.ENTERPRISE:
            return
    if port is not None and not org_in_scope(actor, port):
        errors.add("port", _("This port is outside your jurisdiction."))


def submission_clean(*, actor, today: dt.date, data: dict, phyto_needed=None) -> CleanSubmission:
    """`phyto_needed(hs_codes)` (given by the clearance flow) says whether goods get a phytosanitary certificate,
    which must name the consignee abroad."""
    errors = _Errors()
    direction = _choice(data.get("direction"), "direction", Direction, errors)
    transport = _choice(data.get("transport"), "transport", Transport, errors)
    port = _port(data.get("port_code"), errors)
    usccs = {
        "declarant_uscc": _uscc(data.get("declarant_uscc"), "declarant_uscc", errors, required=True),
        "consignee_uscc": _uscc(data.get("consignee_uscc"), "consignee_uscc", errors, required=False),
    }
    found = registry_selectors.enterprises_by_usccs(c for c in usccs.values() if c)  # both in one statement
    declarant = _enterprise(usccs["declarant_uscc"], "declarant_uscc", errors, found)
    consignee = _enterprise(usccs["consignee_uscc"], "consignee_uscc", errors, found)
    origin = _country(data.get("origin_country"), "origin_country", errors, required=True)
    destination = _country(data.get("destination_country"), "destination_country", errors, required=False)
    consignor_name = _text(data.get("consignor_name"))
    if len(consignor_name) > 200:
        errors.add("consignor_name", _("At most 200 characters."))
    transport_id = _text(data.get("transport_id"))
    if len(transport_id) > 60:
        errors.add("transport_id", _("At most 60 characters."))
    arrival = _date(data.get("arrival_date"), "arrival_date", errors)
    if arrival is None and "arrival_date" not in errors:
        errors.add("arrival_date", _("This field is required."))
    elif arrival is not None and not (
        today - dt.timedelta(days=ARRIVAL_PAST_DAYS)
        <= arrival
        <= today + dt.timedelta(days=ARRIVAL_FUTURE_DAYS)
    ):
        errors.add(
            "arrival_date",
            _("The arrival date must lie between %(past)d days ago and %(future)d days ahead.")
            % {"past": ARRIVAL_PAST_DAYS, "future": ARRIVAL_FUTURE_DAYS},
        )

    raw_lines = list(data.get("lines") or [])
    if not raw_lines:
        errors.add("lines", _("A declaration needs at least one line."))
    elif len(raw_lines) > MAX_LINES:
        errors.add("lines", _("At most %(n)d lines per declaration.") % {"n": MAX_LINES})
    all_codes = sorted({c for line in raw_lines for c in _codes(_get(line, "production_base_codes"))})
    base_map = registry_selectors.production_bases_by_codes(all_codes, related=False) if all_codes else {}
    hs_cache: dict = {}
    lines = [_clean_line(i, _as_dict(line), errors, hs_cache, base_map) for i, line in enumerate(raw_lines)]
    documents = [
        _clean_document(i, _as_dict(doc), errors, today) for i, doc in enumerate(data.get("documents") or [])
    ]
    needs_consignee = bool(
        phyto_needed
        and direction == Direction.EXPORT
        and phyto_needed([line.hs for line in lines if line.hs is not None])
    )
    consignee_abroad = _foreign_consignee(data, direction, needs_consignee, errors)
    _check_actor(actor, port, declarant, errors)
    if errors:
        raise ValidationFailed(fields=dict(errors))
    return CleanSubmission(
        direction=direction,
        port=port,
        declarant=declarant,
        consignee=consignee,
        consignor_name=consignor_name,
        origin_country=origin,
        destination_country=destination,
        transport=transport,
        transport_id=transport_id,
        arrival_date=arrival,
        lines=lines,
        documents=documents,
        foreign_consignee_name=consignee_abroad[0],
        foreign_consignee_address=consignee_abroad[1],
        foreign_consignee_country=consignee_abroad[2],
    )


def _as_dict(value) -> dict:
    return value if isinstance(value, dict) else {}


def _get(value, key):
    return value.get(key) if isinstance(value, dict) else None
