from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

VERB_LABELS = {
    "risk_signal.create": _("Risk signal recorded"),
    "risk_cluster.closed": _("Cluster closed"),
    "risk_assessment.create": _("Risk assessed"),
    "risk_warning.create": _("Warning drafted"),
    "risk_warning.validated": _("Warning validated"),
    "risk_warning.returned": _("Warning returned to draft"),
    "risk_warning.published": _("Warning published"),
    "risk_warning.closed": _("Warning closed"),
    "risk_measure.create": _("Measure added"),
    "risk_measure.in_force": _("Measure in force"),
    "risk_measure.done": _("Measure done"),
    "risk_measure.lifted": _("Measure lifted"),
    "risk_mapping.update": _("Commodity mapping changed"),
    "risk_mapping.create": _("Commodity mapping added"),
    "risk_rasff.import": _("RASFF notifications imported"),
}


def label_risk_event(event):
    label = VERB_LABELS.get(event.verb)
    return (label, event.object_repr) if label else None


class RiskConfig(AppConfig):
    name = "guomen.risk"
    label = "risk"
    verbose_name = _("Risk monitoring and early warning")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions
        from guomen.core.schedule import register_periodic
        from guomen.core.timeline import register_labeler

        register_permissions(
            {
                "risk.view": {R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR, R.INSPECTOR, R.LAB_ANALYST},
                "risk.edit": {R.RISK_ANALYST, R.ADMINISTRATOR},
                "risk.approve": {R.SUPERVISOR, R.ADMINISTRATOR},
                "risk.measure": {R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR},
                "risk.inbox": {
                    R.INSPECTOR,
                    R.LAB_ANALYST,
                    R.RISK_ANALYST,
                    R.SUPERVISOR,
                    R.ADMINISTRATOR,
                    R.ENTERPRISE,
                },
            }
        )
        register_nav(
            NavItem("risk:dashboard", _("Risk monitoring"), "risk.view", 41, "risk"),
            NavItem("risk:signal_list", _("Risk signals"), "risk.view", 42, "risk"),
            NavItem("risk:cluster_list", _("Signal clusters"), "risk.view", 43, "risk"),
            NavItem("risk:warning_list", _("Early warnings"), "risk.view", 44, "risk"),
            NavItem("risk:notification_list", _("Foreign notifications"), "risk.view", 45, "risk"),
            NavItem("risk:mapping_list", _("RASFF commodity mapping"), "risk.edit", 46, "risk"),
            NavItem("risk:inbox", _("Inbox"), "risk.inbox", 5, "work"),
        )
        for prefix in (
            "risk_signal",
            "risk_cluster",
            "risk_assessment",
            "risk_warning",
            "risk_measure",
            "risk_mapping",
            "risk_rasff",
        ):
            register_labeler(prefix, label_risk_event)
        register_periodic("risk.daily", "guomen.risk.tasks.consumer_warnings_withdraw", at="02:45")
        from guomen.core.work import Queue, register_approvals, register_queue

        counts = "guomen.risk.selectors"
        register_queue(
            Queue(
                "to_assess",
                _("Clusters to assess"),
                frozenset({R.RISK_ANALYST}),
                f"{counts}:clusters_to_assess",
                "risk:cluster_list",
                order=10,
            ),
            Queue(
                "to_validate",
                _("Warnings to validate"),
                frozenset({R.RISK_ANALYST}),
                f"{counts}:warnings_to_validate",
                "risk:warning_list",
                query="status=draft",
                order=11,
            ),
            Queue(
                "messages",
                _("Unread messages"),
                frozenset({R.ENTERPRISE}),
                f"{counts}:unread_messages",
                "risk:inbox",
                order=30,
            ),
        )
        register_approvals(f"{counts}:approvals_waiting")
