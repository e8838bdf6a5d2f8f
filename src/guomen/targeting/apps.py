from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TargetingConfig(AppConfig):
    name = "guomen.targeting"
    label = "targeting"
    verbose_name = _("Targeting")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import register_nav
        from guomen.core.permissions import register_permissions
        from guomen.core.timeline import register_labeler

        from .timeline import label_targeting_event

        NAV_ITEMS = []

        register_permissions(
            {
                "targeting.measure": {R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR},
                "targeting.reroute": {R.SUPERVISOR, R.ADMINISTRATOR},
                "targeting.model": {R.RISK_ANALYST, R.ADMINISTRATOR},
            }
        )
        register_nav(*NAV_ITEMS)
        register_labeler("targeting", label_targeting_event)
