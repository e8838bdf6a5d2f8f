from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabsConfig(AppConfig):
    name = "guomen.labs"
    label = "labs"
    verbose_name = _("Labs")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions
        from guomen.core.timeline import register_labeler

        from .timeline import lab_event_label

        register_permissions(
            {
                "lab.view": {R.INSPECTOR, R.LAB_ANALYST, R.SUPERVISOR, R.RISK_ANALYST, R.ADMINISTRATOR},
                "lab.sample": {R.INSPECTOR, R.SUPERVISOR},
                "lab.custody": {R.INSPECTOR, R.SUPERVISOR},
                "lab.receive": {R.LAB_ANALYST},
                "lab.result": {R.LAB_ANALYST},
                "lab.approve": {R.LAB_ANALYST},
            }
        )
        register_nav(
            NavItem("labs:queue", _("Laboratory"), "lab.receive", 25),
            NavItem("labs:sample_list", _("Samples"), "lab.view", 26),
            NavItem("labs:overdue", _("Overdue lab results"), "lab.view", 27),
        )
        register_labeler("lab", lab_event_label)
        from guomen.core.work import Queue, register_queue

        counts = "guomen.labs.selectors"
        analyst = frozenset({R.LAB_ANALYST})
        register_queue(
            Queue(
                "to_receive",
                _("Samples to receive"),
                analyst,
                f"{counts}:samples_to_receive",
                "labs:queue",
                order=10,
            ),
            Queue(
                "to_test", _("Samples to test"), analyst, f"{counts}:samples_to_test", "labs:queue", order=11
            ),
            Queue(
                "to_review",
                _("Results to review"),
                analyst,
                f"{counts}:results_to_review",
                "labs:queue",
                order=12,
            ),
            Queue(
                "overdue_lab",
                _("Overdue tests"),
                frozenset({R.SUPERVISOR}),
                f"{counts}:overdue_count",
                "labs:overdue",
                order=20,
                urgent=True,
            ),
        )
