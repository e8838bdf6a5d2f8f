from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    INSPECTOR = "inspector", _("Inspector")
    LAB_ANALYST = "lab_analyst", _("Lab analyst")
    RISK_ANALYST = "risk_analyst", _("Risk analyst")
    SUPERVISOR = "supervisor", _("Supervisor")
    LEADER = "leader", _("Bureau leader")
    ENTERPRISE = "enterprise", _("Enterprise user")
    ADMINISTRATOR = "administrator", _("Administrator")
    SYSTEM = "system", _("System client")


STAFF_ROLES = frozenset(
    {
        Role.INSPECTOR,
        Role.LAB_ANALYST,
        Role.RISK_ANALYST,
        Role.SUPERVISOR,
        Role.LEADER,
        Role.ADMINISTRATOR,
        Role.SYSTEM,
    }
)


class OrgKind(models.TextChoices):
    GENERAL_BUREAU = "general", _("General bureau")
    BRANCH_BUREAU = "branch", _("Branch bureau")
    PORT = "port", _("Port / office")


class EnterpriseRole(models.TextChoices):
    """What a user of an enterprise may do for it (the enterprise's own administrator assigns it)."""

    ADMIN = "admin", _("Enterprise administrator")
    DECLARANT = "declarant", pgettext_lazy("enterprise role", "Declarant")
    QUALITY = "quality", _("Quality manager")
    VIEWER = "viewer", _("Viewer")
