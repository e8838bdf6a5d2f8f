"""Registry pages: enterprises and production bases (lists, details, forms, status, bulk import)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from guomen.catalog.selectors import country_list
from guomen.catalog.ui import bulk_import, bulk_template
from guomen.core.actions import export_view, url_with
from guomen.core.errors import ApplicationError
from guomen.core.filters import label_of
from guomen.core.permissions import can, require
from guomen.core.selectors import audit_timeline
from guomen.core.timeline import timeline_entries
from guomen.core.ui import add_errors, edit_page, page_of, render_list

from . import selectors, services
from .choices import BASE_TRANSITIONS, BaseKind, BaseStatus, EnterpriseKind, FilingStatus
from .forms import BaseStatusForm, EnterpriseForm, ProductionBaseForm
from .imports import REGISTRY_IMPORT_KINDS


def _kind_or_404(slug: str):
    if slug not in REGISTRY_IMPORT_KINDS:
        raise Http404
    return REGISTRY_IMPORT_KINDS[slug]


# Enterprises --------------------------------------------------------------------------------------


@login_required
def enterprise_list(request):
    filters = selectors.EnterpriseFilters.from_query(request.GET)
    qs = selectors.enterprise_list(user=request.user, filters=filters)
    context = {
        "page_obj": page_of(request, qs),
        "filters": filters,
        "export_query": urlencode(filters.as_query()),
        "kinds": EnterpriseKind.choices,
        "statuses": FilingStatus.choices,
        "can_edit": can(request.user, "enterprise.edit"),
    }
    return render_list(
        request, "registry/enterprise_list.html", "registry/partials/enterprise_rows.html", context
    )


KIND_LABEL, FILING_LABEL = label_of(EnterpriseKind), label_of(FilingStatus)
ENTERPRISE_COLUMNS = [
    (_l("Chinese name"), lambda e: e.name_zh),
    (_l("English name"), lambda e: e.name_en),
    (_l("unified social credit code"), lambda e: e.uscc),
    (_l("type"), lambda e: KIND_LABEL(e.kind)),
    (_l("filing status"), lambda e: FILING_LABEL(e.filing_status)),
    (_l("filed on"), lambda e: e.filed_on),
    (_l("supervising unit"), lambda e: e.org.name if e.org_id else ""),
    (_l("credit grade"), lambda e: e.credit_grade),
    (_l("address"), lambda e: e.address),
]


enterprise_export = export_view(  # the page's filters (EnterpriseFilters), the page's rows
    "enterprise.view",
    selectors.enterprise_list,
    selectors.EnterpriseFilters,
    ENTERPRISE_COLUMNS,
    filename="enterprises.xlsx",
    back="registry:enterprise_list",
)


@login_required
def enterprise_detail(request, pk: int):
    enterprise = selectors.enterprise_get(user=request.user, pk=pk)
    bases = selectors.production_base_list(user=request.user, enterprise=enterprise)
    context = {
        "enterprise": enterprise,
        "bases": bases,
        "timeline": timeline_entries(audit_timeline(obj=enterprise)),
        "can_edit": can(request.user, "enterprise.edit"),
    }
    return render(request, "registry/enterprise_detail.html", context)


@login_required
def enterprise_edit(request, pk: int | None = None):
    require(request.user, "enterprise.edit")
    enterprise = None
    if pk is not None:
        enterprise = selectors.enterprise_get(user=request.user, pk=pk, action="enterprise.edit")
    form = EnterpriseForm(request.POST or None, instance=enterprise, user=request.user)
    return edit_page(
        request,
        form,
        enterprise,
        create=services.enterprise_create,
        update=lambda obj, **kw: services.enterprise_update(enterprise=obj, **kw),
        success=_("Enterprise saved."),
        redirect_to=lambda e: reverse("registry:enterprise_detail", args=[e.pk]),
        title=_("Enterprise"),
    )


# Production bases ---------------------------------------------------------------------------------


@login_required
def base_list(request):
    filters = selectors.ProductionBaseFilters.from_query(request.GET)
    qs = selectors.production_base_list(user=request.user, filters=filters)
    context = {
        "page_obj": page_of(request, qs),
        "filters": filters,
        "export_url": url_with("registry:base_export", filters),
        "kinds": BaseKind.choices,
        "statuses": BaseStatus.choices,
        "countries": country_list(user=request.user).filter(production_bases__isnull=False).distinct(),
        "can_edit": can(request.user, "production_base.edit"),
    }
    return render_list(request, "registry/base_list.html", "registry/partials/base_rows.html", context)


BASE_KIND_LABEL, BASE_STATUS_LABEL = label_of(BaseKind), label_of(BaseStatus)
BASE_COLUMNS = [
    (_l("registration code"), lambda b: b.code),
    (_l("name"), lambda b: b.name),
    (_l("English name"), lambda b: b.name_en),
    (_l("country"), lambda b: b.country.display_name),
    (_l("region"), lambda b: b.region),
    (_l("type"), lambda b: BASE_KIND_LABEL(b.kind)),
    (_l("operator"), lambda b: b.operator_name),
    (_l("enterprise"), lambda b: b.enterprise.name_zh if b.enterprise_id else ""),
    (_l("status"), lambda b: BASE_STATUS_LABEL(b.status)),
    (_l("registered on"), lambda b: b.registered_on),
    (_l("supervising unit"), lambda b: b.org.name if b.org_id else ""),
]
base_export = export_view(
    "production_base.view",
    selectors.production_base_list,
    selectors.ProductionBaseFilters,
    BASE_COLUMNS,
    filename="production-bases.xlsx",
    back="registry:base_list",
)


def _base_context(request, base, status_form=None) -> dict:
    can_edit = can(request.user, "production_base.edit")
    next_statuses = [
        (s, label) for s, label in BaseStatus.choices if s in BASE_TRANSITIONS.get(base.status, set())
    ]
    if status_form is None:
        status_form = BaseStatusForm(
            initial={"version": base.version, "status": next(iter(next_statuses), ("",))[0]}
        )
    status_form.fields["status"].choices = next_statuses
    return {
        "base": base,
        "commodities": base.commodities.order_by("code"),
        "timeline": timeline_entries(audit_timeline(obj=base)),
        "can_edit": can_edit,
        "status_form": status_form if can_edit and next_statuses else None,
    }


@login_required
def base_detail(request, pk: int):
    base = selectors.production_base_get(user=request.user, pk=pk)
    return render(request, "registry/base_detail.html", _base_context(request, base))


@login_required
def base_edit(request, pk: int | None = None):
    require(request.user, "production_base.edit")
    base = None
    if pk is not None:
        base = selectors.production_base_get(user=request.user, pk=pk, action="production_base.edit")
    form = ProductionBaseForm(request.POST or None, instance=base, user=request.user)
    return edit_page(
        request,
        form,
        base,
        create=services.production_base_create,
        update=lambda obj, **kw: services.production_base_update(base=obj, **kw),
        success=_("Production base saved."),
        redirect_to=lambda b: reverse("registry:base_detail", args=[b.pk]),
        title=_("Production base"),
    )


@require_POST
@login_required
def base_status(request, pk: int):
    require(request.user, "production_base.edit")
    base = selectors.production_base_get(user=request.user, pk=pk, action="production_base.edit")
    form = BaseStatusForm(request.POST)
    form.fields["status"].choices = BaseStatus.choices
    if form.is_valid():
        try:
            services.production_base_set_status(
                base=base,
                to=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("Status changed to %(status)s.") % {"status": base.get_status_display()}
            )
            return redirect("registry:base_detail", pk=base.pk)
    base.refresh_from_db()
    return render(request, "registry/base_detail.html", _base_context(request, base, form), status=422)


# Bulk import --------------------------------------------------------------------------------------


@login_required
def import_page(request, kind: str):
    back = reverse("registry:enterprise_list" if kind == "enterprises" else "registry:base_list")
    return bulk_import(request, _kind_or_404(kind), back_url=back)


@login_required
def import_template(request, kind: str, fmt: str):
    return bulk_template(request, _kind_or_404(kind), fmt)
