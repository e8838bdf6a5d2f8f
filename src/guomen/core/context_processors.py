from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .permissions import can

# (url name, label, permission, icon) — a user sees the entries their role allows.
NAV = [
    ("inspections:my_tasks", _("My tasks"), "inspection.record", "📋"),
    ("inspections:confirmations", _("Confirmations"), "inspection.confirm", "✅"),
    ("declarations:list", _("Declarations"), "declaration.view", "📦"),
    ("registry:enterprise_list", _("Enterprises"), "enterprise.view", "🏢"),
    ("registry:base_list", _("Production bases"), "production_base.view", "🌳"),
    ("catalog:hs_list", _("Catalogue"), "catalog.view", "📚"),
    ("targeting:rule_list", _("Targeting rules"), "targeting.view", "🎯"),
]


def navigation(request):
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        for name, label, perm, icon in NAV:
            if can(user, perm):
                items.append({"url": reverse(name), "label": label, "icon": icon, "name": name})
    return {"nav_items": items}
