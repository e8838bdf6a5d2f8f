"""Spot-check plans (draw, results, publication) and the rule sets page."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.core.errors import ApplicationError
from guomen.core.permissions import can, org_in_scope, require
from guomen.core.selectors import audit_timeline
from guomen.core.timeline import timeline_entries
from guomen.core.ui import add_errors, page_of

from .. import rules as R
from .. import selectors, services
from ..choices import PlanStatus, RuleKind
from ..forms import DrawForm, PlanForm, RulesForm
from ..models import RecomputeRun, RuleSet
from ._act import act


@login_required
@require_GET
def plan_list(request):
    require(request.user, "supervision.spotcheck.view")
    qs = selectors.plan_list(user=request.user)
    return render(
        request,
        "supervision/plan_list.html",
        {
            "page": page_of(request, qs),
            "can_plan": can(request.user, "supervision.spotcheck.plan"),
            "due": selectors.publication_due(user=request.user)[:20],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request):
    require(request.user, "supervision.spotcheck.plan")
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                data={**form.cleaned_data, "org": request.user.org}, actor=request.user
            )
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The plan was created. Draw it when ready."))
            return redirect("supervision:plan_detail", pk=plan.pk)
    return render(request, "supervision/plan_new.html", {"form": form})


@login_required
@require_GET
def plan_detail(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    tasks = list(selectors.plan_tasks(plan))
    here = org_in_scope(request.user, plan.org)
    return render(
        request,
        "supervision/plan_detail.html",
        {
            "plan": plan,
            "tasks": tasks,
            "draw_form": DrawForm(),
            "can_draw": here
            and plan.status == PlanStatus.DRAFT
            and can(request.user, "supervision.spotcheck.plan"),
            "can_publish": here and can(request.user, "supervision.spotcheck.publish"),
            "timeline": timeline_entries(audit_timeline(obj=plan)),
            "unassigned": [t for t in tasks if t.needs_inspectors],
            "can_assign": here
            and plan.status == PlanStatus.DRAWN
            and can(request.user, "supervision.spotcheck.assign"),
        },
    )


@login_required
@require_POST
def plan_draw(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    return act(
        request,
        DrawForm(request.POST),
        lambda d: services.plan_draw(plan=plan, seed=d["seed"], actor=request.user),
        success=_("Enterprises and inspectors were drawn; the seed is recorded."),
        back=reverse("supervision:plan_detail", args=[pk]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def rules_page(request):
    """The documented rule sets, the parameters in force, and (for analysts) editing and recompute."""
    require(request.user, "supervision.spotcheck.view")
    can_edit = can(request.user, "supervision.rules.edit")
    if request.method == "POST":
        if request.POST.get("recompute"):
            require(request.user, "supervision.recompute")
            run = services.recompute(actor=request.user)
            messages.success(
                request,
                _("Recomputed %(n)s enterprises: %(c)s class and %(g)s grade changes.")
                % {"n": run.enterprises, "c": run.class_changes, "g": run.grade_changes},
            )
            return redirect("supervision:rules")
        kind = request.POST.get("kind", "")
        return act(
            request,
            RulesForm(request.POST),
            lambda d: services.ruleset_save(
                kind=kind, params=d["params"], actor=request.user, expected_version=d.get("version")
            ),
            success=_("The rules were saved."),
            back=reverse("supervision:rules"),
        )
    saved = {row.kind: row for row in RuleSet.objects.all()}
    sets = []
    for kind, label in RuleKind.choices:
        row = saved.get(kind)
        sets.append(
            {
                "kind": kind,
                "label": label,
                "in_force": json.dumps(services.ruleset_get(kind), ensure_ascii=False, indent=1),
                "form": RulesForm(
                    initial={
                        "params": json.dumps(row.params if row else {}, ensure_ascii=False, indent=1),
                        "version": row.version if row else None,
                    }
                ),
            }
        )
    return render(
        request,
        "supervision/rules.html",
        {
            "sets": sets,
            "can_edit": can_edit,
            "doc": R.__doc__,
            "runs": RecomputeRun.objects.all()[:5],
            "can_recompute": can(request.user, "supervision.recompute"),
        },
    )
