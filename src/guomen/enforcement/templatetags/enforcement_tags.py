from django import template

from guomen.core.permissions import can

from .. import selectors

register = template.Library()


@register.inclusion_tag("enforcement/partials/enterprise_talks.html", takes_context=True)
def enterprise_talks(context, enterprise):
    """On the enterprise's page: its interviews (约谈) and signed commitments (诚信承诺, 《安全责任书》)."""
    user = context["request"].user
    if not can(user, "enforcement.view"):
        return {"show": False}
    return {"show": True, **selectors.enterprise_talks(user=user, enterprise=enterprise)}
