"""Emergency reads through restrict(): staff of the unit and below; never enterprises."""

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _
from ninja import Field

from guomen.accounts.choices import Role
from guomen.accounts.models import User
from guomen.core.errors import NotFound, ValidationFailed
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import can, restrict
from guomen.risk.selectors import warning_list

from .choices import ActivationStatus, PlanKind
from .models import Activation, ActivationTask, Drill, DutyShift, EmergencyPlan, StatusReport


def _get(qs, pk):
    found = qs.filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound()
    return found


class EmergencyPlanFilters(FilterSet):
    """The emergency plan list's filters: the page (emergency:list), its export and GET /api/v1/emergency/plans."""

    q: str = Field("", max_length=60, description="Title or contacts (part of it)")
    kind: one_of(PlanKind, "The kind of emergency the plan answers") = ""
    unit: str = Field("", max_length=20, description="Code of the unit keeping the plan")


def plan_list(*, user, filters: EmergencyPlanFilters | None = None, **given) -> QuerySet:
    """The plans of the user's unit and below, with the number of drills and of active responses."""
    f = filters or EmergencyPlanFilters(**given)
    kind, unit, q = f.kind, f.unit, f.q
    qs = restrict(EmergencyPlan.objects.all(), user, "emergency.view").select_related("org")
    if kind:
        qs = qs.filter(kind=kind)
    if unit:
        qs = qs.filter(org__code=unit)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(contacts__icontains=q))
    return qs.annotate(
        drill_count=_count(Drill.objects.filter(plan=OuterRef("pk"))),
        active_count=_count(Activation.objects.filter(plan=OuterRef("pk"), status=ActivationStatus.ACTIVE)),
    ).order_by("kind", "org__path", "id")


def _count(rows):
    """The number of `rows` (correlated on the outer plan), as a subquery: counted for each row shown."""
    return Subquery(rows.order_by().values("plan").annotate(n=Count("pk")).values("n")[:1])


def plan_choices(*, user) -> list:
    """The plans a response may start from (the activation form's picker): no counts, only what it shows."""
    qs = restrict(EmergencyPlan.objects.all(), user, "emergency.view")
    return list(qs.only("id", "kind", "title").order_by("kind", "id"))


def plan_get(*, user, pk) -> EmergencyPlan:
    return _get(restrict(EmergencyPlan.objects.all(), user, "emergency.view").select_related("org"), pk)


def drill_list(*, user, plan=None) -> QuerySet:
    qs = restrict(Drill.objects.all(), user, "emergency.view").select_related("plan", "recorded_by")
    return qs.filter(plan=plan) if plan is not None else qs


class ActivationFilters(FilterSet):
    """The response list's filters: GET /api/v1/emergency/activations (the responses have no list page of their
    own; the plan list shows those under way)."""

    status: one_of(ActivationStatus, "Where the response stands: under way or closed") = ""


def activation_list(
    *, user, filters: ActivationFilters | None = None, plan=None, early_warning=None, **given
) -> QuerySet:
    """Responses of plans of the user's unit and below, and those the user is named on (a task or a duty);
    `filters` (or its fields as keywords) choose them."""
    status = (filters or ActivationFilters(**given)).status
    qs = restrict(Activation.objects.all(), user, "emergency.view")
    if can(user, "emergency.view") and not user.is_superuser:
        named = Q(pk__in=ActivationTask.objects.filter(assignee=user).values("activation_id")) | Q(
            pk__in=DutyShift.objects.filter(person=user).values("activation_id")
        )
        qs = Activation.objects.filter(Q(pk__in=qs.values("pk")) | named)
    qs = qs.select_related("plan", "plan__org", "early_warning")
    if status:
        qs = qs.filter(status=status)
    if plan is not None:
        qs = qs.filter(plan=plan)
    if early_warning is not None:
        qs = qs.filter(early_warning=early_warning)
    return qs.order_by("-started_on", "-id")


def activation_get(*, user, pk) -> Activation:
    return _get(activation_list(user=user), pk)


# The rows of a response are read through the response, which the caller got from activation_get (its scope).


def task_list(*, user, activation) -> QuerySet:
    qs = (
        ActivationTask.objects.filter(activation=activation)
        if can(user, "emergency.view")
        else ActivationTask.objects.none()
    )
    return qs.select_related("assignee", "done_by").order_by("due_on", "id")


def task_get(*, user, activation, pk) -> ActivationTask:
    return _get(task_list(user=user, activation=activation).select_related("activation__plan__org"), pk)


def duty_list(*, user, activation) -> QuerySet:
    qs = (
        DutyShift.objects.filter(activation=activation)
        if can(user, "emergency.view")
        else DutyShift.objects.none()
    )
    return qs.select_related("person").order_by("starts_at", "id")


def report_list(*, user, activation) -> QuerySet:
    qs = (
        StatusReport.objects.filter(activation=activation)
        if can(user, "emergency.view")
        else StatusReport.objects.none()
    )
    return qs.select_related("author").order_by("-reported_at", "-id")


def responders(*, plan) -> QuerySet:
    """Who may be given a task or a duty on the plan's response: active staff of its unit and below."""
    return (
        User.objects.filter(is_active=True, org__path__startswith=plan.org.path)
        .exclude(role__in=[Role.ENTERPRISE, Role.SYSTEM])
        .select_related("org")
        .order_by("org__path", "username")
    )


def responder_named(*, plan, username: str, field: str):

    found = responders(plan=plan).filter(username=str(username or "").strip()).first()
    if found is None:
        raise ValidationFailed(fields={field: [_("Choose a member of staff of the plan's unit.")]})
    return found


def warnings_to_activate_on(*, user, limit: int = 50) -> list:
    """The early warnings a response may start from: those the user may see, published or validated, newest
    first."""
    return list(warning_list(user=user).filter(status__in=["published", "validated"])[:limit])


def warning_visible(*, user, pk):
    """The early warning of that id if the user may see it, else None."""
    return warning_list(user=user).filter(pk=pk).first() if str(pk or "").isdigit() else None


def warning_named(*, user, ref):
    """An early warning given by number or id, among those the user may see; else an error on its field."""
    ref = str(ref or "").strip()
    qs = warning_list(user=user)
    found = (qs.filter(pk=ref).first() if ref.isdigit() else None) or qs.filter(number=ref).first()
    if found is None:
        raise ValidationFailed(fields={"early_warning": [_("No such early warning that you may see.")]})
    return found


def activations_on_warning(*, user, warning) -> list:
    """The responses started on an early warning (for its page)."""
    return list(activation_list(user=user, early_warning=warning)[:10])


def my_open_tasks(user) -> int:
    """应急任务: tasks of active responses given to the user and not yet done (home-page queue)."""
    if not can(user, "emergency.respond"):
        return 0
    return ActivationTask.objects.filter(
        assignee=user, done_on__isnull=True, activation__status=ActivationStatus.ACTIVE
    ).count()
