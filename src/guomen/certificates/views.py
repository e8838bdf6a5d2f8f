"""Certificate pages: the list and its Excel export (CertificateFilters, the API's), the certificate with its PDF
and ePhyto, replacing and withdrawing, and the public check opened from the QR code."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.core.actions import export_view, list_view
from guomen.core.errors import ApplicationError, NotFound, PermissionDenied
from guomen.core.filters import label_of
from guomen.core.permissions import can, org_in_scope

from . import selectors, services
from .choices import CertificateKind, CertificateStatus
from .forms import AmendForm, ReplaceForm, VerifyForm

certificate_list = list_view(
    "export_certificate.view",
    selectors.certificate_list,
    selectors.CertificateFilters,
    "certificates",
    lambda user: {"statuses": CertificateStatus.choices, "kinds": CertificateKind.choices},
    export="certificates:export",
)

KIND_LABEL, STATUS_LABEL = label_of(CertificateKind), label_of(CertificateStatus)
CERTIFICATE_COLUMNS = [
    (_l("certificate number"), lambda c: c.number),
    (_l("certificate kind"), lambda c: KIND_LABEL(c.kind)),
    (_l("declaration"), lambda c: c.declaration.number),
    (_l("issued at"), lambda c: c.issued_at),
    (_l("issuing unit"), lambda c: c.org.name),
    (_l("status"), lambda c: STATUS_LABEL(c.status)),
    (_l("replaced certificate"), lambda c: c.replaces.number if c.replaces_id else ""),
    ("ePhyto", lambda c: c.has_ephyto),
]
certificate_export = export_view(
    "export_certificate.view",
    selectors.certificate_list,
    selectors.CertificateFilters,
    CERTIFICATE_COLUMNS,
    filename="export-certificates.xlsx",
    back="certificates:list",
)


@login_required
@require_GET
def certificate_detail(request, number):
    cert = selectors.certificate_get(user=request.user, number=number)
    amend = (
        cert.status == CertificateStatus.VALID
        and can(request.user, "export_certificate.amend")
        and org_in_scope(request.user, cert.org)
    )
    context = {
        "c": cert,
        "successor": selectors.valid_successor(cert) if cert.status == CertificateStatus.REPLACED else None,
        "replaced_by": getattr(cert, "replaced_by", None)
        if cert.status == CertificateStatus.REPLACED
        else None,
        "siblings": [
            c
            for c in selectors.certificates_of_declaration(user=request.user, declaration=cert.declaration)
            if c.pk != cert.pk
        ],
        "can_amend": amend,
        "own_issue": amend and cert.issued_by_id == request.user.pk,
        "replace_form": ReplaceForm(
            initial={"additional_declarations": "\n".join(cert.additional_declarations)}
        ),
        "withdraw_form": AmendForm(),
    }
    return render(request, "certificates/detail.html", context)


@login_required
@require_GET
def certificate_pdf(request, number):
    cert = selectors.certificate_get(user=request.user, number=number)
    response = HttpResponse(services.certificate_pdf_bytes(cert), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{cert.number}.pdf"'
    return response


@login_required
@require_GET
def certificate_ephyto(request, number):
    cert = selectors.certificate_get(user=request.user, number=number)
    response = HttpResponse(services.certificate_ephyto_bytes(cert), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{cert.number}.xml"'
    return response


def _amend(request, number, form_class, call, success):
    cert = selectors.certificate_get(user=request.user, number=number)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(
            request, " ".join(f"{form.fields[k].label}: {e}" for k, errs in form.errors.items() for e in errs)
        )
        return redirect("certificates:detail", number=number)
    try:
        result = call(cert, form.cleaned_data)
    except (PermissionDenied, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, " ".join(p for ps in exc.fields.values() for p in ps) or str(exc.message))
        return redirect("certificates:detail", number=number)
    messages.success(request, success)
    return redirect("certificates:detail", number=result.number)


@login_required
@require_POST
def certificate_replace(request, number):
    return _amend(
        request,
        number,
        ReplaceForm,
        lambda c, d: services.certificate_replace(
            certificate=c,
            actor=request.user,
            reason=d["reason"],
            additional_declarations=d["additional_declarations"].splitlines(),
        ),
        _("The certificate was replaced; the old number is marked replaced."),
    )


@login_required
@require_POST
def certificate_withdraw(request, number):
    return _amend(
        request,
        number,
        AmendForm,
        lambda c, d: services.certificate_withdraw(certificate=c, actor=request.user, reason=d["reason"]),
        _("The certificate was withdrawn."),
    )


@require_http_methods(["GET", "POST"])
def public_verify(request):
    """Anyone may check a certificate by its number and the verification code printed on it."""
    from guomen.portal.ratelimit import number_and_code_lookup

    return number_and_code_lookup(
        request,
        form_class=VerifyForm,
        find=selectors.certificate_verify,
        not_found=_("No certificate matches this number and code."),
        template="certificates/verify.html",
    )
