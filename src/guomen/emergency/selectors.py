"""Emergency reads through restrict(): staff of the unit and below; never enterprises."""

from guomen.core.errors import NotFound
from guomen.core.permissions import restrict

from .models import Activation, EmergencyPlan


def plan_list(*, user):
    return restrict(EmergencyPlan.objects.all(), user, "emergency.view").select_related("org")


def plan_get(*, user, pk) -> EmergencyPlan:
    found = plan_list(user=user).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound()
    return found


def activation_list(*, user):
    return restrict(Activation.objects.all(), user, "emergency.view").select_related("plan", "early_warning")


def activation_get(*, user, pk) -> Activation:
    found = activation_list(user=user).filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound()
    return found
