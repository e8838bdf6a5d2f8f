from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs):
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        query[key] = value
    return query.urlencode()


@register.filter
def dash(value):
    """Show an em dash for an empty value."""
    return "—" if value in (None, "") else value


@register.filter
def unit_name(value):
    """A unit of quantity under its Chinese name (carton → 箱, piece → 件, kg → 千克)."""
    from guomen.core.units import unit_name as name

    return name(value)


@register.filter
def may(user, action: str) -> bool:
    """Whether the user's role allows the action ({% if request.user|may:"catalog.edit" %})."""
    from guomen.core.permissions import can

    return can(user, action)
