"""The document a closed task ends with: a certificate (release) or a non-conformity notice, in Chinese."""

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from guomen.core.errors import Conflict
from guomen.core.pdf import render_pdf

from .choices import Disposition, TaskStatus

RELEASES = {Disposition.RELEASE, Disposition.CONDITIONAL_RELEASE}


def document_kind(task) -> str:
    """ "certificate" for a released consignment, "notice" for every other disposition."""
    return "certificate" if task.disposition in RELEASES else "notice"


def document_number(task) -> str:
    prefix = "QC" if document_kind(task) == "certificate" else "NC"
    return f"{prefix}-{task.declaration.number}-{task.pk}"


def disposition_pdf(task) -> tuple[str, bytes]:
    """(file name, PDF bytes) of the task's certificate or notice; only once the disposition is confirmed."""
    if task.status != TaskStatus.CLOSED or not task.disposition:
        raise Conflict(_("The document is issued once the supervisor has confirmed the disposition."))
    kind = document_kind(task)
    number = document_number(task)
    with translation.override("zh-hans"):
        context = {
            "task": task,
            "d": task.declaration,
            "lines": list(task.declaration.lines.all()),
            "documents": list(task.declaration.documents.all()),
            "findings": list(task.findings.all()),
            "kind": kind,
            "number": number,
            "issued_on": timezone.localdate(task.confirmed_at or timezone.now()),
        }
        pdf = render_pdf("inspections/pdf/disposition.html", context)
    return f"{number}.pdf", pdf
