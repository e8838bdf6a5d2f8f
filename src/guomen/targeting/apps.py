from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetingConfig(AppConfig):
    name = "guomen.targeting"
    label = "targeting"
    verbose_name = _("Targeting")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions
        from guomen.core.schedule import register_periodic
        from guomen.core.timeline import register_labeler
        from guomen.core.warmup import register_warmer

        from .timeline import label_targeting_event

        register_permissions(
            {
                "targeting.measure": {R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR},
                "targeting.reroute": {R.SUPERVISOR, R.ADMINISTRATOR},
                "targeting.model": {R.RISK_ANALYST, R.ADMINISTRATOR},
            }
        )
        register_nav(
            NavItem("targeting:measure_list", _("Control measures"), "targeting.view", 41, "risk"),
            NavItem("targeting:level_list", _("Frequency levels"), "targeting.view", 42, "risk"),
            NavItem("targeting:model_list", _("Risk models"), "targeting.view", 43, "risk"),
            NavItem("targeting:backtest", _("Backtest"), "targeting.view", 44, "risk"),
            NavItem("targeting:settings", _("Targeting settings"), "targeting.view", 45, "risk"),
        )
        register_labeler("targeting", label_targeting_event)
        register_warmer(_warm_risk_model)
        register_periodic("targeting.daily", "guomen.targeting.tasks.daily_task", at="02:15")


def _warm_risk_model() -> None:
    from .runtime import warm

    warm()
