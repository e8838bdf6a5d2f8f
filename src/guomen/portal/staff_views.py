"""Staff pages for decisions marked for publication: list, enter, edit, publish, withdraw."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_POST

from guomen.accounts.models import OrgUnit
from guomen.core.actions import export_view, url_with
from guomen.core.errors import ApplicationError
from guomen.core.permissions import can, require, restrict
from guomen.core.selectors import audit_timeline
from guomen.core.timeline import timeline_entries
from guomen.core.ui import add_errors, page_of, render_list

from . import selectors, services
from .choices import DecisionKind
from .export_views import DECISION_COLUMNS
from .forms import DecisionForm, WithdrawForm


@login_required
@require_GET
def decision_admin(request):
    require(request.user, "decision.view")
    filters = selectors.StaffDecisionFilters.from_query(request.GET)
    context = {
        "page_obj": page_of(request, selectors.decision_list(user=request.user, filters=filters)),
        "filters": filters,
        "kinds": DecisionKind.choices,
        "can_edit": can(request.user, "decision.edit"),
        "export_url": url_with("portal:decision_admin_export", filters),
    }
    return render_list(request, "portal/staff/decisions.html", "portal/staff/decision_rows.html", context)


STAFF_DECISION_COLUMNS = [  # the public columns, and whether and when the decision was published
    *DECISION_COLUMNS[:6],
    (_l("published"), lambda d: d.published),
    (_l("published at"), lambda d: d.published_at),
    *DECISION_COLUMNS[6:],
]
decision_admin_export = export_view(
    "decision.view",
    selectors.decision_list,
    selectors.StaffDecisionFilters,
    STAFF_DECISION_COLUMNS,
    filename="decisions-for-publication.xlsx",
    back="portal:decision_admin",
)


@login_required
def decision_detail(request, pk: int):
    d = selectors.decision_get(user=request.user, pk=pk)
    context = {
        "d": d,
        "can_edit": can(request.user, "decision.edit") and not d.published,
        "can_publish": can(request.user, "decision.publish"),
        "withdraw_form": WithdrawForm(initial={"version": d.version}),
        "timeline": timeline_entries(audit_timeline(obj=d)),
    }
    return render(request, "portal/staff/decision_detail.html", context)


@login_required
def decision_edit(request, pk: int | None = None):
    require(request.user, "decision.edit")
    d = selectors.decision_get(user=request.user, pk=pk, action="decision.edit") if pk else None
    units = restrict(OrgUnit.objects.all(), request.user, "decision.edit")
    initial = {"org": request.user.org_id}
    if d is not None:
        initial = {
            f: getattr(d, f)
            for f in (
                "kind",
                "decision_number",
                "enterprise_uscc",
                "enterprise_name",
                "decided_on",
                "summary",
                "legal_basis",
            )
        }
        initial.update(org=d.org_id, version=d.version)
    form = DecisionForm(request.POST or None, initial=initial, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            if d is None:
                d = services.decision_create(data=form.service_data(), actor=request.user)
            else:
                services.decision_update(
                    decision=d,
                    data=form.service_data(),
                    actor=request.user,
                    expected_version=form.cleaned_data.get("version"),
                )
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Decision saved."))
            return redirect(reverse("portal:decision_detail", args=[d.pk]))
    return render(request, "portal/staff/decision_form.html", {"form": form, "d": d})


@login_required
@require_POST
def decision_publish(request, pk: int):
    d = selectors.decision_get(user=request.user, pk=pk, action="decision.publish")
    publish = request.POST.get("publish") == "1"
    try:
        services.decision_set_published(
            decision=d,
            published=publish,
            actor=request.user,
            reason=request.POST.get("reason", ""),
            expected_version=request.POST.get("version") or None,
        )
    except ApplicationError as exc:
        messages.error(request, "；".join([str(exc.message), *sum(exc.fields.values(), [])]))
    else:
        messages.success(
            request, _("Published on the portal.") if publish else _("Withdrawn from the portal.")
        )
    return redirect(reverse("portal:decision_detail", args=[d.pk]))
