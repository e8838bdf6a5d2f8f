from django import template
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag
def drill_query(f, drill) -> str:
    """The filter's query string with a row's drill-down values applied."""
    return urlencode(f.params(**(drill or {})))


@register.filter
def points_class(change) -> str:
    """Colour of a change in percentage points (rising non-conformity is not good news)."""
    points = getattr(change, "points", None)
    if points is None or abs(points) < 0.005:
        return "text-muted"
    return "text-danger" if points > 0 else "text-success"
