"""Pages of the port lines of work: for each record a list (filters, paging), a creation page and the buttons of
its rows, all in the shared shape of record pages (core.actions); an inspection agency also has its own page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from guomen.core.actions import action_view, export_view, list_view, new_page
from guomen.core.permissions import can, require
from guomen.registry.selectors import enterprise_named

from . import choices as c
from . import columns, selectors, services
from .forms import (
    AgencyForm,
    AgencyRegisterForm,
    CloseForm,
    ConsigneeForm,
    DecideForm,
    FindingForm,
    GradeForm,
    LicenceForm,
    MakerForm,
    MonitoringForm,
    PerformanceForm,
    RegisterForm,
    ReviewForm,
    StatusForm,
    UseForm,
)
from .models import (
    AgencyFinding,
    AgencyRegistration,
    FoodLicence,
    PackagingMaker,
    PackagingUse,
    PerformanceTest,
    WasteConsignee,
)

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
    "agencies": (
        AgencyRegistration,
        c.AgencyStatus,
        services.agency_apply,
        AgencyForm,
        "portlines.check",
    ),
    "monitoring": (None, c.MonitoringStatus, services.monitoring_record, MonitoringForm, "portlines.check"),
    "makers": (PackagingMaker, c.MakerStatus, services.maker_register, MakerForm, "portlines.edit"),
    "tests": (
        PerformanceTest,
        c.PerformanceStatus,
        services.performance_record,
        PerformanceForm,
        "portlines.check",
    ),
}
# What each list is: its selector and FilterSet (the API takes the same), its record's name in the URL names, the
# columns of its Excel export.
LISTS = {
    "licences": (selectors.licence_list, selectors.LicenceFilters, "licence", columns.LICENCES),
    "consignees": (selectors.consignee_list, selectors.ConsigneeFilters, "consignee", columns.CONSIGNEES),
    "findings": (selectors.finding_list, selectors.FindingFilters, "finding", columns.FINDINGS),
    "uses": (selectors.use_list, selectors.UseFilters, "use", columns.USES),
    "agencies": (selectors.agency_list, selectors.AgencyFilters, "agency", columns.AGENCIES),
    "monitoring": (selectors.monitoring_list, selectors.MonitoringFilters, "monitoring", columns.MONITORING),
    "makers": (selectors.maker_list, selectors.MakerFilters, "maker", columns.MAKERS),
    "tests": (selectors.performance_list, selectors.PerformanceFilters, "test", columns.TESTS),
}


TABS = [
    ("licences", "portlines:licences", _("Food hygiene licences")),
    ("monitoring", "portlines:monitoring", _("Hygiene monitoring")),
    ("consignees", "portlines:consignees", _("Solid-waste consignees")),
    ("agencies", "portlines:agencies", _("Inspection agencies")),
    ("findings", "portlines:findings", _("Agency findings (口岸天平)")),
    ("makers", "portlines:makers", _("Packaging makers")),
    ("tests", "portlines:tests", _("Performance tests")),
    ("uses", "portlines:uses", _("Packaging use inspections")),
]


def _extra(line: str):
    model, statuses, _create, _form, create_action = LINES[line]

    def extra(user) -> dict:
        staff = user.role != "enterprise"
        return {
            "line": line,
            "portlines_tabs": TABS,
            "statuses": statuses.choices,
            "grades": c.Grade.choices,
            "scopes": c.AgencyScope.choices,
            "categories": c.MonitoringCategory.choices,
            "can_create": can(user, create_action) and staff,
            "can_edit": can(user, "portlines.edit") and staff,
            "can_check": can(user, "portlines.check") and staff,
        }

    return extra


def _list(line: str):
    selector, filters, record, _columns = LISTS[line]
    export = f"portlines:{record}_export"
    return list_view("portlines.view", selector, filters, f"portlines/{line}", _extra(line), export=export)


def _export(line: str):
    """The list as an XLSX file: the page's filters and scope, the columns of its rows."""
    selector, filters, _record, cols = LISTS[line]
    name = f"portlines-{line}.xlsx"
    return export_view("portlines.view", selector, filters, cols, filename=name, back=f"portlines:{line}")


def _with_enterprise(create):
    def create_record(data, user):
        enterprise = enterprise_named(user=user, uscc=data.pop("enterprise"))
        return create(enterprise=enterprise, actor=user, **data)

    return create_record


def _monitoring(data, user):
    number, port = data.pop("licence"), data.pop("port")
    licence = selectors.licence_named(user=user, number=number) if number else None
    org = selectors.port_named(port) if port and licence is None else None
    return services.monitoring_record(licence=licence, org=org, actor=user, **data)


def _performance(data, user):
    maker = selectors.maker_named(user=user, number=data.pop("maker"))
    return services.performance_record(maker=maker, actor=user, **data)


CREATE = {"monitoring": _monitoring, "tests": _performance}


def _new(line: str):
    model, _statuses, create, form_class, action = LINES[line]
    create_record = CREATE.get(line) or _with_enterprise(create)

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


licences = _list("licences")
licence_export = _export("licences")
licence_new = _new("licences")
licence_status = _button("licences", StatusForm, services.status_set, "record", _("The status was changed."))
licence_grade = _button(
    "licences", GradeForm, services.licence_grade, "licence", _("The grade was recorded.")
)

consignees = _list("consignees")
consignee_export = _export("consignees")
consignee_new = _new("consignees")
consignee_status = _button(
    "consignees", StatusForm, services.status_set, "record", _("The status was changed.")
)
# fmt: off
consignee_register = _button("consignees", RegisterForm, services.consignee_register, "consignee", _("The consignee was registered."))
consignee_review = _button("consignees", ReviewForm, services.consignee_review, "consignee", _("The annual review was recorded."))
# fmt: on

findings = _list("findings")
finding_export = _export("findings")
finding_new = _new("findings")
finding_decide = _button(
    "findings", DecideForm, services.finding_decide, "finding", _("The decision was recorded.")
)

uses = _list("uses")
use_export = _export("uses")
use_new = _new("uses")
use_status = _button("uses", StatusForm, services.status_set, "record", _("The status was changed."))

agencies = _list("agencies")
agency_export = _export("agencies")
agency_new = _new("agencies")
agency_status = _button("agencies", StatusForm, services.status_set, "record", _("The status was changed."))
# fmt: off
agency_register = _button("agencies", AgencyRegisterForm, services.agency_register, "registration", _("The agency was registered."))
agency_review = _button("agencies", ReviewForm, services.agency_review, "registration", _("The annual review was recorded."))
# fmt: on


@login_required
@require_GET
def agency(request, pk: int):
    """An inspection agency's page: its registration and scope, its findings and the penalties decided."""
    require(request.user, "portlines.view")
    context = selectors.agency_page(user=request.user, pk=pk) | _extra("agencies")(request.user)
    return render(request, "portlines/agencies/detail.html", context)


monitoring = _list("monitoring")
monitoring_export = _export("monitoring")
monitoring_new = _new("monitoring")
monitoring_close = action_view(
    lambda user, pk: selectors.monitoring_get(user=user, pk=pk),
    CloseForm,
    services.monitoring_close,
    "record",
    _("The status was changed."),
    lambda obj: reverse("portlines:monitoring"),
)

makers = _list("makers")
maker_export = _export("makers")
maker_new = _new("makers")
maker_status = _button("makers", StatusForm, services.status_set, "record", _("The status was changed."))

tests = _list("tests")
test_export = _export("tests")
test_new = _new("tests")
test_status = _button("tests", StatusForm, services.status_set, "record", _("The status was changed."))
