"""The supervision file of an enterprise: filing, class, credit, blacklist, applications, history."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from guomen.accounts.choices import Role
from guomen.core.errors import NotFound
from guomen.core.permissions import can, org_in_scope, require
from guomen.core.selectors import audit_timeline
from guomen.core.timeline import timeline_entries
from guomen.core.ui import page_of, render_list
from guomen.registry.choices import CreditGrade, EnterpriseClass

from .. import selectors, services
from ..forms import (
    BlacklistProposeForm,
    ConflictForm,
    CreditEventForm,
    FilingActionForm,
    OverrideForm,
    PetitionForm,
    ReasonForm,
)
from ._act import act


@login_required
@require_GET
def enterprise_list(request):
    require(request.user, "supervision.view")
    if request.user.role == Role.ENTERPRISE:
        return redirect("supervision:my_enterprise")
    g = request.GET
    qs = selectors.enterprise_list(
        user=request.user,
        q=g.get("q", ""),
        klass=g.get("klass", ""),
        grade=g.get("grade", ""),
        blacklisted=g.get("blacklisted") == "1",
    )
    context = {
        "page": page_of(request, qs),
        "q": g.get("q", ""),
        "classes": EnterpriseClass.choices,
        "grades": CreditGrade.choices,
        "filters": g,
    }
    return render_list(
        request, "supervision/enterprise_list.html", "supervision/partials/enterprise_rows.html", context
    )


@login_required
@require_GET
def my_enterprise(request):
    if not request.user.enterprise_id:
        raise NotFound()
    return redirect("supervision:enterprise_detail", pk=request.user.enterprise_id)


@login_required
@require_GET
def enterprise_detail(request, pk):
    user = request.user
    enterprise = selectors.enterprise_for(user=user, pk=pk)
    staff_here = user.role != Role.ENTERPRISE and org_in_scope(user, enterprise.org)
    entries = list(selectors.blacklist_list(user=user, enterprise=enterprise).prefetch_related("petitions"))
    listed = next((e for e in entries if e.status == "listed"), None)
    events = list(selectors.credit_event_list(user=user, enterprise=enterprise)[:50])
    applications = list(selectors.application_list(user=user, enterprise=enterprise)[:20])
    objects = [enterprise, *entries, *events, *applications]
    objects += [p for e in entries for p in e.petitions.all()]
    context = {
        "enterprise": enterprise,
        "standing": selectors.standing_of(enterprise),
        "changes": selectors.standing_changes(enterprise),
        "events": events,
        "entries": entries,
        "listed": listed,
        "streak": selectors.conforming_streak(listed) if listed else None,
        "applications": applications,
        "services": list(selectors.service_list(user=user, enterprise=enterprise)[:20]),
        "bases": enterprise.production_bases.order_by("code"),
        "timeline": timeline_entries(audit_timeline(objects=objects)),
        "can_decide": staff_here and can(user, "supervision.access.decide"),
        "can_override": staff_here and can(user, "supervision.classify.override"),
        "can_record": staff_here and can(user, "supervision.credit.record"),
        "can_withdraw": staff_here and can(user, "supervision.credit.withdraw"),
        "can_propose": staff_here
        and can(user, "supervision.blacklist.propose")
        and not any(e.status in ("proposed", "listed") for e in entries),
        "can_blacklist_decide": staff_here and can(user, "supervision.blacklist.decide"),
        "downgrades": selectors.downgrade_list(user=user, enterprise=enterprise, status="proposed")
        if staff_here
        else [],
        "can_downgrade_decide": staff_here and can(user, "supervision.downgrade.decide"),
        "can_petition": listed is not None
        and can(user, "supervision.petition.submit")
        and user.enterprise_id == enterprise.pk,
        "can_declare_conflict": can(user, "supervision.conflict.declare"),
        "filing_form": FilingActionForm(),
        "override_form": OverrideForm(),
        "credit_form": CreditEventForm(),
        "propose_form": BlacklistProposeForm(),
        "petition_form": PetitionForm(),
        "reason_form": ReasonForm(),
        "conflict_form": ConflictForm(),
    }
    return render(request, "supervision/enterprise_detail.html", context)


def _back(pk) -> str:
    return reverse("supervision:enterprise_detail", args=[pk])


def _staff_enterprise(request, pk):
    return selectors.enterprise_for(user=request.user, pk=pk)


@login_required
@require_POST
def filing_action(request, pk):
    enterprise = _staff_enterprise(request, pk)
    return act(
        request,
        FilingActionForm(request.POST),
        lambda d: services.enterprise_filing_change(
            enterprise=enterprise, action=d["action"], reason=d["reason"], actor=request.user
        ),
        success=_("The filing status was changed."),
        back=_back(pk),
    )


@login_required
@require_POST
def override(request, pk):
    enterprise = _staff_enterprise(request, pk)
    return act(
        request,
        OverrideForm(request.POST),
        lambda d: services.class_override(
            enterprise=enterprise,
            new_class=d["new_class"],
            reason=d["reason"],
            until=d["until"],
            actor=request.user,
        ),
        success=_("The class was set."),
        back=_back(pk),
    )


@login_required
@require_POST
def override_clear(request, pk):
    enterprise = _staff_enterprise(request, pk)
    return act(
        request,
        ReasonForm(request.POST),
        lambda d: services.class_override_clear(
            enterprise=enterprise, reason=d["reason"], actor=request.user
        ),
        success=_("The computed class applies again."),
        back=_back(pk),
    )


@login_required
@require_POST
def credit_record(request, pk):
    enterprise = _staff_enterprise(request, pk)

    def call(d):
        related = None
        if d.get("related_event"):
            related = (
                selectors.credit_event_list(user=request.user, enterprise=enterprise)
                .filter(pk=d["related_event"])
                .first()
            )
        services.credit_event_record(
            enterprise=enterprise,
            kind=d["kind"],
            severity=d["severity"],
            occurred_on=d["occurred_on"],
            description=d["description"],
            evidence=d["evidence"],
            evidence_file=d.get("evidence_file"),
            related_event=related,
            actor=request.user,
        )

    return act(
        request,
        CreditEventForm(request.POST, request.FILES),
        call,
        success=_("The credit event was recorded and the grade recomputed."),
        back=_back(pk),
    )


@login_required
@require_POST
def credit_withdraw(request, pk, event_pk):
    enterprise = _staff_enterprise(request, pk)
    event = selectors.credit_event_get(user=request.user, pk=event_pk)
    return act(
        request,
        ReasonForm(request.POST),
        lambda d: services.credit_event_withdraw(event=event, reason=d["reason"], actor=request.user),
        success=_("The credit event was withdrawn."),
        back=_back(enterprise.pk),
    )


@login_required
@require_POST
def blacklist_propose(request, pk):
    enterprise = _staff_enterprise(request, pk)
    return act(
        request,
        BlacklistProposeForm(request.POST),
        lambda d: services.blacklist_propose(
            enterprise=enterprise, reason=d["reason"], legal_basis=d["legal_basis"], actor=request.user
        ),
        success=_("The proposal was sent to a supervisor."),
        back=_back(pk),
    )


@login_required
@require_POST
def conflict_declare(request, pk):
    enterprise = _staff_enterprise(request, pk)
    return act(
        request,
        ConflictForm(request.POST),
        lambda d: services.conflict_declare(enterprise=enterprise, reason=d["reason"], actor=request.user),
        success=_("Your conflict of interest is recorded; you will not be drawn for this enterprise."),
        back=_back(pk),
    )


@login_required
@require_GET
def credit_evidence_file(request, pk, event_pk):
    """A credit event's evidence file, for whoever may see the event (never a direct /media/ address)."""
    event = selectors.credit_event_get(user=request.user, pk=event_pk)
    if event.enterprise_id != pk or not event.evidence_file:
        raise NotFound()
    name = event.evidence_file.name.rsplit("/", 1)[-1]
    return FileResponse(event.evidence_file.open("rb"), as_attachment=True, filename=name)
