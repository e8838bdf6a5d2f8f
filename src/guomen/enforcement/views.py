"""Enforcement pages: the overview (the latest interviews, commitments, handovers and campaign partners, with the
forms to record them), a paged list of each, a handover's page with its reply and outcome, and the buttons on a
row (interview held or cancelled, commitment broken, handover accepted/returned/concluded, partner status)."""

from functools import lru_cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from guomen.core.actions import action_view, export_view, form_problems, list_view, run_flashed
from guomen.core.errors import NotFound
from guomen.core.filters import label_of
from guomen.core.permissions import can, require
from guomen.registry.selectors import enterprise_named

from . import selectors, services
from .choices import Agency, CommitmentKind, CommitmentStatus, Direction, HandoverStatus, InterviewStatus
from .forms import (
    BreakForm,
    CancelForm,
    CommitmentForm,
    HandoverForm,
    HandoverStatusForm,
    HoldForm,
    InterviewForm,
    PartnerForm,
    PartnerStatusForm,
)

FORMS = {
    "interview": InterviewForm,
    "commitment": CommitmentForm,
    "handover": HandoverForm,
    "partner": PartnerForm,
}
LATEST = 10  # rows of each list on the overview; the lists have their own paged pages


def _enterprise(user, uscc: str):
    return enterprise_named(user=user, uscc=uscc) if uscc else None


def _rights(user) -> dict:
    staff = user.role != "enterprise"
    return {
        "staff": staff,
        "can_edit": staff and can(user, "enforcement.edit"),
        "can_record": staff and can(user, "enforcement.record"),
    }


def _row_fields() -> dict:
    """What every row's buttons share, made once per language rather than once a row: the widgets of the per-row
    forms and the row links (`u.<name>` is the link's prefix and suffix around the row's id)."""
    return _row_fields_in(get_language())


@lru_cache(maxsize=8)
def _blank_forms_in(_language: str) -> dict:
    """The overview's four empty creation forms, their fields rendered once per language (no per-request data: the
    CSRF token is written by the page)."""
    return {
        name: mark_safe(
            "".join(render_to_string("core/partials/field.html", {"field": f}) for f in form_class())
        )
        for name, form_class in FORMS.items()
    }


@lru_cache(maxsize=8)
def _row_fields_in(_language: str) -> dict:
    def around(name: str) -> tuple[str, str]:
        prefix, _zero, suffix = reverse(name, args=[0]).rpartition("/0/")
        return prefix + "/", "/" + suffix

    return {
        "hold_fields": [str(field) for field in HoldForm()],
        "cancel_fields": [str(field) for field in CancelForm()],
        "break_fields": [str(field) for field in BreakForm()],
        "partner_status_fields": [str(field) for field in PartnerStatusForm()],
        "u": {
            "enterprise": around("supervision:enterprise_detail"),
            "hold": around("enforcement:interview_hold"),
            "cancel": around("enforcement:interview_cancel"),
            "break": around("enforcement:commitment_break"),
            "handover": around("enforcement:handover"),
            "partner": around("enforcement:partner_status"),
        },
    }


def _record(request, which: str):
    form_class = FORMS.get(which)
    if form_class is None:
        raise NotFound()
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, form_problems(form))
        return
    d = dict(form.cleaned_data)
    user = request.user
    calls = {
        "interview": lambda: services.interview_schedule(
            enterprise=_enterprise(user, d["enterprise"]),
            scheduled_on=d["scheduled_on"],
            subject=d["subject"],
            actor=user,
        ),
        "commitment": lambda: services.commitment_record(
            enterprise=_enterprise(user, d["enterprise"]),
            kind=d["kind"],
            signed_on=d["signed_on"],
            valid_until=d["valid_until"],
            text=d["text"],
            actor=user,
        ),
        "partner": lambda: services.partner_invite(
            campaign=selectors.campaign_named(user=user, code=d["campaign"]),
            agency=d["agency"],
            agency_office=d["agency_office"],
            role=d["role"],
            actor=user,
        ),
        "handover": lambda: services.handover_record(
            enterprise=_enterprise(user, d["enterprise"]),
            direction=d["direction"],
            agency=d["agency"],
            agency_office=d["agency_office"],
            subject=d["subject"],
            handed_on=d["handed_on"],
            reference=d["reference"],
            actor=user,
        ),
    }
    run_flashed(request, calls[which], _("Saved."))


@login_required
@require_http_methods(["GET", "POST"])
def overview(request):
    require(request.user, "enforcement.view")
    if request.method == "POST":
        _record(request, request.POST.get("form", ""))
        return redirect("enforcement:list")
    user = request.user
    rights = _rights(user)
    context = {
        **rights,
        **_row_fields(),
        "interviews": selectors.interview_list(user=user)[:LATEST],
        "commitments": selectors.commitment_list(user=user)[:LATEST],
        "handovers": selectors.handover_list(user=user)[:LATEST] if rights["staff"] else [],
        "partners": selectors.partner_list(user=user).order_by("-campaign__starts_on", "agency")[:LATEST],
        "blank": _blank_forms_in(get_language()),
    }
    return render(request, "enforcement/overview.html", context)


