"""Certification pages: certificates (list, new, detail with annual checks), mark-misuse cases."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.core.errors import ApplicationError, NotFound, PermissionDenied, ValidationFailed
from guomen.core.permissions import can, require, restrict
from guomen.core.ui import add_errors, page_of, render_list
from guomen.registry.models import Enterprise

from . import selectors, services
from .choices import CertificateStatus, CheckItem, MisuseStatus, Scheme
from .forms import CertificateForm, CloseForm, DecideForm, MisuseForm, PlanForm, RecordForm, StatusForm


def _enterprise(user, uscc: str, field: str):
    if not uscc:
        return None
    found = restrict(Enterprise.objects.filter(uscc=uscc.strip()), user, "enterprise.view").first()
    if found is None:
        raise ValidationFailed(fields={field: [_("No such enterprise that you may see.")]})
    return found


@login_required
@require_GET
def certificate_list(request):
    require(request.user, "certification.view")
    filters = {k: request.GET.get(k, "").strip()[:60] for k in ("q", "scheme", "status")}
    qs = selectors.certificate_list(user=request.user, **filters)
    context = {
        "page": page_of(request, qs),
        "filters": filters,
        "schemes": Scheme.choices,
        "statuses": CertificateStatus.choices,
        "can_edit": can(request.user, "certification.edit"),
    }
    return render_list(request, "certification/list.html", "certification/partials/rows.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def certificate_new(request):
    require(request.user, "certification.edit")
    form = CertificateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            enterprise = _enterprise(request.user, data.pop("enterprise"), "enterprise")
            body = _enterprise(request.user, data.pop("body"), "body")
            certificate = services.certificate_register(
                enterprise=enterprise, body=body, actor=request.user, **data
            )
        except (PermissionDenied, NotFound):
            raise
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            return redirect("certification:detail", pk=certificate.pk)
    return render(request, "certification/new.html", {"form": form})


@login_required
@require_GET
def certificate_detail(request, pk):
    certificate = selectors.certificate_get(user=request.user, pk=pk)
    checks = list(selectors.check_list(user=request.user, certificate=certificate))
    context = {
        "certificate": certificate,
        "checks": checks,
        "items": CheckItem.choices,
        "can_edit": can(request.user, "certification.edit") and request.user.role != "enterprise",
        "can_check": can(request.user, "certification.check"),
        "status_form": StatusForm(),
        "plan_form": PlanForm(),
        "record_form": RecordForm(),
        "close_form": CloseForm(),
    }
    return render(request, "certification/detail.html", context)


def _act(request, back, call, success):
    try:
        call()
    except (PermissionDenied, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, " ".join(p for ps in exc.fields.values() for p in ps) or str(exc.message))
    else:
        messages.success(request, success)
    return redirect(back)


def _form_or_message(request, form) -> bool:
    if form.is_valid():
        return True
    messages.error(
        request,
        " ".join(
            f"{form.fields[k].label if k in form.fields else ''}: {e}"
            for k, errs in form.errors.items()
            for e in errs
        ),
    )
    return False


@login_required
@require_POST
def certificate_status(request, pk):
    certificate = selectors.certificate_get(user=request.user, pk=pk)
    form = StatusForm(request.POST)
    if not _form_or_message(request, form):
        return redirect("certification:detail", pk=pk)
    d = form.cleaned_data
    return _act(
        request,
        reverse("certification:detail", args=[pk]),
        lambda: services.certificate_set_status(
            certificate=certificate, to=d["to"], reason=d["reason"], actor=request.user
        ),
        _("The certificate status was changed."),
    )


@login_required
@require_POST
def check_plan(request, pk):
    certificate = selectors.certificate_get(user=request.user, pk=pk)
    form = PlanForm(request.POST)
    if not _form_or_message(request, form):
        return redirect("certification:detail", pk=pk)
    return _act(
        request,
        reverse("certification:detail", args=[pk]),
        lambda: services.check_plan(
            certificate=certificate, planned_on=form.cleaned_data["planned_on"], actor=request.user
        ),
        _("The annual check was planned."),
    )


@login_required
@require_POST
def check_record(request, pk):
    check = selectors.check_get(user=request.user, pk=pk)
    form = RecordForm(request.POST)
    back = reverse("certification:detail", args=[check.certificate_id])
    if not _form_or_message(request, form):
        return redirect(back)
    d = form.cleaned_data
    return _act(
        request,
        back,
        lambda: services.check_record(
            check=check,
            results=form.results(),
            findings=d["findings"],
            rectification_due=d["rectification_due"],
            checked_on=d["checked_on"],
            actor=request.user,
        ),
        _("The check was recorded."),
    )


@login_required
@require_POST
def check_close(request, pk):
    check = selectors.check_get(user=request.user, pk=pk)
    form = CloseForm(request.POST)
    back = reverse("certification:detail", args=[check.certificate_id])
    if not _form_or_message(request, form):
        return redirect(back)
    d = form.cleaned_data
    return _act(
        request,
        back,
        lambda: services.check_close(
            check=check, rectified_on=d["rectified_on"], reason=d["reason"], actor=request.user
        ),
        _("The check was closed."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def misuse_list(request):
    require(request.user, "certification.view")
    form = MisuseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            enterprise = _enterprise(request.user, d["enterprise"], "enterprise")
            services.misuse_open(
                enterprise=enterprise,
                found_on=d["found_on"],
                description=d["description"],
                actor=request.user,
            )
        except (PermissionDenied, NotFound):
            raise
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The case was opened."))
            return redirect("certification:misuse")
    status = request.GET.get("status", "").strip()[:20]
    context = {
        "page": page_of(request, selectors.misuse_list(user=request.user, status=status)),
        "form": form,
        "decide_form": DecideForm(),
        "statuses": MisuseStatus.choices,
        "status": status,
        "can_open": can(request.user, "certification.check"),
        "can_decide": can(request.user, "certification.edit") and request.user.role != "enterprise",
    }
    return render(request, "certification/misuse.html", context)


@login_required
@require_POST
def misuse_decide(request, pk):
    case = selectors.misuse_get(user=request.user, pk=pk)
    form = DecideForm(request.POST)
    if not _form_or_message(request, form):
        return redirect("certification:misuse")
    d = form.cleaned_data
    return _act(
        request,
        reverse("certification:misuse"),
        lambda: services.misuse_decide(
            case=case, to=d["to"], reason=d["reason"], penalty=d["penalty"], actor=request.user
        ),
        _("The decision was recorded."),
    )
