from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClearanceConfig(AppConfig):
    name = "guomen.clearance"
    label = "clearance"
    verbose_name = _("Clearance")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions

        from .effects import register_effects

        register_permissions(
            {
                "clearance.override.request": {R.SUPERVISOR},
                "clearance.override.decide": {R.LEADER},
                "clearance.override.view": {R.SUPERVISOR, R.LEADER, R.RISK_ANALYST, R.ADMINISTRATOR},
            }
        )
        register_nav(NavItem("clearance:overrides", _("Release overrides"), "clearance.override.view", 58))
        register_effects()

        from guomen.core.work import Queue, register_approvals, register_queue

        register_queue(
            Queue(
                "overrides",
                _("Overrides to decide"),
                frozenset({R.LEADER}),
                "guomen.clearance.selectors:overrides_to_decide",
                "clearance:overrides",
                query="status=requested",
                order=5,
                urgent=True,
            ),
        )
        register_approvals("guomen.clearance.selectors:approvals_waiting")
