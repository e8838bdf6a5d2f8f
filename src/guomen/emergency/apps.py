from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmergencyConfig(AppConfig):
    name = "guomen.emergency"
    label = "emergency"
    verbose_name = _("Emergency plans")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions

        staff = {R.INSPECTOR, R.LAB_ANALYST, R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR}
        register_permissions(
            {
                "emergency.view": staff,
                "emergency.edit": {R.SUPERVISOR, R.ADMINISTRATOR},
                # status reports and one's own tasks done, while the response is active
                "emergency.respond": staff,
            }
        )
        register_nav(NavItem("emergency:list", _("Emergency plans"), "emergency.view", 71, "risk"))
        from guomen.core.work import Queue, register_queue

        register_queue(
            Queue(
                "emergency_tasks",
                _("Emergency response tasks"),
                frozenset(staff),
                "guomen.emergency.selectors:my_open_tasks",
                "emergency:list",
                order=90,
                urgent=True,
            )
        )
