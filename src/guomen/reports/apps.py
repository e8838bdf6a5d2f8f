from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "guomen.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from guomen.accounts.choices import Role
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions
        from guomen.core.schedule import register_periodic

        readers = {Role.RISK_ANALYST, Role.SUPERVISOR, Role.ADMINISTRATOR}
        register_permissions(
            {
                "report.view": readers,  # statistics, KPIs, dashboard (own jurisdiction only)
                "report.export": readers,  # CSV/XLSX/Parquet downloads
                "report.generate": readers,  # quality-analysis reports
            }
        )
        register_nav(
            NavItem("reports:dashboard", _("Dashboard"), "report.view", 10, "reports"),
            NavItem("reports:kpis", _("KPIs"), "report.view", 20, "reports"),
            NavItem("reports:statistics", _("Statistics"), "report.view", 30, "reports"),
            NavItem(
                "reports:quality_reports", _("Quality-analysis reports"), "report.generate", 40, "reports"
            ),
        )
        register_periodic("reports.schedule", "guomen.reports.tasks.reports_schedule_task", at="01:30")
