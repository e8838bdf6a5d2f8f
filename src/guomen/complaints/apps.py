from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "guomen.complaints"
    label = "complaints"
    verbose_name = _("Complaints")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions
        from guomen.core.schedule import register_periodic
        from guomen.core.timeline import register_labeler

        from .timeline import complaint_event_label

        register_permissions(
            {
                "complaint.view": {R.INSPECTOR, R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR},
                "complaint.triage": {R.SUPERVISOR, R.ADMINISTRATOR},
                "complaint.reply": {R.INSPECTOR, R.SUPERVISOR, R.ADMINISTRATOR},
                "complaint.close": {R.SUPERVISOR, R.ADMINISTRATOR},
            }
        )
        register_nav(NavItem("complaints:list", _("Complaints (12365)"), "complaint.view", 50, "work"))
        register_labeler("complaint", complaint_event_label)
        register_periodic("complaints.remind", "guomen.complaints.tasks.complaints_remind", at="07:45")
