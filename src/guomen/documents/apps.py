from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "guomen.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import ALL_STAFF, register_permissions

        register_permissions(
            {
                "document.view": set(ALL_STAFF),
                "document.edit": {R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR},
            }
        )
        register_nav(NavItem("documents:list", _("Documents"), "document.view", 85, "reference"))
