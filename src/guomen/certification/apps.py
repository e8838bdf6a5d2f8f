from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "guomen.certification"
    label = "certification"
    verbose_name = _("Certification supervision")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions
        from guomen.core.timeline import register_labeler

        from .timeline import catalogue_event_label

        staff = {R.INSPECTOR, R.LAB_ANALYST, R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR}
        register_permissions(
            {
                "certification.view": staff | {R.ENTERPRISE},
                "certification.edit": {R.SUPERVISOR, R.ADMINISTRATOR},
                "certification.check": {R.INSPECTOR, R.SUPERVISOR},
                # the CCC catalogue is national: services also require the general bureau (or an administrator)
                "certification.catalogue": {R.SUPERVISOR, R.ADMINISTRATOR},
            }
        )
        register_labeler("ccc_catalogue", catalogue_event_label)
        register_nav(
            NavItem(
                "certification:list", _("Certification supervision"), "certification.view", 68, "supervision"
            )
        )
