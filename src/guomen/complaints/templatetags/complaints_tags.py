from django import template

from guomen.core.permissions import can

from .. import selectors

register = template.Library()
SHOWN = 10


@register.inclusion_tag("complaints/partials/agency_complaints.html", takes_context=True)
def agency_complaints(context, enterprise):
    """On an inspection agency's enterprise page: how many 12365 complaints name it and the latest of them (those
    the reader may see)."""
    user = context["request"].user
    if enterprise.kind != "inspection_agency" or not can(user, "complaint.view"):
        return {"shown": False}
    qs = selectors.agency_complaints(user=user, enterprise=enterprise)
    return {"shown": True, "count": qs.count(), "complaints": list(qs[:SHOWN])}
