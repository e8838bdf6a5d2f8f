"""The certificate as a PDF: Chinese first with the English beneath, and a QR code of the public page that
checks it (number and verification code filled in)."""

import gc
from contextlib import contextmanager
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from guomen.core.pdf import render_pdf

from .choices import CHINESE_TITLES, ENGLISH_TITLES
from .ephyto_out import NPPO, STATEMENT, consignee_country_name
from .kinds import botanical_name

STATEMENTS = {
    "exit": (
        "上述货物经检验检疫，符合有关检验检疫要求，准予出境。",
        "The goods described above have been inspected and quarantined and conform to the inspection and "
        "quarantine requirements; they may leave the country.",
    ),
    "phytosanitary": (
        "兹证明上述植物、植物产品或其他检疫物已经按照规定程序进行检查和/或检验，被认为不带有输入国或地区规定的检疫性有害生物，并且基本不带有其他的有害生物，因而符合输入国或地区现行的植物检疫要求。",
        STATEMENT,
    ),
    "health": (
        "兹证明上述货物经检验检疫，未发现病原体和有毒有害物质，符合输入国或地区的卫生要求，适合人类食用。",
        "This is to certify that the goods described above have been inspected and found free from pathogens "
        "and harmful substances, conform to the sanitary requirements of the importing country or region and "
        "are fit for human consumption.",
    ),
}


def verify_path(certificate) -> str:
    query = urlencode({"number": certificate.number, "code": certificate.verification_code})
    return f"{reverse('portal:certificate')}?{query}"


def verify_url(certificate) -> str:
    return f"{getattr(settings, 'GUOMEN_PUBLIC_URL', '').rstrip('/')}{verify_path(certificate)}"


@contextmanager
def young_garbage_only():
    """WeasyPrint builds a few hundred thousand short-lived objects (boxes that point at each other) per page.
    Left to the collector, many live long enough during the layout to reach the oldest generation, whose
    collection then scans the whole process (Django, lxml, fonts: 130–160 ms every fifth or sixth certificate).
    With the collector paused they stay young, and one collection of the youngest generation frees them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.collect(0)


def qr_data_uri(url: str) -> str:
    """The verification QR as a small PNG (a fixed mask: no 8-way search). A PNG, not an SVG: WeasyPrint reads
    a QR's SVG path (hundreds of modules) through its CSS tokenizer, which cost more than the rest of the page."""
    return segno.make(url, error="m", micro=False, mask=0).png_data_uri(scale=4, border=2)


def certificate_pdf(*, certificate, declaration, lines, treatments=()) -> bytes:
    url = verify_url(certificate)
    phyto = certificate.kind == "phytosanitary"
    rows = [
        {"line": line, "names": botanical_name(line.hs_id, line.description) if phyto else None}
        for line in lines
    ]
    with translation.override("zh-hans"):
        context = {
            "c": certificate,
            "d": declaration,
            "rows": rows,
            "phyto": phyto,
            "treatments": list(treatments),
            "consignee_country": consignee_country_name(declaration.foreign_consignee_country),
            "title_zh": CHINESE_TITLES[certificate.kind],
            "title_en": ENGLISH_TITLES[certificate.kind],
            "statement": STATEMENTS[certificate.kind],
            "nppo": NPPO,
            "issued_on": timezone.localdate(certificate.issued_at),
            "verify_url": url,
            "qr": qr_data_uri(url),
        }
        with young_garbage_only():
            return render_pdf("certificates/pdf/certificate.html", context)
