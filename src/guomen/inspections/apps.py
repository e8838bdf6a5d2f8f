from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "guomen.inspections"
    label = "inspections"
    verbose_name = _("Inspections")

    def ready(self):
        from guomen.accounts.choices import Role
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import ALL_STAFF, register_permissions
        from guomen.core.schedule import register_periodic
        from guomen.core.timeline import register_labeler

        from .timeline import inspection_event_label, rectification_event_label

        register_labeler("inspection", inspection_event_label)
        register_labeler("rectification", rectification_event_label)
        register_permissions(
            {
                "rectification.view": ALL_STAFF | {Role.ENTERPRISE},
                "rectification.create": {Role.INSPECTOR, Role.SUPERVISOR, Role.ADMINISTRATOR},
                "rectification.answer": {Role.ENTERPRISE},
                "followup.view": ALL_STAFF | {Role.ENTERPRISE},
            }
        )
        register_nav(
            NavItem("inspections:scan", _("Scan"), "inspection.record", 5),
            NavItem("inspections:followup", _("Follow-up"), "followup.view", 25),
        )
        register_periodic(
            "inspections.followup-remind", "guomen.inspections.tasks.followup_remind", at="07:30"
        )
