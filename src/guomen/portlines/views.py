"""Pages of the port lines of work: for each record a list (filters, paging), a creation page and the buttons of
its rows, all in the shared shape of record pages (core.actions)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from guomen.core.actions import action_view, list_view, new_page
from guomen.core.permissions import can
from guomen.registry.selectors import enterprise_named

from . import choices as c
from . import selectors, services
from .forms import (
    ConsigneeForm,
    DecideForm,
    FindingForm,
    GradeForm,
    LicenceForm,
    RegisterForm,
    ReviewForm,
    StatusForm,
    UseForm,
)
from .models import AgencyFinding, FoodLicence, PackagingUse, WasteConsignee

# What each record's pages are: its model, list url name, statuses, the service that creates it.
LINES = {
    "licences": (FoodLicence, c.LicenceStatus, services.licence_issue, LicenceForm, "portlines.edit"),
    "consignees": (
        WasteConsignee,
        c.ConsigneeStatus,
        services.consignee_apply,
        ConsigneeForm,
        "portlines.check",
    ),
    "findings": (AgencyFinding, c.FindingStatus, services.finding_open, FindingForm, "portlines.check"),
    "uses": (PackagingUse, c.UseStatus, services.use_record, UseForm, "portlines.check"),
}
SELECTORS = {
    "licences": selectors.licence_list,
    "consignees": selectors.consignee_list,
    "findings": selectors.finding_list,
    "uses": selectors.use_list,
}


def _extra(line: str):
    model, statuses, _create, _form, create_action = LINES[line]

    def extra(user) -> dict:
        staff = user.role != "enterprise"
        return {
            "line": line,
            "statuses": statuses.choices,
            "grades": c.Grade.choices,
            "can_create": can(user, create_action) and staff,
            "can_edit": can(user, "portlines.edit") and staff,
            "can_check": can(user, "portlines.check") and staff,
        }

    return extra


def _list(line: str, keys=("q", "status")):
    return list_view("portlines.view", SELECTORS[line], keys, f"portlines/{line}", _extra(line))


def _new(line: str):
    model, _statuses, create, form_class, action = LINES[line]

    def create_record(data, user):
        enterprise = enterprise_named(user=user, uscc=data.pop("enterprise"))
        return create(enterprise=enterprise, actor=user, **data)

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request):
        done = lambda record: redirect(f"portlines:{line}")  # noqa: E731
        return new_page(request, action, form_class, create_record, f"portlines/{line}/new.html", done)

    return view


def _loader(line: str):
    model = LINES[line][0]
    return lambda user, pk: selectors.record_get(model, user=user, pk=pk)


def _button(line: str, form_class, service, record: str, success, prepare=None):
    back = lambda obj: reverse(f"portlines:{line}")  # noqa: E731
    return action_view(_loader(line), form_class, service, record, success, back, prepare)


licences = _list("licences", ("q", "status", "grade"))
licence_new = _new("licences")
licence_status = _button("licences", StatusForm, services.status_set, "record", _("The status was changed."))
licence_grade = _button(
    "licences", GradeForm, services.licence_grade, "licence", _("The grade was recorded.")
)

consignees = _list("consignees")
consignee_new = _new("consignees")
consignee_status = _button(
    "consignees", StatusForm, services.status_set, "record", _("The status was changed.")
)
# fmt: off
consignee_register = _button("consignees", RegisterForm, services.consignee_register, "consignee", _("The consignee was registered."))
consignee_review = _button("consignees", ReviewForm, services.consignee_review, "consignee", _("The annual review was recorded."))
# fmt: on

findings = _list("findings")
finding_new = _new("findings")
finding_decide = _button(
    "findings", DecideForm, services.finding_decide, "finding", _("The decision was recorded.")
)

uses = _list("uses")
use_new = _new("uses")
use_status = _button("uses", StatusForm, services.status_set, "record", _("The status was changed."))
