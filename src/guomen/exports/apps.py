from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "guomen.exports"
    label = "exports"
    verbose_name = _("Export production chain")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions

        staff = {R.INSPECTOR, R.LAB_ANALYST, R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR}
        register_permissions(
            {
                "exports.view": staff | {R.ENTERPRISE, R.SYSTEM},
                "exports.site_apply": {R.ENTERPRISE, R.SUPERVISOR, R.ADMINISTRATOR},
                "exports.site_review": {R.SUPERVISOR, R.ADMINISTRATOR},
                "exports.input_record": {R.ENTERPRISE, R.INSPECTOR, R.SUPERVISOR},
                "exports.batch_record": {R.ENTERPRISE, R.INSPECTOR, R.SUPERVISOR},
                "exports.batch_attach": {R.ENTERPRISE, R.INSPECTOR, R.SUPERVISOR},
                "exports.loading_record": {R.INSPECTOR, R.SUPERVISOR},
            }
        )
        register_nav(
            NavItem("exports:sites", _("Export production sites"), "exports.view", 67, "supervision")
        )
        from guomen.targeting.hooks import register_floor

        from .floor import export_history_floor

        register_floor(export_history_floor)  # site history and foreign notifications raise an export's check
