from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskConfig(AppConfig):
    name = "guomen.risk"
    label = "risk"
    verbose_name = _("Risk monitoring and early warning")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.permissions import register_permissions

        register_permissions(
            {
                "risk.view": {R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR, R.INSPECTOR, R.LAB_ANALYST},
                "risk.edit": {R.RISK_ANALYST, R.ADMINISTRATOR},
            }
        )
