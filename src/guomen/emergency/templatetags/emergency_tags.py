from django import template

from guomen.core.permissions import can

from .. import selectors

register = template.Library()


@register.inclusion_tag("emergency/partials/warning_responses.html", takes_context=True)
def warning_responses(context, warning):
    """On an early warning's page: the emergency responses started on it and, for a supervisor, the button that
    activates a plan on it."""
    user = context["request"].user
    if not can(user, "emergency.view"):
        return {"show": False}
    return {
        "show": True,
        "warning": warning,
        "activations": selectors.activations_on_warning(user=user, warning=warning),
        "can_activate": can(user, "emergency.edit"),
    }
