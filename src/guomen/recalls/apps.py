from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecallsConfig(AppConfig):
    name = "guomen.recalls"
    label = "recalls"
    verbose_name = _("Recalls of imported consumer goods")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions

        staff = {R.INSPECTOR, R.LAB_ANALYST, R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR}
        register_permissions(
            {
                "recall.view": staff | {R.ENTERPRISE},
                "recall.edit": {R.SUPERVISOR, R.RISK_ANALYST, R.ADMINISTRATOR},
                "recall.record": {R.INSPECTOR, R.SUPERVISOR, R.RISK_ANALYST},
            }
        )
        register_nav(NavItem("recalls:list", _("Recalls"), "recall.view", 69, "supervision"))
