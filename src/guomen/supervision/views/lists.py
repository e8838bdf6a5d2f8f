"""Access applications and the blacklist: lists and decisions."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.accounts.choices import Role
from guomen.core.actions import export_view, url_with
from guomen.core.errors import ApplicationError, PermissionDenied
from guomen.core.filters import label_of
from guomen.core.permissions import can, require
from guomen.core.ui import add_errors, page_of
from guomen.registry.models import Enterprise

from .. import selectors, services
from ..choices import ApplicationKind, ApplicationStatus, BlacklistStatus
from ..forms import BaseApplicationForm, DecisionForm, FilingApplicationForm, PetitionForm
from ._act import act


@login_required
@require_GET
def application_list(request):
    require(request.user, "supervision.view")
    filters = selectors.ApplicationFilters.from_query(request.GET)
    if "status" not in request.GET and request.user.role != Role.ENTERPRISE:
        filters.status = ApplicationStatus.SUBMITTED  # staff open the page on what waits for a decision
    qs = selectors.application_list(user=request.user, filters=filters)
    return render(
        request,
        "supervision/application_list.html",
        {
            "page": page_of(request, qs),
            "status": filters.status,
            "export_url": url_with("supervision:application_export", filters),
            "statuses": ApplicationStatus.choices,
            "decision_form": DecisionForm(),
            "can_decide": can(request.user, "supervision.access.decide"),
            "can_apply": can(request.user, "supervision.access.apply")
            and request.user.role == Role.ENTERPRISE,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_new(request, kind):
    """An enterprise user applies for filing (kind "filing") or for a production-base registration ("base")."""
    require(request.user, "supervision.access.apply")
    if request.user.role != Role.ENTERPRISE or kind not in ("filing", "base"):
        raise PermissionDenied()
    enterprise = Enterprise.objects.select_related("org").get(pk=request.user.enterprise_id)
    form_class = FilingApplicationForm if kind == "filing" else BaseApplicationForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            if kind == "filing":
                services.application_submit(
                    enterprise=enterprise, statement=d["statement"], actor=request.user
                )
            else:
                data = {k: d[k] for k in ("code", "kind", "name", "country", "region")}
                services.base_registration_apply(
                    enterprise=enterprise, data=data, statement=d["statement"], actor=request.user
                )
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            from django.contrib import messages

            messages.success(request, _("Your application was submitted for review."))
            return redirect("supervision:applications")
    return render(
        request, "supervision/application_new.html", {"form": form, "kind": kind, "enterprise": enterprise}
    )


@login_required
@require_POST
def application_decide(request, pk):
    application = selectors.application_get(user=request.user, pk=pk)
    return act(
        request,
        DecisionForm(request.POST),
        lambda d: services.application_decide(
            application=application, approve=d["decision"] == "yes", reason=d["reason"], actor=request.user
        ),
        success=_("The decision was recorded."),
        back=reverse("supervision:applications"),
    )


@login_required
@require_GET
def blacklist_list(request):
    require(request.user, "supervision.view")
    filters = selectors.BlacklistEntryFilters.from_query(request.GET)
    qs = selectors.blacklist_list(user=request.user, filters=filters)
    return render(
        request,
        "supervision/blacklist.html",
        {
            "page": page_of(request, qs),
            "status": filters.status,
            "export_url": url_with("supervision:blacklist_export", filters),
            "statuses": BlacklistStatus.choices,
            "decision_form": DecisionForm(),
            "can_decide": can(request.user, "supervision.blacklist.decide"),
        },
    )


@login_required
@require_POST
def blacklist_decide(request, pk):
    entry = selectors.blacklist_get(user=request.user, pk=pk)
    return act(
        request,
        DecisionForm(request.POST),
        lambda d: services.blacklist_decide(
            entry=entry, approve=d["decision"] == "yes", note=d["reason"], actor=request.user
        ),
        success=_("The decision was recorded."),
        back=request.POST.get("next") or reverse("supervision:blacklist"),
    )


@login_required
@require_POST
def petition_submit(request, pk):
    entry = selectors.blacklist_get(user=request.user, pk=pk)
    return act(
        request,
        PetitionForm(request.POST),
        lambda d: services.petition_submit(
            entry=entry,
            root_cause=d["root_cause"],
            corrective_actions=d["corrective_actions"],
            actor=request.user,
        ),
        success=_("Your petition was submitted."),
        back=reverse("supervision:enterprise_detail", args=[entry.enterprise_id]),
    )


@login_required
@require_POST
def petition_decide(request, pk):
    petition = selectors.petition_get(user=request.user, pk=pk)
    form = DecisionForm(request.POST)
    return act(
        request,
        form,
        lambda d: services.petition_decide(
            petition=petition, grant=d["decision"] == "yes", reason=d["reason"], actor=request.user
        ),
        success=_("The decision was recorded."),
        back=reverse("supervision:enterprise_detail", args=[petition.entry.enterprise_id]),
    )


@login_required
@require_POST
def downgrade_decide(request, pk):
    downgrade = selectors.downgrade_get(user=request.user, pk=pk)
    return act(
        request,
        DecisionForm(request.POST),
        lambda d: services.downgrade_decide(
            downgrade=downgrade, approve=d["decision"] == "yes", note=d["reason"], actor=request.user
        ),
        success=_("The decision was recorded."),
        back=request.POST.get("next")
        or reverse("supervision:enterprise_detail", args=[downgrade.enterprise_id]),
    )


APPLICATION_STATUS, APPLICATION_KIND, ENTRY_STATUS = (
    label_of(ApplicationStatus),
    label_of(ApplicationKind),
    label_of(BlacklistStatus),
)
APPLICATION_COLUMNS = [
    (_l("kind"), lambda a: APPLICATION_KIND(a.kind)),
    (_l("enterprise"), lambda a: a.enterprise.name_zh),
    (_l("unified social credit code"), lambda a: a.enterprise.uscc),
    (_l("production base"), lambda a: a.production_base.code if a.production_base_id else ""),
    (_l("submitted on"), lambda a: a.created_at),
    (_l("status"), lambda a: APPLICATION_STATUS(a.status)),
    (_l("decided at"), lambda a: a.decided_at),
    (_l("reason for the decision"), lambda a: a.decision_reason),
]
BLACKLIST_COLUMNS = [
    (_l("enterprise"), lambda e: e.enterprise.name_zh),
    (_l("unified social credit code"), lambda e: e.enterprise.uscc),
    (_l("status"), lambda e: ENTRY_STATUS(e.status)),
    (_l("reason"), lambda e: e.reason),
    (_l("legal basis"), lambda e: e.legal_basis),
    (_l("proposed on"), lambda e: e.created_at),
    (_l("decision note"), lambda e: e.decision_note),
]
application_export = export_view(
    "supervision.view",
    selectors.application_list,
    selectors.ApplicationFilters,
    APPLICATION_COLUMNS,
    filename="access-applications.xlsx",
    back="supervision:applications",
)
blacklist_export = export_view(
    "supervision.view",
    selectors.blacklist_list,
    selectors.BlacklistEntryFilters,
    BLACKLIST_COLUMNS,
    filename="blacklist-entries.xlsx",
    back="supervision:blacklist",
)
