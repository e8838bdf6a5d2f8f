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
        from guomen.core.work import Queue, register_queue

        queues = "guomen.inspections.selectors.queues"
        register_queue(
            Queue(
                "to_inspect",
                _("Tasks to inspect"),
                frozenset({Role.INSPECTOR}),
                f"{queues}:tasks_to_inspect",
                "inspections:my_tasks",
                order=10,
            ),
            Queue(
                "in_progress",
                _("Tasks in progress"),
                frozenset({Role.INSPECTOR}),
                f"{queues}:tasks_in_progress",
                "inspections:my_tasks",
                order=11,
            ),
            Queue(
                "to_confirm",
                _("Results to confirm"),
                frozenset({Role.SUPERVISOR}),
                f"{queues}:results_to_confirm",
                "inspections:confirmations",
                order=10,
            ),
            Queue(
                "rectifications",
                _("Rectifications to answer"),
                frozenset({Role.ENTERPRISE}),
                f"{queues}:rectifications_to_answer",
                "inspections:followup",
                order=20,
                urgent=True,
            ),
        )
