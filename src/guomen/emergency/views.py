"""Emergency pages: plan list → plan (contacts, drills, activations) → new plan, record a drill, activate (from the
plan or from an early warning); the response (tasks, duty roster, status reports) and its closure."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.accounts.models import OrgUnit
from guomen.core.actions import action_view, create_from, export_view, list_view, post_action, run_flashed
from guomen.core.filters import label_of
from guomen.core.permissions import can, require

from . import selectors, services
from .choices import ActivationStatus, PlanKind
from .forms import ActivateForm, CloseForm, DrillForm, DutyForm, PlanForm, ReportForm, TaskForm


def _units(user):
    if not user.org_id:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(path__startswith=user.org.path).order_by("path")


def _list_extra(user) -> dict:
    return {
        "kinds": PlanKind.choices,
        "units": _units(user),
        "can_edit": can(user, "emergency.edit"),
        "responses": selectors.activation_list(user=user, status=ActivationStatus.ACTIVE)[:20],
    }


KIND_LABEL = label_of(PlanKind)
PLAN_COLUMNS = [
    (gettext_lazy("kind"), lambda p: KIND_LABEL(p.kind)),
    (gettext_lazy("title"), lambda p: p.title),
    (gettext_lazy("unit"), lambda p: p.org.name),
    (gettext_lazy("revised on"), lambda p: p.revised_on),
    (gettext_lazy("Drills"), lambda p: p.drill_count or 0),
    (gettext_lazy("Response under way"), lambda p: p.active_count or 0),
    (gettext_lazy("command group and contacts"), lambda p: p.contacts),
]

# fmt: off
plan_list = list_view("emergency.view", selectors.plan_list, selectors.EmergencyPlanFilters, "emergency", _list_extra, export="emergency:export")
plan_export = export_view("emergency.view", selectors.plan_list, selectors.EmergencyPlanFilters, PLAN_COLUMNS, filename="emergency-plans.xlsx", back="emergency:list")
# fmt: on


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request):
    require(request.user, "emergency.edit")
    units = list(_units(request.user))
    form = PlanForm(request.POST or None, units=units, initial={"unit": request.user.org.code})

    def create(data):
        org = next(u for u in units if u.code == data.pop("unit"))
        return services.plan_save(org=org, actor=request.user, **data)

    if request.method == "POST" and (plan := create_from(form, create)):
        return redirect("emergency:plan", pk=plan.pk)
    return render(request, "emergency/plan_new.html", {"form": form})


@login_required
@require_GET
def plan_detail(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    context = {
        "plan": plan,
        "drills": selectors.drill_list(user=request.user, plan=plan)[:20],
        "activations": selectors.activation_list(user=request.user, plan=plan)[:20],
        "can_edit": can(request.user, "emergency.edit"),
        "drill_form": DrillForm(),
    }
    return render(request, "emergency/plan_detail.html", context)


def _plan(user, pk):
    return selectors.plan_get(user=user, pk=pk)


def _plan_page(plan) -> str:
    return reverse("emergency:plan", args=[plan.pk])


# fmt: off
drill_record = action_view(_plan, DrillForm, services.drill_record, "plan", gettext_lazy("The drill was recorded."), _plan_page)
# fmt: on


@login_required
@require_http_methods(["GET", "POST"])
def activation_new(request):
    """Activate a plan: from its page (the plan chosen) or from an early warning's page (the warning chosen)."""
    user = request.user
    require(user, "emergency.edit")
    plans = selectors.plan_choices(user=user)
    warnings = selectors.warnings_to_activate_on(user=user)
    initial = {"plan": request.GET.get("plan", ""), "early_warning": request.GET.get("warning", "")}
    warning = selectors.warning_visible(user=user, pk=initial["early_warning"])
    if warning is not None:
        if warning not in warnings:
            warnings.insert(0, warning)
        initial["situation"] = f"{warning.number} {warning.title}"
    form = ActivateForm(request.POST or None, plans=plans, warnings=warnings, initial=initial)

    def create(data):
        plan = next(p for p in plans if str(p.pk) == data["plan"])
        warning = (
            selectors.warning_named(user=user, ref=data["early_warning"]) if data["early_warning"] else None
        )
        return services.plan_activate(
            plan=plan,
            early_warning=warning,
            situation=data["situation"],
            instructions=data["instructions"],
            actor=user,
        )

    if request.method == "POST" and (activation := create_from(form, create)):
        return redirect("emergency:activation", pk=activation.pk)
    return render(request, "emergency/activation_new.html", {"form": form})


@login_required
@require_GET
def activation_detail(request, pk):
    user = request.user
    activation = selectors.activation_get(user=user, pk=pk)
    plan = activation.plan
    active = activation.status == ActivationStatus.ACTIVE
    people = list(selectors.responders(plan=plan)) if active else []
    tasks = list(selectors.task_list(user=user, activation=activation))
    for task in tasks:
        task.may_finish = (
            active and task.done_on is None and (task.assignee_id == user.pk or can(user, "emergency.edit"))
        )
    context = {
        "activation": activation,
        "plan": plan,
        "tasks": tasks,
        "duties": selectors.duty_list(user=user, activation=activation),
        "reports": selectors.report_list(user=user, activation=activation),
        "active": active,
        "can_edit": active and can(user, "emergency.edit"),
        "can_respond": active and can(user, "emergency.respond"),
        "task_form": TaskForm(people=people),
        "duty_form": DutyForm(people=people),
        "report_form": ReportForm(),
        "close_form": CloseForm(),
    }
    return render(request, "emergency/activation_detail.html", context)


def _activation(user, pk):
    return selectors.activation_get(user=user, pk=pk)


def _activation_page(activation) -> str:
    return reverse("emergency:activation", args=[activation.pk])


def _person_post(request, pk, form_class, field: str, service, success):
    """A task or a duty: the person is picked among the plan's staff, then the service runs."""
    activation = _activation(request.user, pk)

    def call(data):
        person = selectors.responder_named(plan=activation.plan, username=data.pop(field), field=field)
        return service(activation=activation, actor=request.user, **{field: person}, **data)

    people = selectors.responders(plan=activation.plan)
    form_class_bound = lambda post: form_class(post, people=people)  # noqa: E731
    return post_action(
        request, form_class_bound, call, success=str(success), back=_activation_page(activation)
    )


@login_required
@require_POST
def task_add(request, pk):
    return _person_post(
        request, pk, TaskForm, "assignee", services.task_add, gettext_lazy("The task was added.")
    )


@login_required
@require_POST
def duty_add(request, pk):
    return _person_post(
        request, pk, DutyForm, "person", services.duty_add, gettext_lazy("The duty was added.")
    )


@login_required
@require_POST
def task_done(request, pk, task):
    activation = _activation(request.user, pk)
    found = selectors.task_get(user=request.user, activation=activation, pk=task)
    run_flashed(
        request,
        lambda: services.task_done(task=found, actor=request.user),
        str(gettext_lazy("The task is done.")),
    )
    return redirect(_activation_page(activation))


# fmt: off
report_add = action_view(_activation, ReportForm, services.report_add, "activation", gettext_lazy("The status report was added."), _activation_page)
activation_close = action_view(_activation, CloseForm, services.activation_close, "activation", gettext_lazy("The response was closed with its review."), _activation_page)
# fmt: on
