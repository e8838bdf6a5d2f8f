from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "guomen.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions

        register_permissions(
            {
                "campaign.view": {R.INSPECTOR, R.LAB_ANALYST, R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR},
                "campaign.edit": {R.SUPERVISOR, R.RISK_ANALYST, R.ADMINISTRATOR},
                "campaign.record": {R.INSPECTOR, R.SUPERVISOR, R.RISK_ANALYST},
            }
        )
        register_nav(NavItem("campaigns:list", _("Campaigns"), "campaign.view", 67, "supervision"))
