from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabsConfig(AppConfig):
    name = "guomen.labs"
    label = "labs"
    verbose_name = _("Labs")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions
        from guomen.core.timeline import register_labeler

        from .timeline import lab_event_label

        register_permissions(
            {
                "lab.view": {R.INSPECTOR, R.LAB_ANALYST, R.SUPERVISOR, R.RISK_ANALYST, R.ADMINISTRATOR},
                "lab.sample": {R.INSPECTOR, R.SUPERVISOR},
                "lab.custody": {R.INSPECTOR, R.SUPERVISOR},
                "lab.receive": {R.LAB_ANALYST},
                "lab.result": {R.LAB_ANALYST},
                "lab.approve": {R.LAB_ANALYST},
            }
        )
        register_nav(
            NavItem("labs:queue", _("Laboratory"), "lab.receive", 25),
            NavItem("labs:overdue", _("Overdue lab results"), "lab.view", 27),
        )
        register_labeler("lab", lab_event_label)
