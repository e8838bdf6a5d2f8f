"""Registry writes: enterprises and production bases, validated, scoped and audited."""

from django.db import transaction
from django.utils.translation import gettext as _

from guomen.core.editing import audited_create, audited_update, require_actor
from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.core.permissions import org_in_scope
from guomen.core.workflow import transition

from .choices import BASE_TRANSITIONS, BaseStatus
from .models import Enterprise, ProductionBase
from .validators import uscc_validate

__all__ = [
    "enterprise_create",
    "enterprise_update",
    "production_base_create",
    "production_base_set_status",
    "production_base_update",
    "uscc_validate",
]

ENTERPRISE_FIELDS = (
    "name_zh",
    "name_en",
    "kind",
    "filing_status",
    "org",
    "address",
    "contact_name",
    "contact_phone",
    "contact_email",
    "credit_grade",
    "classification",
    "qms_certified",
    "filed_on",
)
BASE_FIELDS = (
    "kind",
    "name",
    "name_en",
    "country",
    "region",
    "operator_name",
    "enterprise",
    "org",
    "registered_on",
)


def _pick(data: dict, names) -> dict:
    return {k: v for k, v in data.items() if k in names}


def _check_org(actor, org) -> None:
    """A person may only file records under their own unit or one below it."""
    if actor is None or org is None:
        return
    if not org_in_scope(actor, org):
        message = _("You may only manage records of your own unit and the units below it.")
        raise PermissionDenied(message, fields={"org": [message]})


def _org_path(org) -> str:
    return org.path if org is not None else ""


# Enterprises --------------------------------------------------------------------------------------


@transaction.atomic
def enterprise_create(*, data: dict, actor) -> Enterprise:
    require_actor(actor, "enterprise.edit")
    code = uscc_validate(data.get("uscc", ""))
    existing = Enterprise.objects.filter(uscc=code).first()
    if existing is not None:
        message = _("An enterprise with this unified social credit code is already on file: %(name)s.") % {
            "name": existing.name_zh
        }
        raise ValidationFailed(message, fields={"uscc": [message]})
    values = _pick(data, ENTERPRISE_FIELDS)
    _check_org(actor, values.get("org"))
    enterprise = Enterprise(uscc=code, **values)
    return audited_create(
        enterprise, actor=actor, verb="enterprise.create", org_path=_org_path(enterprise.org)
    )


@transaction.atomic
def enterprise_update(*, enterprise: Enterprise, data: dict, actor, expected_version: int | None = None):
    require_actor(actor, "enterprise.edit")
    _check_org(actor, enterprise.org)
    changes = _pick(data, ENTERPRISE_FIELDS)
    if changes.get("org") is not None:
        _check_org(actor, changes["org"])
    return audited_update(
        enterprise,
        changes=changes,
        actor=actor,
        verb="enterprise.update",
        expected_version=expected_version,
        org_path=_org_path(changes.get("org", enterprise.org)),
    )


# Production bases ---------------------------------------------------------------------------------


@transaction.atomic
def production_base_create(*, data: dict, actor) -> ProductionBase:
    require_actor(actor, "production_base.edit")
    code = str(data.get("code") or "").strip()
    if code and ProductionBase.objects.filter(code=code).exists():
        message = _("A production base with registration code “%(code)s” already exists.") % {"code": code}
        raise ValidationFailed(message, fields={"code": [message]})
    values = _pick(data, BASE_FIELDS)
    _check_org(actor, values.get("org"))
    base = ProductionBase(code=code, **values)
    return audited_create(
        base,
        actor=actor,
        verb="production_base.create",
        m2m={"commodities": list(data.get("commodities") or [])},
        org_path=_org_path(base.org),
    )


@transaction.atomic
def production_base_update(*, base: ProductionBase, data: dict, actor, expected_version: int | None = None):
    require_actor(actor, "production_base.edit")
    _check_org(actor, base.org)
    changes = _pick(data, BASE_FIELDS)
    if changes.get("org") is not None:
        _check_org(actor, changes["org"])
    m2m = {"commodities": list(data["commodities"])} if "commodities" in data else None
    return audited_update(
        base,
        changes=changes,
        actor=actor,
        verb="production_base.update",
        expected_version=expected_version,
        m2m=m2m,
        org_path=_org_path(changes.get("org", base.org)),
    )


@transaction.atomic
def production_base_set_status(
    *, base: ProductionBase, to: str, reason: str, actor, expected_version: int | None = None
) -> ProductionBase:
    """Suspend, revoke or reactivate a production base; a reason is always required."""
    require_actor(actor, "production_base.edit")
    _check_org(actor, base.org)
    reason = str(reason or "").strip()
    if to not in BaseStatus.values:
        raise ValidationFailed(fields={"status": [_("Unknown status.")]})
    if not reason:
        raise ValidationFailed(fields={"reason": [_("Give the reason for this status change.")]})
    return transition(
        base,
        to=to,
        allowed=BASE_TRANSITIONS,
        actor=actor,
        verb=f"production_base.{to}",
        reason=reason,
        expected_version=expected_version,
        org_path=_org_path(base.org),
        extra_fields={"status_reason": reason[:255]},
    )
