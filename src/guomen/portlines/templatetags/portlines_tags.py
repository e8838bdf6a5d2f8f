from django import template
from django.utils import timezone

from guomen.core.permissions import can

from .. import selectors

register = template.Library()


@register.inclusion_tag("portlines/partials/licence_alerts.html", takes_context=True)
def licence_alerts(context, enterprise):
    """On the enterprise page: its port food hygiene licences that are suspended, revoked or expired."""
    user = context["request"].user
    alerts = []
    if enterprise.kind == "port_food" and can(user, "portlines.view"):
        alerts = selectors.licence_alerts(user=user, enterprise=enterprise, on=timezone.localdate())
    return {"alerts": alerts}


@register.simple_tag
def mark_nonconforming(page) -> str:
    """On the licence rows: each licence's open non-conforming monitoring results (one query for the page)."""
    licences = list(page)
    counts = selectors.open_nonconforming(licence.pk for licence in licences)
    for licence in licences:
        licence.open_nonconforming = counts.get(licence.pk, 0)
    return ""
