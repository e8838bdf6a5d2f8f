from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "guomen.enforcement"
    label = "enforcement"
    verbose_name = _("Joint enforcement, interviews and commitments")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions

        staff = {R.INSPECTOR, R.LAB_ANALYST, R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR}
        register_permissions(
            {
                "enforcement.view": staff | {R.ENTERPRISE},
                "enforcement.edit": {R.SUPERVISOR, R.ADMINISTRATOR},
                "enforcement.record": {R.INSPECTOR, R.SUPERVISOR},
            }
        )
        register_nav(
            NavItem(
                "enforcement:list",
                _("Interviews, commitments and handovers"),
                "enforcement.view",
                70,
                "supervision",
            )
        )
