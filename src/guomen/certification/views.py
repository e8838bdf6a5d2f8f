"""Certification pages: certificates (list and its export, new, detail with annual checks), mark-misuse cases,
the CCC catalogue (list and its export, an entry)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from guomen.core.actions import action_view, create_from, export_view, list_view, new_page, url_with
from guomen.core.errors import PermissionDenied
from guomen.core.filters import label_of
from guomen.core.permissions import can, require
from guomen.core.ui import page_of
from guomen.registry.selectors import enterprise_named

from . import selectors, services
from .choices import CertificateStatus, CheckItem, MisuseStatus, Scheme
from .forms import (
    CatalogueForm,
    CertificateForm,
    CloseForm,
    DecideForm,
    MisuseForm,
    PlanForm,
    RecordForm,
    RetireForm,
    StatusForm,
    results_of,
)


def _register(data, user):
    body = data.pop("body")
    return services.certificate_register(
        enterprise=enterprise_named(user=user, uscc=data.pop("enterprise")),
        body=enterprise_named(user=user, uscc=body, field="body") if body else None,
        actor=user,
        **data,
    )


SCHEME_LABEL, STATUS_LABEL = label_of(Scheme), label_of(CertificateStatus)
CERTIFICATE_COLUMNS = [
    (gettext_lazy("certificate number"), lambda c: c.number),
    (gettext_lazy("scheme"), lambda c: SCHEME_LABEL(c.scheme)),
    (gettext_lazy("holder"), lambda c: c.enterprise.name_zh),
    (gettext_lazy("unified social credit code"), lambda c: c.enterprise.uscc),
    (gettext_lazy("certified products or scope"), lambda c: c.products),
    (gettext_lazy("HS code"), lambda c: c.hs_code),
    (gettext_lazy("valid from"), lambda c: c.valid_from),
    (gettext_lazy("valid until"), lambda c: c.valid_until),
    (gettext_lazy("status"), lambda c: STATUS_LABEL(c.status)),
]

# fmt: off
certificate_list = list_view("certification.view", selectors.certificate_list, selectors.CertificationFilters, "certification",
                             lambda user: {"schemes": Scheme.choices, "statuses": CertificateStatus.choices, "can_edit": can(user, "certification.edit")},
                             export="certification:export")
certificate_export = export_view("certification.view", selectors.certificate_list, selectors.CertificationFilters, CERTIFICATE_COLUMNS,
                                 filename="certificates.xlsx", back="certification:list")
# fmt: on


@login_required
@require_http_methods(["GET", "POST"])
def certificate_new(request):
    done = lambda certificate: redirect("certification:detail", pk=certificate.pk)  # noqa: E731
    return new_page(request, "certification.edit", CertificateForm, _register, "certification/new.html", done)


@login_required
@require_GET
def certificate_detail(request, pk):
    certificate = selectors.certificate_get(user=request.user, pk=pk)
    context = {
        "certificate": certificate,
        "checks": list(selectors.check_list(user=request.user, certificate=certificate)),
        "items": CheckItem.choices,
        "can_edit": can(request.user, "certification.edit") and request.user.role != "enterprise",
        "can_check": can(request.user, "certification.check"),
        "status_form": StatusForm(),
        "plan_form": PlanForm(),
        "record_form": RecordForm(),
        "close_form": CloseForm(),
    }
    return render(request, "certification/detail.html", context)


def _certificate(user, pk):
    return selectors.certificate_get(user=user, pk=pk)


def _check(user, pk):
    return selectors.check_get(user=user, pk=pk)


def _detail(record) -> str:
    return reverse("certification:detail", args=[getattr(record, "certificate_id", record.pk)])


def _recorded(d) -> dict:
    keep = ("findings", "rectification_due", "checked_on")
    return {"results": results_of(d), **{k: d[k] for k in keep}}


# fmt: off
certificate_status = action_view(_certificate, StatusForm, services.certificate_set_status, "certificate", gettext_lazy("The certificate status was changed."), _detail)
check_plan = action_view(_certificate, PlanForm, services.check_plan, "certificate", gettext_lazy("The annual check was planned."), _detail)
check_record = action_view(_check, RecordForm, services.check_record, "check", gettext_lazy("The check was recorded."), _detail, _recorded)
check_close = action_view(_check, CloseForm, services.check_close, "check", gettext_lazy("The check was closed."), _detail)
# fmt: on


@login_required
@require_http_methods(["GET", "POST"])
def misuse_list(request):
    require(request.user, "certification.view")
    form = MisuseForm(request.POST or None)

    def create(data):
        enterprise = enterprise_named(user=request.user, uscc=data.pop("enterprise"))
        return services.misuse_open(enterprise=enterprise, actor=request.user, **data)

    if request.method == "POST" and create_from(form, create):
        messages.success(request, _("The case was opened."))
        return redirect("certification:misuse")
    filters = selectors.MisuseFilters.from_query(request.GET)
    context = {
        "page": page_of(request, selectors.misuse_list(user=request.user, filters=filters)),
        "form": form,
        "decide_fields": [str(field) for field in DecideForm()],  # rendered once for every open case
        "statuses": MisuseStatus.choices,
        "filters": filters,
        "export_url": url_with("certification:misuse_export", filters),
        "can_open": can(request.user, "certification.check"),
        "can_decide": can(request.user, "certification.edit") and request.user.role != "enterprise",
    }
    return render(request, "certification/misuse.html", context)


MISUSE_LABEL = label_of(MisuseStatus)
MISUSE_COLUMNS = [
    (gettext_lazy("enterprise"), lambda m: m.enterprise.name_zh),
    (gettext_lazy("unified social credit code"), lambda m: m.enterprise.uscc),
    (gettext_lazy("found on"), lambda m: m.found_on),
    (gettext_lazy("what was found"), lambda m: m.description),
    (gettext_lazy("certificate concerned"), lambda m: m.certificate.number if m.certificate_id else ""),
    (gettext_lazy("penalty"), lambda m: m.penalty),
    (gettext_lazy("status"), lambda m: MISUSE_LABEL(m.status)),
]

# fmt: off
misuse_export = export_view("certification.view", selectors.misuse_list, selectors.MisuseFilters, MISUSE_COLUMNS,
                            filename="mark-misuse.xlsx", back="certification:misuse")
misuse_decide = action_view(lambda user, pk: selectors.misuse_get(user=user, pk=pk), DecideForm, services.misuse_decide, "case", gettext_lazy("The decision was recorded."), lambda case: reverse("certification:misuse"))
# fmt: on


# The CCC catalogue (national reference data) -------------------------------------------------------------------

CATALOGUE_STATES = [
    ("in_force", pgettext_lazy("ccc catalogue", "In force")),
    ("retired", pgettext_lazy("ccc catalogue", "Retired")),
    ("all", gettext_lazy("All")),
]


@login_required
@require_http_methods(["GET", "POST"])
def catalogue(request):
    """The compulsory product certification catalogue: the entries (in force by default) and, for those who may
    change it, the form adding one."""
    require(request.user, "certification.view")
    editable = selectors.catalogue_editable(request.user)
    form = CatalogueForm(request.POST or None)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied()
        if create_from(form, lambda data: services.catalogue_add(actor=request.user, **_entry(data))):
            messages.success(request, _("The entry was added to the CCC catalogue."))
            return redirect("certification:catalogue")
    filters = selectors.CatalogueFilters.from_query(request.GET)
    context = {
        "page": page_of(request, selectors.catalogue_list(user=request.user, filters=filters)),
        "form": form,
        "filters": filters,
        "export_url": url_with("certification:catalogue_export", filters),
        "states": CATALOGUE_STATES,
        "can_edit": editable,
        "today": timezone.localdate(),
    }
    return render(request, "certification/catalogue.html", context, status=422 if form.errors else 200)


CATALOGUE_COLUMNS = [
    (gettext_lazy("HS code or prefix"), lambda e: e.hs_prefix),
    (gettext_lazy("product category"), lambda e: e.name_zh),
    (gettext_lazy("catalogue announcement"), lambda e: e.announcement),
    (gettext_lazy("in force from"), lambda e: e.in_force_from),
    (gettext_lazy("retired from"), lambda e: e.retired_on),
    (gettext_lazy("reason for retiring"), lambda e: e.retired_reason),
]
# fmt: off
catalogue_export = export_view("certification.view", selectors.catalogue_list, selectors.CatalogueFilters, CATALOGUE_COLUMNS,
                               filename="ccc-catalogue.xlsx", back="certification:catalogue")
# fmt: on


def _entry(data) -> dict:
    data.pop("version", None)
    return data


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_entry(request, pk):
    """One entry: its history (audit), and for those who may change the catalogue, correcting and retiring."""
    from guomen.core.selectors import audit_timeline
    from guomen.core.timeline import timeline_entries

    entry = selectors.catalogue_get(user=request.user, pk=pk)
    editable = selectors.catalogue_editable(request.user)
    initial = {
        f: getattr(entry, f) for f in ("hs_prefix", "name_zh", "announcement", "in_force_from", "version")
    }
    form = CatalogueForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied()
        version = form.data.get("version")

        def edit(data):
            data.pop("version", None)
            expected = int(version) if str(version or "").isdigit() else None
            return services.catalogue_edit(entry=entry, actor=request.user, expected_version=expected, **data)

        if create_from(form, edit):
            messages.success(request, _("The catalogue entry was changed."))
            return redirect("certification:catalogue_entry", pk=entry.pk)
    context = {
        "entry": entry,
        "form": form,
        "retire_form": RetireForm(initial={"retired_on": timezone.localdate(), "version": entry.version}),
        "can_edit": editable and entry.retired_on is None,
        "in_force": entry.in_force(timezone.localdate()),
        "timeline": timeline_entries(audit_timeline(obj=entry)),
    }
    return render(request, "certification/catalogue_entry.html", context, status=422 if form.errors else 200)


def _retire(data) -> dict:
    return {
        "retired_on": data["retired_on"],
        "reason": data["reason"],
        "expected_version": data.get("version"),
    }


# fmt: off
catalogue_retire = action_view(lambda user, pk: selectors.catalogue_get(user=user, pk=pk), RetireForm, services.catalogue_retire, "entry", gettext_lazy("The entry was retired: the release rule no longer applies to these goods from that day."), lambda entry: reverse("certification:catalogue_entry", args=[entry.pk]), _retire)
# fmt: on
