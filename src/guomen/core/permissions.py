"""Who may do what (roles), and which rows they may touch (jurisdiction). Deny by default.

Models declare their scope with class attributes:
  scope_org_field        path to the OrgUnit that owns the row ("port", "org", "declaration__port")
  scope_enterprise_fields paths to the Enterprise(s) whose users may see the row
  scope_global_read      staff may read rows of every unit (reference data such as orchards)
A model with none of them is reference data: readable by every signed-in user allowed the action.
"""

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from guomen.accounts.choices import Role

from .errors import PermissionDenied

R = Role
ALL_STAFF = {R.INSPECTOR, R.LAB_ANALYST, R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR}

PERMISSIONS: dict[str, set[str]] = {
    # master data
    "catalog.view": ALL_STAFF | {R.ENTERPRISE, R.SYSTEM},
    "catalog.edit": {R.RISK_ANALYST, R.ADMINISTRATOR},
    "enterprise.view": ALL_STAFF | {R.ENTERPRISE, R.SYSTEM},
    "enterprise.edit": {R.SUPERVISOR, R.ADMINISTRATOR},
    "production_base.view": ALL_STAFF | {R.ENTERPRISE, R.SYSTEM},
    "production_base.edit": {R.SUPERVISOR, R.ADMINISTRATOR},
    "org.view": ALL_STAFF | {R.SYSTEM},
    # declarations and inspection
    "declaration.view": ALL_STAFF | {R.ENTERPRISE, R.SYSTEM},
    "declaration.create": {R.ENTERPRISE, R.SYSTEM, R.ADMINISTRATOR, R.SUPERVISOR},
    "declaration.cancel": {R.ENTERPRISE, R.SUPERVISOR, R.ADMINISTRATOR},
    "declaration.import": {R.ENTERPRISE, R.SYSTEM, R.ADMINISTRATOR, R.SUPERVISOR},
    "inspection.view": {R.INSPECTOR, R.LAB_ANALYST, R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR},
    "inspection.record": {R.INSPECTOR, R.SUPERVISOR},
    "inspection.confirm": {R.SUPERVISOR},
    "targeting.view": {R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR},
    "targeting.edit": {R.RISK_ANALYST, R.ADMINISTRATOR},
    # administration
    "audit.view": {R.RISK_ANALYST, R.SUPERVISOR, R.ADMINISTRATOR},
    "apikey.manage": {R.ADMINISTRATOR},
    "enterprise.users.view": {R.ENTERPRISE},
    "enterprise.users.manage": {R.ENTERPRISE},
}


# What each role inside an enterprise may NOT do of what an enterprise user may (accounts.EnterpriseRole).
# The administrator may do everything; a viewer only reads (actions ending in ".view"); the quality manager
# answers the bureau (rectifications, petitions, applications) but does not declare; the declarant declares
# but does not answer for the enterprise's quality. Only the administrator manages the enterprise's users and keys.
DECLARING = {"declaration.create", "declaration.cancel", "declaration.import"}
ENTERPRISE_ADMIN_ONLY = {"enterprise.users.view", "enterprise.users.manage"}
ENTERPRISE_ROLE_DENIES: dict[str, set[str]] = {
    "admin": set(),
    "declarant": ENTERPRISE_ADMIN_ONLY
    | {"rectification.answer", "supervision.petition.submit", "supervision.access.apply"},
    "quality": ENTERPRISE_ADMIN_ONLY | DECLARING,
}


def enterprise_role_allows(user, action: str) -> bool:
    sub = getattr(user, "enterprise_role", "admin") or "admin"
    if sub == "viewer":
        return action.endswith(".view") and action not in ENTERPRISE_ADMIN_ONLY
    return action not in ENTERPRISE_ROLE_DENIES.get(sub, ENTERPRISE_ADMIN_ONLY)


# A role that may do everything another role may (a bureau leader acts as a supervisor, and more).
ROLE_INCLUDES: dict[str, str] = {R.LEADER: R.SUPERVISOR}


def register_permissions(table: dict[str, set[str]]) -> None:
    """An app adds its own actions (from its AppConfig.ready()); an action already defined is refused."""
    for action, roles in table.items():
        if action in PERMISSIONS and PERMISSIONS[action] != set(roles):
            raise ValueError(f"permission {action!r} is already defined differently")
        PERMISSIONS[action] = set(roles)


def can(user, action: str) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    role = getattr(user, "role", None)
    allowed = PERMISSIONS.get(action, set())
    if role == R.ENTERPRISE and not enterprise_role_allows(user, action):
        return False
    return role in allowed or ROLE_INCLUDES.get(role) in allowed


def require(user, action: str) -> None:
    if not can(user, action):
        raise PermissionDenied()


def restrict(qs: QuerySet, user, action: str) -> QuerySet:
    """Only the rows `user` may `action`; none at all when the role lacks the action."""
    if not can(user, action):
        return qs.none()
    if user.is_superuser:
        return qs
    model = qs.model
    org_field = getattr(model, "scope_org_field", None)
    ent_fields = getattr(model, "scope_enterprise_fields", ())
    global_read = getattr(model, "scope_global_read", False)
    if not org_field and not ent_fields:
        # Deny by default: rows of a model that declares no scope are shown only when it is declared national
        # reference data (scope_national), which belongs to no unit and no enterprise.
        return qs if getattr(model, "scope_national", False) else qs.none()
    if user.role == Role.ENTERPRISE or (user.role == Role.SYSTEM and user.enterprise_id):
        # an enterprise's system client reads what its enterprise may read, not its unit's rows
        if not user.enterprise_id or not ent_fields:
            return qs.none()
        return qs.filter(reduce(or_, (Q(**{f: user.enterprise_id}) for f in ent_fields))).distinct()
    if global_read and action.endswith(".view"):
        return qs
    if not org_field:
        return qs
    if not user.org_id:
        return qs.none()
    if org_field == "self":
        return qs.filter(path__startswith=user.org.path)
    return qs.filter(**{f"{org_field}__path__startswith": user.org.path})


def org_in_scope(user, org) -> bool:
    """May `user` act for `org` (their own unit or one below it)?"""
    if user.is_superuser:
        return True
    if not user.org_id or org is None:
        return False
    return org.path.startswith(user.org.path)


def sees_targeting(user) -> bool:
    """May `user` read why a consignment was selected (channel, reasons, rules, instructions, score, measures,
    random draw, the bureau's internal steps)? Bureau staff and the bureau's own system clients only: never an
    enterprise user, a system client that belongs to an enterprise, or an anonymous reader."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    role = getattr(user, "role", None)
    if role == R.SYSTEM:
        return not getattr(user, "enterprise_id", None)
    return role in ALL_STAFF
