"""What the administrator role may do in Django's admin (/admin/): edit the master data, read the rest.

Workflow records (declarations, tasks, samples, decisions, signals, the audit trail) change only through their
services, which check the transitions and write the audit events, so the admin shows them read-only.
"""

from django.contrib.auth.backends import BaseBackend

from .choices import Role

EDITABLE_MODELS = {
    "accounts.orgunit",
    "accounts.user",
    "accounts.apikey",
    "catalog.*",
    "registry.enterprise",
    "registry.productionbase",
    "labs.laboratory",
}


def _administrator(user) -> bool:
    return bool(user.is_active and user.is_staff and getattr(user, "role", "") == Role.ADMINISTRATOR)


class AdministratorAdminBackend(BaseBackend):
    """Grants the administrator role Django's model permissions; authenticates no one."""

    def has_perm(self, user_obj, perm, obj=None):
        if not _administrator(user_obj) or "." not in perm:
            return False
        app_label, codename = perm.split(".", 1)
        action, _sep, model = codename.partition("_")
        if action == "view":
            return True
        if action in ("add", "change"):
            return f"{app_label}.{model}" in EDITABLE_MODELS or f"{app_label}.*" in EDITABLE_MODELS
        return False  # nothing is deleted from the admin: master data is deactivated instead

    def has_module_perms(self, user_obj, app_label):
        return _administrator(user_obj)
