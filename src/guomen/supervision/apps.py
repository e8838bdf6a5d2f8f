from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "guomen.supervision"
    label = "supervision"
    verbose_name = _("Supervision")

    def ready(self):
        from guomen.accounts.choices import Role as R
        from guomen.core.context_processors import NavItem, register_nav
        from guomen.core.permissions import register_permissions
        from guomen.core.schedule import register_periodic
        from guomen.core.timeline import register_labeler

        from .timeline import supervision_event_label

        staff = {R.INSPECTOR, R.LAB_ANALYST, R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR}
        register_permissions(
            {
                "supervision.view": staff | {R.ENTERPRISE},
                "enterprise.credit.view": {R.ENTERPRISE},
                "supervision.service.record": {R.INSPECTOR, R.RISK_ANALYST, R.SUPERVISOR},
                "supervision.access.apply": {R.ENTERPRISE, R.SUPERVISOR, R.ADMINISTRATOR},
                "supervision.access.decide": {R.SUPERVISOR, R.ADMINISTRATOR},
                "supervision.rules.edit": {R.RISK_ANALYST, R.ADMINISTRATOR},
                "supervision.recompute": {R.RISK_ANALYST, R.ADMINISTRATOR},
                "supervision.classify.override": {R.RISK_ANALYST, R.SUPERVISOR},
                "supervision.credit.record": {R.INSPECTOR, R.RISK_ANALYST, R.SUPERVISOR},
                "supervision.credit.withdraw": {R.SUPERVISOR},
                "supervision.blacklist.propose": {R.RISK_ANALYST, R.SUPERVISOR},
                "supervision.blacklist.decide": {R.SUPERVISOR},
                "supervision.petition.submit": {R.ENTERPRISE},
                "supervision.petition.decide": {R.SUPERVISOR},
                "supervision.downgrade.decide": {R.SUPERVISOR},
                "supervision.spotcheck.view": {R.INSPECTOR, R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR},
                "supervision.spotcheck.plan": {R.RISK_ANALYST, R.SUPERVISOR},
                "supervision.spotcheck.record": {R.INSPECTOR},
                "supervision.spotcheck.publish": {R.SUPERVISOR},
                "supervision.spotcheck.assign": {R.SUPERVISOR},
                "supervision.conflict.declare": {R.INSPECTOR},
            }
        )
        register_nav(
            NavItem("supervision:my_checks", _("Spot checks"), "supervision.spotcheck.record", 15, "work"),
            NavItem(
                "supervision:enterprises", _("Enterprise supervision"), "supervision.view", 62, "supervision"
            ),
            NavItem("supervision:my_credit", _("Our credit"), "enterprise.credit.view", 63, "supervision"),
            NavItem(
                "supervision:applications", _("Access applications"), "supervision.view", 64, "supervision"
            ),
            NavItem("supervision:blacklist", _("Blacklist"), "supervision.view", 66, "supervision"),
            NavItem(
                "supervision:services",
                _("Services to enterprises"),
                "supervision.service.record",
                67,
                "supervision",
            ),
            NavItem(
                "supervision:plans", _("Spot-check plans"), "supervision.spotcheck.view", 68, "supervision"
            ),
            NavItem(
                "supervision:rules", _("Supervision rules"), "supervision.spotcheck.view", 69, "supervision"
            ),
        )
        register_labeler("access", supervision_event_label)
        register_labeler("credit", supervision_event_label)
        register_labeler("blacklist", supervision_event_label)
        register_labeler("standing", supervision_event_label)
        register_labeler("spotcheck", supervision_event_label)
        register_labeler("rules", supervision_event_label)
        register_labeler("service", supervision_event_label)
        self._register_floor()
        register_periodic("supervision.recompute", "guomen.supervision.tasks.recompute_standings", at="03:15")
        from guomen.core.work import register_approvals

        register_approvals("guomen.supervision.selectors:approvals_waiting")

    @staticmethod
    def _register_floor() -> None:
        try:
            from guomen.targeting.hooks import register_floor
        except ImportError:  # targeting without floors: intake refusal and class/grade still apply
            return
        from .floor import blacklist_floor

        register_floor(blacklist_floor)
