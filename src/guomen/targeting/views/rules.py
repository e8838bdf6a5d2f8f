"""Rule-profile pages for risk analysts (list, create, edit, deactivate)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.core.actions import export_view, url_with
from guomen.core.errors import ApplicationError
from guomen.core.permissions import can, require
from guomen.core.ui import add_errors

from .. import columns, selectors, services
from ..forms import DeactivateForm, RuleForm
from ..services import RULE_FIELDS as FIELDS


@login_required
@require_GET
def rule_list(request):
    require(request.user, "targeting.view")
    filters = selectors.RuleFilters.from_query(request.GET)
    page = Paginator(selectors.rule_list(user=request.user, filters=filters), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "show": filters.show,
        "q": filters.q,
        "can_edit": can(request.user, "targeting.edit"),
        "export_url": url_with("targeting:rule_export", filters),
    }
    return render(request, "targeting/rule_list.html", context)


rule_export = export_view(
    "targeting.view",
    selectors.rule_list,
    selectors.RuleFilters,
    columns.RULES,
    filename="targeting-rules.xlsx",
    back="targeting:rule_list",
)


@login_required
@require_http_methods(["GET", "POST"])
def rule_new(request):
    require(request.user, "targeting.edit")
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rule = services.rule_create(actor=request.user, **{f: form.cleaned_data[f] for f in FIELDS})
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Rule “%(name)s” created.") % {"name": rule.name})
            return redirect("targeting:rule_list")
    status = 422 if request.method == "POST" else 200
    return render(request, "targeting/rule_form.html", {"form": form, "rule": None}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request, pk: int):
    require(request.user, "targeting.edit")
    rule = selectors.rule_get(user=request.user, pk=pk)
    initial = {f: getattr(rule, f) for f in FIELDS} | {"version": rule.version}
    form = RuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.rule_update(
                rule=rule,
                actor=request.user,
                expected_version=form.cleaned_data["version"] or rule.version,
                **{f: form.cleaned_data[f] for f in FIELDS},
            )
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Rule “%(name)s” saved.") % {"name": rule.name})
            return redirect("targeting:rule_list")
    status = 422 if request.method == "POST" else 200
    return render(request, "targeting/rule_form.html", {"form": form, "rule": rule}, status=status)


@login_required
@require_POST
def rule_deactivate(request, pk: int):
    require(request.user, "targeting.edit")
    rule = selectors.rule_get(user=request.user, pk=pk)
    form = DeactivateForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.rule_deactivate(rule=rule, actor=request.user, reason=reason)
    messages.success(request, _("Rule “%(name)s” deactivated.") % {"name": rule.name})
    return redirect("targeting:rule_list")
