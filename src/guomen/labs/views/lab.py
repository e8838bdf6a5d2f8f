"""The laboratory's pages: the queue with receipt by scan, result entry (HTMX), approval, overdue list."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.clearance import services as clearance
from guomen.core.actions import export_view
from guomen.core.errors import ApplicationError, PermissionDenied
from guomen.core.filters import label_of
from guomen.core.permissions import can, require
from guomen.core.ui import add_errors, page_of, render_list

from .. import selectors, services
from ..choices import SampleStatus, SampleType, TestKind, Verdict
from ..forms import ReasonForm, ResultForm, ScanForm
from .sampling import detail_context


def _lab_staff(user) -> None:
    if not (can(user, "lab.receive") or can(user, "lab.result") or can(user, "lab.approve")):
        raise PermissionDenied()


@login_required
@require_GET
def queue(request):
    _lab_staff(request.user)
    samples = list(selectors.lab_queue(user=request.user))
    return render(request, "labs/queue.html", {"samples": samples, "scan_form": ScanForm()})


@login_required
@require_http_methods(["GET", "POST"])
def receive(request):
    """Receipt at the counter: scan or type the code; the sample page opens for result entry."""
    require(request.user, "lab.receive")
    form = ScanForm(request.POST or None)
    if request.method == "POST":
        form.is_valid()
        try:
            sample = services.sample_receive_by_code(
                code=form.cleaned_data.get("code", ""),
                note=form.cleaned_data.get("note", ""),
                actor=request.user,
            )
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Sample %(number)s received.") % {"number": sample.number})
            return redirect("labs:sample_detail", pk=sample.pk)
    samples = list(selectors.lab_queue(user=request.user))
    status = 422 if form.errors else 200
    return render(request, "labs/queue.html", {"samples": samples, "scan_form": form}, status=status)


@login_required
@require_GET
def analyte_options(request):
    """The analytes of one test, as <option>s for the result form (HTMX)."""
    require(request.user, "lab.result")
    analytes = selectors.analytes_for(request.GET.get("test", ""))
    return render(request, "labs/partials/analyte_options.html", {"analytes": analytes})


def _results_panel(request, sample, *, form=None, status=200, **extra):
    context = detail_context(request, sample, **extra)
    if form is not None:
        context["result_form"] = form
    template = "labs/partials/results_panel.html" if request.htmx else "labs/sample_detail.html"
    return render(request, template, context, status=200 if request.htmx else status)


@login_required
@require_POST
def result_add(request, pk):
    sample = selectors.sample_get(user=request.user, pk=pk)
    tests = [(t, label) for t, label in TestKind.choices if t in sample.tests_requested]
    chosen = request.POST.get("test", "")
    form = ResultForm(request.POST, tests=tests, analytes=selectors.analytes_for(chosen))
    form.is_valid()
    data = form.cleaned_data
    try:
        item = services.result_enter(
            sample=sample,
            test=data.get("test", ""),
            analyte=data.get("analyte", ""),
            value=data.get("value", ""),
            unit=data.get("unit", ""),
            lod=data.get("lod", ""),
            method=data.get("method", ""),
            detected=form.detected_value(),
            actor=request.user,
        )
    except ApplicationError as exc:
        add_errors(form, exc)
        sample = selectors.sample_get(user=request.user, pk=pk)
        return _results_panel(request, sample, form=form, status=exc.status)
    sample = selectors.sample_get(user=request.user, pk=pk)
    notice = _("%(analyte)s: %(verdict)s") % {
        "analyte": item.analyte.name_zh,
        "verdict": item.get_verdict_display(),
    }
    level = "danger" if item.verdict == "non_conforming" else "success"
    return _results_panel(request, sample, notice=notice, notice_level=level)


@login_required
@require_POST
def results_submit_view(request, pk):
    sample = selectors.sample_get(user=request.user, pk=pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.results_submit(
            sample=sample, actor=request.user, expected_version=form.cleaned_data.get("expected_version")
        )
    except ApplicationError as exc:
        messages.error(request, "；".join([str(exc.message), *sum(exc.fields.values(), [])]))
    else:
        messages.success(request, _("Results submitted. A second analyst must approve them."))
    return redirect("labs:sample_detail", pk=sample.pk)


@login_required
@require_POST
def results_decide(request, pk, decision):
    """Second analyst: approve the results, or return them for correction with a reason."""
    sample = selectors.sample_get(user=request.user, pk=pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    version = form.cleaned_data.get("expected_version")
    try:
        if decision == "approve":
            clearance.clearance_lab_approve(sample=sample, actor=request.user, expected_version=version)
            message = _("Results approved: %(verdict)s.") % {"verdict": sample.get_verdict_display()}
        else:
            services.results_return(
                sample=sample,
                actor=request.user,
                reason=form.cleaned_data.get("reason", ""),
                expected_version=version,
            )
            message = _("Results returned for correction.")
    except ApplicationError as exc:
        messages.error(request, "；".join([str(exc.message), *sum(exc.fields.values(), [])]))
    else:
        messages.success(request, message)
    return redirect("labs:sample_detail", pk=sample.pk)


@login_required
@require_POST
def sample_reject_view(request, pk):
    sample = selectors.sample_get(user=request.user, pk=pk)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.sample_reject(
            sample=sample,
            actor=request.user,
            reason=form.cleaned_data.get("reason", ""),
            expected_version=form.cleaned_data.get("expected_version"),
        )
    except ApplicationError as exc:
        messages.error(request, "；".join([str(exc.message), *sum(exc.fields.values(), [])]))
    else:
        messages.success(request, _("Sample rejected; the inspector must take a new one."))
    return redirect("labs:sample_detail", pk=sample.pk)


@login_required
@require_GET
def overdue(request):
    require(request.user, "lab.view")
    page = page_of(request, selectors.overdue_samples(request.user))
    return render(request, "labs/overdue.html", {"page": page})


@login_required
@require_GET
def sample_list(request):
    """Every sample the user may see, with the filters of GET /api/v1/labs/samples (SampleFilters)."""
    require(request.user, "lab.view")
    filters = selectors.SampleFilters.from_query(request.GET)
    context = {
        "page_obj": page_of(request, selectors.sample_list(user=request.user, filters=filters)),
        "filters": filters,
        "statuses": SampleStatus.choices,
        "verdicts": Verdict.choices,
        "laboratories": selectors.laboratories(),
        "export_query": urlencode(filters.as_query()),
    }
    return render_list(request, "labs/sample_list.html", "labs/partials/sample_rows.html", context)


STATUS_LABEL, VERDICT_LABEL = label_of(SampleStatus), label_of(Verdict)
TYPE_LABEL, TEST_LABEL = label_of(SampleType), label_of(TestKind)
SAMPLE_COLUMNS = [
    (_l("Sample number"), lambda s: s.number),
    (_l("Declaration"), lambda s: s.declaration.number),
    (_l("Port"), lambda s: s.port.name),
    (_l("Laboratory"), lambda s: s.laboratory.name),
    (_l("Sample type"), lambda s: TYPE_LABEL(s.sample_type)),
    (_l("Quantity"), lambda s: f"{s.quantity.normalize():f} {s.unit}"),
    (
        _l("Tests"),
        lambda s: [str(TEST_LABEL(t)) for t in s.tests_requested],
    ),
    (_l("Status"), lambda s: STATUS_LABEL(s.status)),
    (_l("Verdict"), lambda s: VERDICT_LABEL(s.verdict)),
    (_l("Result due"), lambda s: s.due_date),
]


sample_export = export_view(  # the page's filters (SampleFilters), the page's rows
    "lab.view",
    selectors.sample_list,
    selectors.SampleFilters,
    SAMPLE_COLUMNS,
    filename="lab-samples.xlsx",
    back="labs:sample_list",
)
