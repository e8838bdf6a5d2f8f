from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "guomen.portal"
    label = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions
        from guomen.core.timeline import register_labeler

        register_permissions(
            {
                "decision.view": {R.INSPECTOR, R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR},
                "decision.edit": {R.SUPERVISOR, R.ADMINISTRATOR},
                "decision.publish": {R.SUPERVISOR, R.ADMINISTRATOR},
            }
        )
        register_nav(
            NavItem("portal:decision_admin", _("Licences and penalties"), "decision.view", 75, "supervision"),
        )
        register_labeler("decision", _decision_label)


def _decision_label(event):
    labels = {
        "create": _("Decision entered"),
        "update": _("Decision edited"),
        "published": _("Published on the portal"),
        "withdrawn": _("Withdrawn from the portal"),
    }
    action = event.verb.partition(".")[2]
    return (labels[action], "") if action in labels else None
