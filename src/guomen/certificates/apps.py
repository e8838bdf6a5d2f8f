from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "guomen.certificates"
    label = "certificates"
    verbose_name = _("Export certificates")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions

        staff = {R.INSPECTOR, R.LAB_ANALYST, R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR}
        register_permissions(
            {
                "export_certificate.view": staff | {R.ENTERPRISE, R.SYSTEM},
                "export_certificate.issue": {R.SUPERVISOR},
                "export_certificate.amend": {R.SUPERVISOR},
            }
        )
        register_nav(
            NavItem("certificates:list", _("Export certificates"), "export_certificate.view", 25, "work")
        )
