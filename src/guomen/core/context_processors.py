from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .permissions import can


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str
    permission: str
    order: int = 100
    section: str = "work"


SECTIONS = {
    "work": _("Daily work"),
    "risk": _("Risk"),
    "supervision": _("Supervision"),
    "reference": _("Reference"),
    "reports": _("Reports"),
}


NAV: list[NavItem] = [
    NavItem("inspections:my_tasks", _("My tasks"), "inspection.record", 10),
    NavItem("inspections:confirmations", _("Confirmations"), "inspection.confirm", 20),
    NavItem("declarations:list", _("Declarations"), "declaration.view", 30),
    NavItem("registry:enterprise_list", _("Enterprises"), "enterprise.view", 60, "supervision"),
    NavItem("registry:base_list", _("Production bases"), "production_base.view", 70, "supervision"),
    NavItem("catalog:hs_list", _("Catalogue"), "catalog.view", 80, "reference"),
    NavItem("targeting:rule_list", _("Targeting rules"), "targeting.view", 40, "risk"),
]


def register_nav(*items: NavItem) -> None:
    """An app adds its menu entries (from its AppConfig.ready())."""
    known = {i.url_name for i in NAV}
    NAV.extend(i for i in items if i.url_name not in known)


def navigation(request):
    """The menu entries the user's role allows, flat (home tiles) and grouped by section (navbar)."""
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        for item in sorted(NAV, key=lambda i: i.order):
            if can(user, item.permission):
                items.append(
                    {
                        "url": reverse(item.url_name),
                        "label": item.label,
                        "name": item.url_name,
                        "section": item.section,
                    }
                )
    groups = []
    for key, label in SECTIONS.items():
        entries = [i for i in items if i["section"] == key]
        if entries:
            groups.append({"key": key, "label": label, "entries": entries})
    return {"nav_items": items, "nav_groups": groups}
