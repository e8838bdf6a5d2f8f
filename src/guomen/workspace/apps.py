from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "guomen.workspace"
    label = "workspace"
    verbose_name = _("Enterprise workspace")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions

        register_permissions({"workspace.view": {R.ENTERPRISE}})
        register_nav(NavItem("workspace:home", _("My workspace"), "workspace.view", 1, "work"))