def _list_extra(user) -> dict:
    return {
        **_rights(user),
        **_row_fields(),
        "interview_statuses": InterviewStatus.choices,
        "commitment_kinds": CommitmentKind.choices,
        "commitment_statuses": CommitmentStatus.choices,
        "directions": Direction.choices,
        "handover_statuses": HandoverStatus.choices,
        "agencies": Agency.choices,
    }


INTERVIEW_STATUS, KIND, COMMITMENT_STATUS = (
    label_of(InterviewStatus),
    label_of(CommitmentKind),
    label_of(CommitmentStatus),
)
DIRECTION, AGENCY, HANDOVER_STATUS = label_of(Direction), label_of(Agency), label_of(HandoverStatus)
_ENTERPRISE = [
    (gettext_lazy("enterprise"), lambda r: r.enterprise.name_zh if r.enterprise_id else ""),
    (gettext_lazy("unified social credit code"), lambda r: r.enterprise.uscc if r.enterprise_id else ""),
]
INTERVIEW_COLUMNS = [
    *_ENTERPRISE,
    (gettext_lazy("scheduled for"), lambda i: i.scheduled_on),
    (gettext_lazy("subject"), lambda i: i.subject),
    (gettext_lazy("attended by the enterprise"), lambda i: i.attendees),
    (gettext_lazy("what was agreed"), lambda i: i.outcome),
    (gettext_lazy("status"), lambda i: INTERVIEW_STATUS(i.status)),
]
COMMITMENT_COLUMNS = [
    *_ENTERPRISE,
    (gettext_lazy("kind"), lambda c: KIND(c.kind)),
    (gettext_lazy("signed on"), lambda c: c.signed_on),
    (gettext_lazy("valid until"), lambda c: c.valid_until),
    (gettext_lazy("commitment"), lambda c: c.text),
    (gettext_lazy("status"), lambda c: COMMITMENT_STATUS(c.status)),
]
HANDOVER_COLUMNS = [
    (pgettext_lazy("handover", "direction"), lambda h: DIRECTION(h.direction)),
    (gettext_lazy("partner agency"), lambda h: AGENCY(h.agency)),
    (gettext_lazy("partner office"), lambda h: h.agency_office),
    (gettext_lazy("date"), lambda h: h.handed_on),
    (gettext_lazy("subject"), lambda h: h.subject),
    *_ENTERPRISE,
    (gettext_lazy("document reference"), lambda h: h.reference),
    (gettext_lazy("status"), lambda h: HANDOVER_STATUS(h.status)),
    (gettext_lazy("result"), lambda h: h.result),
]

# fmt: off
interview_list = list_view("enforcement.view", selectors.interview_list, selectors.InterviewFilters, "enforcement/interviews", _list_extra, export="enforcement:interview_export")
commitment_list = list_view("enforcement.view", selectors.commitment_list, selectors.CommitmentFilters, "enforcement/commitments", _list_extra, export="enforcement:commitment_export")
handover_list = list_view("enforcement.edit", selectors.handover_list, selectors.HandoverFilters, "enforcement/handovers", _list_extra, export="enforcement:handover_export")
interview_export = export_view("enforcement.view", selectors.interview_list, selectors.InterviewFilters, INTERVIEW_COLUMNS, filename="interviews.xlsx", back="enforcement:interviews")
commitment_export = export_view("enforcement.view", selectors.commitment_list, selectors.CommitmentFilters, COMMITMENT_COLUMNS, filename="commitments.xlsx", back="enforcement:commitments")
handover_export = export_view("enforcement.edit", selectors.handover_list, selectors.HandoverFilters, HANDOVER_COLUMNS, filename="handovers.xlsx", back="enforcement:handovers")
# fmt: on


@login_required
@require_GET
def handover_detail(request, pk):
    require(request.user, "enforcement.edit")
    handover = selectors.handover_get(user=request.user, pk=pk)
    context = {**_rights(request.user), "handover": handover, "status_form": HandoverStatusForm()}
    return render(request, "enforcement/handover_detail.html", context)


def _interview(user, pk):
    return selectors.interview_get(user=user, pk=pk)


def _commitment(user, pk):
    return selectors.commitment_get(user=user, pk=pk)


def _handover(user, pk):
    return selectors.handover_get(user=user, pk=pk)


def _partner(user, pk):
    return selectors.partner_get(user=user, pk=pk)


def _overview(_obj) -> str:
    return reverse("enforcement:list")


def _handover_page(handover) -> str:
    return reverse("enforcement:handover", args=[handover.pk])


# fmt: off
interview_hold = action_view(_interview, HoldForm, services.interview_hold, "interview", gettext_lazy("The interview was recorded; it counts in the enterprise's credit."), _overview)
interview_cancel = action_view(_interview, CancelForm, services.interview_cancel, "interview", gettext_lazy("The interview was cancelled."), _overview)
commitment_break = action_view(_commitment, BreakForm, services.commitment_break, "commitment", gettext_lazy("The broken commitment was recorded; it counts in the enterprise's credit as a violation."), _overview)
handover_status = action_view(_handover, HandoverStatusForm, services.handover_set_status, "handover", gettext_lazy("The case's status was changed."), _handover_page)
partner_status = action_view(_partner, PartnerStatusForm, services.partner_set_status, "partner", gettext_lazy("The partner agency's status was changed."), _overview)
# fmt: on
