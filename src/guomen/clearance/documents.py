"""The document a closed task ends with, by direction and outcome, in Chinese.

Import release: 入境货物检验检疫证明; export release: the export certificate issued on release (植物检疫证书,
卫生证书 or 出境货物检验检疫证明, bilingual, from guomen.certificates), or 出境货物检验检疫证明 when none was issued;
anything else: 检验检疫处理通知书 naming the findings and the laboratory results. Each carries the declaration's verification code and a QR
code of the public consignment-status page that checks it.
"""

from urllib.parse import urlencode

import segno
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guomen.core.errors import Conflict
from guomen.core.pdf import render_pdf
from guomen.declarations.choices import Direction
from guomen.inspections.choices import Disposition, TaskStatus
from guomen.labs.models import Sample, TestItem

RELEASES = {Disposition.RELEASE, Disposition.CONDITIONAL_RELEASE}
TITLES = {
    "entry_certificate": gettext_lazy("Entry goods inspection and quarantine certificate"),
    "exit_certificate": gettext_lazy("Exit goods inspection and quarantine certificate"),
    "notice": gettext_lazy("Inspection and quarantine treatment notice"),
}
PREFIXES = {"entry_certificate": "QC", "exit_certificate": "EQ", "notice": "NC"}


def document_kind(task) -> str:
    if task.disposition not in RELEASES:
        return "notice"
    return "exit_certificate" if task.declaration.direction == Direction.EXPORT else "entry_certificate"


def document_title(task) -> str:
    return str(TITLES[document_kind(task)])


def document_number(task) -> str:
    return f"{PREFIXES[document_kind(task)]}-{task.declaration.number}-{task.pk}"


def verify_path(declaration) -> str:
    """The public page that checks the document: number and verification code filled in."""
    from django.urls import reverse

    query = urlencode({"number": declaration.number, "code": declaration.verification_code})
    return f"{reverse('portal:consignment')}?{query}"


def export_certificate_pdf(declaration) -> tuple[str, bytes] | None:
    """(file name, PDF) of the first valid export certificate issued for the declaration, if any."""
    from guomen.certificates.models import ExportCertificate
    from guomen.certificates.services import certificate_pdf_bytes

    cert = ExportCertificate.objects.filter(declaration=declaration, status="valid").order_by("id").first()
    if cert is None or not cert.pdf:
        return None
    return f"{cert.number}.pdf", certificate_pdf_bytes(cert)


def _samples(declaration) -> list:
    return list(
        Sample.objects.filter(declaration_id=declaration.pk)
        .order_by("number")
        .prefetch_related(Prefetch("items", queryset=TestItem.objects.select_related("analyte")))
    )


def disposition_pdf(task, *, base_url: str = "") -> tuple[str, bytes]:
    """(file name, PDF bytes) of the task's document; only once the disposition is confirmed.

    `base_url` (scheme and host, e.g. from the request) makes the QR code an address a phone can open.
    """
    if task.status != TaskStatus.CLOSED or not task.disposition:
        raise Conflict(_("The document is issued once the supervisor has confirmed the disposition."))
    kind = document_kind(task)
    declaration = task.declaration
    if kind == "exit_certificate":
        issued = export_certificate_pdf(declaration)
        if issued is not None:
            return issued
    number = document_number(task)
    verify_url = f"{base_url.rstrip('/')}{verify_path(declaration)}"
    with translation.override("zh-hans"):
        context = {
            "task": task,
            "d": declaration,
            "lines": list(declaration.lines.all()),
            "documents": list(declaration.documents.all()),
            "findings": list(task.findings.all()),
            "samples": _samples(declaration),
            "kind": kind,
            "title": str(TITLES[kind]),
            "number": number,
            "issued_on": timezone.localdate(task.confirmed_at or timezone.now()),
            "verify_url": verify_url,
            "qr": segno.make(verify_url, error="m", micro=False).svg_data_uri(scale=3, border=2),
        }
        pdf = render_pdf("clearance/pdf/disposition.html", context)
    return f"{number}.pdf", pdf
