"""What an ePhyto certificate contradicts in its declaration, in sentences an inspector reads on the phone.

Checked: the certificate number against the declaration's phytosanitary certificate document, the
exporting country against the origin, the importing country (China), the commodity (HS code, or the
name when the certificate gives no HS code), the net weight, the treatment the import requirement
demands, and the production-base (orchard, packhouse) registration codes.
"""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from .choices import Direction, DocumentType

WEIGHT_TOLERANCE = Decimal("0.02")  # 2 %: scales at the two ends never agree to the kilogram
BASE_CODE = re.compile(
    r"(?:orchard|packhouse|packing\s*house|farm|PUC|PHC|registration|reg\.?\s*no|果园|包装厂|注册)"
    r"[^:：\n]{0,40}[:：#]?\s*((?:[A-Z0-9][A-Z0-9\-/.]{3,39}[,，;；\s]*)+)",
    re.IGNORECASE,
)
CODE = re.compile(r"[A-Z0-9][A-Z0-9\-/.]{3,39}", re.IGNORECASE)


def _norm(text: str) -> str:
    return re.sub(r"[\s\-_/]", "", (text or "").upper())


def certificate_base_codes(items: list[dict], declarations: list[str]) -> set[str]:
    """Registration codes named on the certificate (item notes, descriptions, additional declarations)."""
    texts = list(declarations)
    for item in items:
        texts.extend(item.get("notes") or [])
        texts.append(item.get("description") or "")
    codes = set()
    for text in texts:
        for match in BASE_CODE.finditer(text):
            codes.update(_norm(c) for c in CODE.findall(match.group(1)) if any(ch.isdigit() for ch in c))
    return codes


def _number_problems(cert, declaration, documents) -> list[str]:
    numbers = [d.number for d in documents if d.type == DocumentType.PHYTOSANITARY_CERTIFICATE]
    if not numbers:
        return [
            _("The declaration lists no phytosanitary certificate; the ePhyto number is %(number)s.")
            % {"number": cert.number}
        ]
    if _norm(cert.number) not in {_norm(n) for n in numbers}:
        return [
            _("Certificate number %(cert)s differs from the declared phytosanitary certificate %(declared)s.")
            % {"cert": cert.number, "declared": "、".join(numbers)}
        ]
    return []


def _country_problems(cert, declaration) -> list[str]:
    problems = []
    origin = declaration.origin_country
    if cert.export_country and cert.export_country != origin.code:
        problems.append(
            _("Exporting country on the certificate is %(cert)s, but the declared origin is %(origin)s.")
            % {"cert": cert.export_country, "origin": f"{origin.code} {origin.display_name}"}
        )
    if declaration.direction == Direction.IMPORT and cert.import_country and cert.import_country != "CN":
        problems.append(
            _("The certificate was issued for import into %(country)s, not China.")
            % {"country": cert.import_country}
        )
    return problems


def _item_matches_line(item: dict, line) -> bool:
    hs = item.get("hs_code") or ""
    if len(hs) >= 6:
        return hs[:6] == line.hs_id[:6]
    names = {(item.get("common_name") or "").lower(), (item.get("scientific_name") or "").lower()} - {""}
    line_names = " ".join([line.description, line.hs.name_en or "", line.hs.name_zh or ""]).lower()
    return any(n in line_names or line_names.strip() in n for n in names)


def _commodity_problems(cert, lines) -> list[str]:
    problems = []
    for item in cert.items:
        if not any(_item_matches_line(item, line) for line in lines):
            shown = item.get("hs_code") or item.get("common_name") or item.get("scientific_name") or "?"
            problems.append(
                _("Commodity %(item)s on the certificate matches no declared line (%(lines)s).")
                % {"item": shown, "lines": "、".join(f"{ln.hs_id} {ln.description}" for ln in lines) or "—"}
            )
    return problems


def _weight_problems(cert, lines) -> list[str]:
    weights = [Decimal(i["net_weight_kg"]) for i in cert.items if i.get("net_weight_kg") not in (None, "")]
    if not weights or not lines:
        return []
    on_cert = sum(weights, Decimal(0))
    declared = sum((ln.net_weight_kg for ln in lines), Decimal(0))
    if declared and abs(on_cert - declared) / declared <= WEIGHT_TOLERANCE:
        return []
    return [
        _("Net weight on the certificate is %(cert)s kg, the declaration says %(declared)s kg.")
        % {"cert": f"{on_cert.normalize():f}", "declared": f"{declared.normalize():f}"}
    ]


def _treatment_problems(cert, declaration, lines) -> list[str]:
    from guomen.catalog.models import ImportRequirement

    hs_codes = {ln.hs_id for ln in lines}
    required = (
        ImportRequirement.objects.filter(origin=declaration.origin_country, hs_id__in=hs_codes)
        .exclude(required_treatment="")
        .values_list("required_treatment", flat=True)
    )
    if cert.treatments:
        return []
    return [
        _("The import requirement demands treatment (%(treatment)s) but the certificate records none.")
        % {"treatment": treatment}
        for treatment in sorted(set(required))
    ]


def _base_problems(cert, lines) -> list[str]:
    declared = {_norm(b.code): b.code for ln in lines for b in ln.production_bases.all()}
    on_cert = certificate_base_codes(cert.items, cert.additional_declarations)
    if not declared and not on_cert:
        return []
    problems = []
    missing = [code for key, code in sorted(declared.items()) if key not in on_cert]
    if missing and on_cert:
        problems.append(
            _("Production bases declared but not on the certificate: %(codes)s.")
            % {"codes": "、".join(missing)}
        )
    elif missing:
        problems.append(
            _("The certificate names no orchard or packhouse codes; the declaration lists %(codes)s.")
            % {"codes": "、".join(missing)}
        )
    extra = sorted(on_cert - set(declared))
    if extra:
        problems.append(
            _("Production bases on the certificate but not declared: %(codes)s.")
            % {"codes": "、".join(extra)}
        )
    return problems


def certificate_mismatches(cert, declaration) -> list[str]:
    """Every contradiction between one certificate and the declaration it belongs to."""
    lines = list(
        declaration.lines.select_related("hs").prefetch_related("production_bases").order_by("line_no")
    )
    documents = list(declaration.documents.all())
    return [
        *_number_problems(cert, declaration, documents),
        *_country_problems(cert, declaration),
        *_commodity_problems(cert, lines),
        *_weight_problems(cert, lines),
        *_treatment_problems(cert, declaration, lines),
        *_base_problems(cert, lines),
    ]


def declaration_mismatches(declaration) -> list[str]:
    """Contradictions of every ePhyto certificate received for the declaration ([] when none arrived)."""
    certificates = list(declaration.phyto_certificates.order_by("id"))
    if len(certificates) == 1:
        return certificate_mismatches(certificates[0], declaration)
    return [
        f"{cert.number}: {problem}"
        for cert in certificates
        for problem in certificate_mismatches(cert, declaration)
    ]
