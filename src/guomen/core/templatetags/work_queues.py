from django import template

from guomen.core.work import queues_for

register = template.Library()


@register.inclusion_tag("core/partials/work_queues.html", takes_context=True)
def work_queues(context):
    """The signed-in user's own work queues, counts first, each a link (home page and the inspector's list)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    queues = queues_for(user) if user is not None and user.is_authenticated else []
    return {"queues": queues}
