from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortlinesConfig(AppConfig):
    name = "guomen.portlines"
    label = "portlines"
    verbose_name = _("Port lines of work")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions
        from guomen.core.schedule import register_periodic

        staff = {R.INSPECTOR, R.LAB_ANALYST, R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR}
        register_permissions(
            {
                "portlines.view": staff | {R.ENTERPRISE},
                "portlines.edit": {R.SUPERVISOR, R.ADMINISTRATOR},
                "portlines.check": {R.INSPECTOR, R.SUPERVISOR},
            }
        )
        register_nav(
            NavItem("portlines:licences", _("Port lines of work"), "portlines.view", 69, "supervision")
        )
        register_periodic("portlines.expire", "guomen.portlines.tasks.portlines_expire", at="01:40")
