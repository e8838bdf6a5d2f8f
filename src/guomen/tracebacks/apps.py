from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _on_rasff_import(sender, *, ids, actor=None, **kwargs):
    from .services import intake_foreign

    intake_foreign(ids=ids, actor=actor)


class TracebacksConfig(AppConfig):
    name = "guomen.tracebacks"
    label = "tracebacks"
    verbose_name = _("Foreign notifications and trace-back")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions
        from guomen.core.work import Queue, register_queue
        from guomen.risk.rasff import notifications_imported

        # Bureau staff only: an enterprise never sees the queue, the candidates or their scores.
        register_permissions(
            {
                "traceback.view": {R.INSPECTOR, R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR},
                "traceback.enter": {R.RISK_ANALYST, R.SUPERVISOR},
                "traceback.decide": {R.RISK_ANALYST},
                "traceback.case": {R.INSPECTOR, R.RISK_ANALYST, R.SUPERVISOR},
                "traceback.findings": {R.INSPECTOR, R.SUPERVISOR},
                "traceback.close": {R.SUPERVISOR},
            }
        )
        register_nav(
            NavItem("tracebacks:queue", _("Foreign notifications on exports"), "traceback.view", 47, "risk")
        )
        queues = "guomen.tracebacks.selectors"
        register_queue(
            Queue(
                "traceback_decide",
                _("Notifications to match"),
                frozenset({R.RISK_ANALYST}),
                f"{queues}:to_decide_count",
                "tracebacks:queue",
                order=45,
            ),
            Queue(
                "traceback_tasks",
                _("Trace-back tasks"),
                frozenset({R.INSPECTOR, R.SUPERVISOR, R.RISK_ANALYST}),
                f"{queues}:my_open_tasks_count",
                "tracebacks:cases",
                query="mine=1",
                order=46,
            ),
        )
        from guomen.core.timeline import register_labeler

        from .choices import event_label

        for prefix in ("traceback", "traceback_case", "traceback_task"):
            register_labeler(prefix, event_label)
        from guomen.certificates.selectors import certificate_declarations

        from .matching import register_number_source

        register_number_source(certificate_declarations)  # a notification quoting our certificate number
        notifications_imported.connect(_on_rasff_import, dispatch_uid="tracebacks.rasff_intake")
