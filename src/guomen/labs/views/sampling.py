"""The inspector's sampling pages (phone first): register a sample, print its label, seal and hand over."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.core.errors import ApplicationError, Conflict
from guomen.core.pdf import render_pdf
from guomen.core.permissions import can, org_in_scope, require
from guomen.core.qr import qr_png_data_uri, qr_svg_inline
from guomen.core.timeline import timeline_entries
from guomen.core.ui import add_errors

from .. import selectors, services
from ..choices import SampleStatus, TestKind
from ..forms import ReasonForm, ResultForm, SampleForm, ScanForm

# The next custody step an inspector confirms on the phone, with its button label.
INSPECTOR_STEPS = {
    SampleStatus.REGISTERED: SampleStatus.SEALED,
    SampleStatus.SEALED: SampleStatus.HANDED_OVER,
}


@login_required
@require_http_methods(["GET", "POST"])
def sample_new(request, task_pk):
    require(request.user, "lab.sample")
    task = selectors.task_get(user=request.user, pk=task_pk)
    lines = selectors.task_lines(task)
    labs = selectors.laboratories()
    form = SampleForm(
        request.POST or None,
        laboratories=labs,
        lines=lines,
        initial={
            "tests": [TestKind.PESTICIDE_RESIDUES],
            "laboratory": labs[0].code if len(labs) == 1 else "",
        },
    )
    status = 200
    if request.method == "POST":
        form.is_valid()
        data = form.cleaned_data
        line = next((ln for ln in lines if str(ln.pk) == data.get("line")), None)
        try:
            sample = services.sample_register(
                task=task,
                sample_type=data.get("sample_type", ""),
                quantity=data.get("quantity", ""),
                unit=data.get("unit", ""),
                tests=data.get("tests", []),
                laboratory=data.get("laboratory", ""),
                line=line,
                notes=data.get("notes", ""),
                actor=request.user,
            )
        except ApplicationError as exc:
            add_errors(form, exc)
            status = 422
        else:
            messages.success(
                request,
                _("Sample %(number)s registered. Print the label and seal the sample.")
                % {"number": sample.number},
            )
            return redirect("labs:sample_detail", pk=sample.pk)
    context = {"task": task, "form": form, "samples": selectors.samples_for_task(task)}
    return render(request, "labs/sample_new.html", context, status=status)


def _qr_svg(text: str) -> str:
    return qr_svg_inline(text)


def detail_context(request, sample, **extra) -> dict:
    """Everything the sample page shows; which panels appear depends on the user's role and the status."""
    user = request.user
    in_port = org_in_scope(user, sample.port)
    in_lab = org_in_scope(user, sample.laboratory.org)
    next_step = INSPECTOR_STEPS.get(sample.status)
    can_enter = (
        can(user, "lab.result") and in_lab and sample.status in (SampleStatus.RECEIVED, SampleStatus.TESTING)
    )
    items = list(sample.items.all())
    context = {
        "sample": sample,
        "items": items,
        "custody": list(sample.custody.all()),
        "timeline": timeline_entries(selectors.sample_timeline(sample)),
        "qr_svg": _qr_svg(sample.number),
        "next_step": next_step,
        "next_step_label": SampleStatus(next_step).label if next_step else "",
        "can_custody": bool(next_step) and can(user, "lab.custody") and in_port,
        "can_receive": sample.status == SampleStatus.HANDED_OVER and can(user, "lab.receive") and in_lab,
        "can_enter": can_enter,
        "can_submit": can_enter and sample.status == SampleStatus.TESTING and bool(items),
        "can_approve": sample.status == SampleStatus.RESULTS_ENTERED
        and can(user, "lab.approve")
        and in_lab
        and all(i.entered_by_id != user.pk for i in items),
        "entered_by_me": any(i.entered_by_id == user.pk for i in items),
        "can_reject": can(user, "lab.receive")
        and in_lab
        and sample.status in (SampleStatus.HANDED_OVER, SampleStatus.RECEIVED, SampleStatus.TESTING),
        "scan_form": ScanForm(initial={"expected_version": sample.version}),
        "reason_form": ReasonForm(initial={"expected_version": sample.version}),
    }
    if can_enter:
        tests = [(t, label) for t, label in TestKind.choices if t in sample.tests_requested]
        first = tests[0][0] if tests else ""
        context["result_form"] = ResultForm(tests=tests, analytes=selectors.analytes_for(first))
    return context | extra


@login_required
@require_GET
def sample_detail(request, pk):
    sample = selectors.sample_get(user=request.user, pk=pk)
    return render(request, "labs/sample_detail.html", detail_context(request, sample))


@login_required
@require_POST
def custody(request, pk):
    """The inspector scans the label to confirm the next step: sealed, then handed over."""
    sample = selectors.sample_get(user=request.user, pk=pk)
    form = ScanForm(request.POST)
    form.is_valid()
    step = INSPECTOR_STEPS.get(sample.status)
    try:
        if step is None:
            raise Conflict(_("There is no custody step for you to confirm now."))
        services.sample_custody(
            sample=sample,
            step=step,
            scanned_code=form.cleaned_data.get("code", ""),
            note=form.cleaned_data.get("note", ""),
            actor=request.user,
            expected_version=form.cleaned_data.get("expected_version"),
        )
    except ApplicationError as exc:
        add_errors(form, exc)
        sample = selectors.sample_get(user=request.user, pk=pk)
        context = detail_context(request, sample, scan_form=form)
        return render(request, "labs/sample_detail.html", context, status=exc.status)
    messages.success(request, _("%(step)s: confirmed.") % {"step": SampleStatus(step).label})
    return redirect("labs:sample_detail", pk=sample.pk)


@login_required
@require_GET
def sample_label(request, pk):
    """The printable label: number, QR code, declaration, sample details (A4 sheet, label at the top)."""
    sample = selectors.sample_get(user=request.user, pk=pk)
    pdf = render_pdf(
        "labs/pdf/label.html",
        {
            "sample": sample,
            "qr_data_uri": qr_png_data_uri(sample.number),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{sample.number}.pdf"'
    return response


@login_required
@require_GET
def task_samples(request, task_pk):
    """The samples of one inspection task with their results (the inspector follows them here)."""
    require(request.user, "lab.view")
    task = selectors.task_get(user=request.user, pk=task_pk)
    context = {
        "task": task,
        "samples": selectors.samples_for_task(task),
        "can_sample": can(request.user, "lab.sample"),
    }
    return render(request, "labs/task_samples.html", context)
