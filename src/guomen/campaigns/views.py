"""Campaign pages: list (with its Excel export, filtered like GET /api/v1/campaigns), new, the campaign with live progress, activities, outreach, links, report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.core.actions import export_view, list_view
from guomen.core.errors import ApplicationError, NotFound, PermissionDenied
from guomen.core.filters import label_of
from guomen.core.permissions import can, org_in_scope, require
from guomen.core.ui import add_errors

from . import selectors, services
from .choices import CampaignKind, CampaignStatus
from .figures import campaign_figures, progress
from .forms import ActivityForm, CampaignForm, LinkForm, OutreachForm
from .report import RENDERERS, campaign_report, line_sentences

CONTENT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


KIND_LABEL = label_of(CampaignKind)
STATUS_LABEL = label_of(CampaignStatus)
CAMPAIGN_COLUMNS = [
    (_l("name"), lambda c: c.name),
    (_l("code"), lambda c: c.code),
    (_l("kind"), lambda c: KIND_LABEL(c.kind)),
    (_l("organiser"), lambda c: c.org.name),
    (_l("from"), lambda c: c.starts_on),
    (_l("to"), lambda c: c.ends_on),
    (_l("status"), lambda c: STATUS_LABEL(c.status)),
]


def _list_extra(user) -> dict:
    return {"statuses": CampaignStatus.choices, "can_edit": can(user, "campaign.edit")}


# fmt: off
campaign_list = list_view("campaign.view", selectors.campaign_list, selectors.CampaignFilters, "campaigns", _list_extra, export="campaigns:export")
campaign_export = export_view("campaign.view", selectors.campaign_list, selectors.CampaignFilters, CAMPAIGN_COLUMNS, filename="campaigns.xlsx", back="campaigns:list")
# fmt: on


@login_required
@require_http_methods(["GET", "POST"])
def campaign_new(request):
    require(request.user, "campaign.edit")
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("code", "name", "kind", "theme", "starts_on", "ends_on")}
        try:
            campaign = services.campaign_create(data=data, targets=form.targets(), actor=request.user)
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            return redirect("campaigns:detail", code=campaign.code)
    return render(request, "campaigns/new.html", {"form": form})


@login_required
@require_GET
def campaign_detail(request, code):
    campaign = selectors.campaign_get(user=request.user, code=code)
    figures = campaign_figures(campaign)
    context = {
        "campaign": campaign,
        "figures": figures,
        "progress": progress(campaign, figures),
        "line_sentences": line_sentences(figures["lines"]),
    }
    if request.htmx:
        return render(request, "campaigns/partials/progress.html", context)
    here = org_in_scope(request.user, campaign.org)
    context |= {
        "can_record": services.takes_part(request.user, campaign)
        and can(request.user, "campaign.record")
        and campaign.status in ("planned", "active"),
        "activities": campaign.activities.order_by("held_on"),
        "outreach": campaign.outreach.order_by("held_on")[:50],
        "can_edit": here and can(request.user, "campaign.edit"),
        "activity_form": ActivityForm(),
        "outreach_form": OutreachForm(),
        "link_form": LinkForm(),
    }
    return render(request, "campaigns/detail.html", context)


def _post(request, code, form_class, call, success):
    campaign = selectors.campaign_get(user=request.user, code=code)
    form = form_class(request.POST)
    back = reverse("campaigns:detail", args=[code])
    if not form.is_valid():
        messages.error(
            request,
            " ".join(
                f"{form.fields[k].label if k in form.fields else ''}: {e}"
                for k, errs in form.errors.items()
                for e in errs
            ),
        )
        return redirect(back)
    try:
        call(campaign, form.cleaned_data)
    except (PermissionDenied, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, " ".join(p for ps in exc.fields.values() for p in ps) or str(exc.message))
    else:
        messages.success(request, success)
    return redirect(back)


@login_required
@require_POST
def activity_add(request, code):
    return _post(
        request,
        code,
        ActivityForm,
        lambda c, d: services.activity_add(campaign=c, data=d, actor=request.user),
        _("The activity was added."),
    )


@login_required
@require_POST
def outreach_add(request, code):
    return _post(
        request,
        code,
        OutreachForm,
        lambda c, d: services.outreach_record(campaign=c, data=d, actor=request.user),
        _("The outreach record was added."),
    )


@login_required
@require_POST
def link_add(request, code):
    return _post(
        request,
        code,
        LinkForm,
        lambda c, d: services.campaign_link(
            campaign=c, kind=d["kind"], object_id=d["object_id"], actor=request.user
        ),
        _("The record now counts towards the campaign."),
    )


@login_required
@require_POST
def status_change(request, code):
    campaign = selectors.campaign_get(user=request.user, code=code)
    try:
        services.campaign_set_status(campaign=campaign, to=request.POST.get("to", ""), actor=request.user)
    except (PermissionDenied, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
    return redirect("campaigns:detail", code=code)


@login_required
@require_GET
def report(request, code, fmt):
    campaign = selectors.campaign_get(user=request.user, code=code)
    if fmt not in RENDERERS:
        raise NotFound()
    response = HttpResponse(campaign_report(campaign, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{campaign.code}.{fmt}"'
    return response
