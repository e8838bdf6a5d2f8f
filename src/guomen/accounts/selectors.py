from guomen.core.permissions import restrict

from .models import OrgUnit


def orgunit_list(*, user, kind: str | None = None):
    qs = restrict(OrgUnit.objects.select_related("parent"), user, "org.view")
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def port_choices():
    """Every port, for forms and filters (names are not confidential)."""
    return OrgUnit.objects.filter(kind="port").order_by("path")
