"""ePhyto pages: upload a certificate (with its report of problems and mismatches), one certificate."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from guomen.core.errors import ApplicationError
from guomen.core.permissions import require

from .ephyto import EphytoRejected, certificate_get, certificate_list, ephyto_import
from .ephyto_match import certificate_mismatches
from .ephyto_parse import MAX_BYTES


class EphytoUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Certificate XML file"),
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"class": "form-control form-control-lg", "accept": ".xml,text/xml,application/xml"}
        ),
    )
    declaration = forms.CharField(
        label=gettext_lazy("Declaration number (optional)"),
        required=False,
        max_length=30,
        help_text=gettext_lazy(
            "Without it the certificate is linked to the declaration that lists its number."
        ),
        widget=forms.TextInput(
            attrs={"class": "form-control form-control-lg font-monospace", "autocapitalize": "characters"}
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def ephyto_upload(request):
    require(request.user, "ephyto.import")
    form = EphytoUploadForm(
        request.POST or None,
        request.FILES or None,
        initial={"declaration": request.GET.get("declaration", "")},
    )
    problems = []
    status = 200
    if request.method == "POST":
        form.is_valid()
        upload = form.cleaned_data.get("file")
        try:
            if upload is None:
                raise EphytoRejected(
                    [{"level": "error", "message": _("Choose the certificate's XML file."), "line": None}]
                )
            report = ephyto_import(
                data=upload.read(MAX_BYTES + 1),
                actor=request.user,
                declaration_number=form.cleaned_data.get("declaration", ""),
                source="upload",
            )
        except EphytoRejected as exc:
            problems = exc.problems
            status = 422
        except ApplicationError as exc:
            for name, errors in exc.fields.items():
                for error in errors:
                    form.add_error(name if name in form.fields else None, error)
            if not exc.fields:
                form.add_error(None, str(exc.message))
            status = exc.status
        else:
            if report.created:
                messages.success(
                    request, _("Certificate %(number)s received.") % {"number": report.certificate.number}
                )
            else:
                messages.info(request, _("This certificate was received before."))
            return redirect("declarations:ephyto_detail", pk=report.certificate.pk)
    recent = list(certificate_list(user=request.user)[:10])
    context = {"form": form, "problems": problems, "recent": recent}
    return render(request, "declarations/ephyto_upload.html", context, status=status)


@login_required
@require_GET
def ephyto_detail(request, pk):
    cert = certificate_get(user=request.user, pk=pk)
    mismatches = certificate_mismatches(cert, cert.declaration) if cert.declaration_id else []
    return render(request, "declarations/ephyto_detail.html", {"cert": cert, "mismatches": mismatches})
