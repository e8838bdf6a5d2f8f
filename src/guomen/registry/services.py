"""Registry writes: enterprises and production bases, validated, scoped and audited."""

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.core.editing import audited_create, audited_update, require_actor
from guomen.core.errors import Conflict, IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.permissions import org_in_scope
from guomen.core.services import audit_record
from guomen.core.workflow import transition

from .choices import BASE_TRANSITIONS, FILING_TRANSITIONS, BaseStatus, FilingStatus
from .models import Enterprise, ProductionBase
from .validators import uscc_validate

__all__ = [
    "enterprise_create",
    "enterprise_set_filing_status",
    "enterprise_update",
    "production_base_apply",
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
    # The filing status follows its workflow (enterprise_set_filing_status), never a plain edit.
    changes = {k: v for k, v in _pick(data, ENTERPRISE_FIELDS).items() if k != "filing_status"}
    if changes.get("org") is not None:
        _check_org(actor, changes["org"])
    before = {name: getattr(enterprise, name) for name in STANDING_FIELDS}
    updated = audited_update(
        enterprise,
        changes=changes,
        actor=actor,
        verb="enterprise.update",
        expected_version=expected_version,
        org_path=_org_path(changes.get("org", enterprise.org)),
    )
    _record_standing_history(updated, before)
    return updated


STANDING_FIELDS = ("credit_grade", "classification")


def _record_standing_history(enterprise: Enterprise, before: dict) -> None:
    """A class or credit grade changed by hand joins the enterprise's standing history (supervision), so the
    KPIs of a past month read the value the page showed then."""
    try:
        change = apps.get_model("supervision", "StandingChange")
    except LookupError:
        return
    now = timezone.now()
    change.objects.bulk_create(
        change(
            enterprise=enterprise,
            field=name,
            before=before[name],
            after=getattr(enterprise, name),
            reason=_("Edited on the enterprise page"),
            at=now,
        )
        for name in STANDING_FIELDS
        if getattr(enterprise, name) != before[name]
    )


@transaction.atomic
def enterprise_set_filing_status(
    *, enterprise: Enterprise, to: str, reason: str, actor, expected_version: int | None = None
) -> Enterprise:
    """Approve, suspend, revoke or restore an enterprise's filing (FILING_TRANSITIONS); reason required.

    Takes effect at once: intake refuses declarations from a suspended or revoked enterprise.
    """
    require_actor(actor, "enterprise.edit")
    _check_org(actor, enterprise.org)
    reason = str(reason or "").strip()
    if to not in FilingStatus.values:
        raise ValidationFailed(fields={"filing_status": [_("Unknown status.")]})
    if not reason:
        raise ValidationFailed(fields={"reason": [_("Give the reason for this status change.")]})
    current = enterprise.filing_status
    labels = dict(FilingStatus.choices)
    if to not in FILING_TRANSITIONS.get(current, set()):
        raise IllegalTransition(
            _("Cannot change status from “%(from)s” to “%(to)s”.")
            % {"from": labels.get(current, current), "to": labels.get(to, to)},
            fields={"filing_status": [_("“%(to)s” is not allowed now.") % {"to": labels.get(to, to)}]},
        )
    version = enterprise.version if expected_version is None else int(expected_version)
    changes = {"filing_status": to, "filing_reason": reason[:255]}
    if to == FilingStatus.FILED and enterprise.filed_on is None:
        changes["filed_on"] = timezone.localdate()
    updated = Enterprise.objects.filter(pk=enterprise.pk, version=version, filing_status=current).update(
        version=models.F("version") + 1, **changes
    )
    if not updated:
        raise Conflict()
    before = {name: getattr(enterprise, name) for name in changes}
    for name, value in changes.items():
        setattr(enterprise, name, value)
    enterprise.version = version + 1
    audit_record(
        actor=actor,
        verb=f"enterprise.filing_{to}",
        obj=enterprise,
        org_path=_org_path(enterprise.org),
        before=before,
        after=changes,
        reason=reason,
    )
    return enterprise


# Production bases ---------------------------------------------------------------------------------


@transaction.atomic
def production_base_apply(*, enterprise: Enterprise, data: dict, actor) -> ProductionBase:
    """An enterprise applies to register a production base: it is created pending review.

    The enterprise's own users may apply for it; staff need the edit permission.
    """
    if actor is not None and getattr(actor, "role", None) == Role.ENTERPRISE:
        if actor.enterprise_id != enterprise.pk:
            raise PermissionDenied()
    else:
        require_actor(actor, "production_base.edit")
    code = str(data.get("code") or "").strip()
    if code and ProductionBase.objects.filter(code=code).exists():
        message = _("A production base with registration code “%(code)s” already exists.") % {"code": code}
        raise ValidationFailed(message, fields={"code": [message]})
    values = _pick(data, BASE_FIELDS)
    values.update(enterprise=enterprise, org=values.get("org") or enterprise.org)
    base = ProductionBase(code=code, status=BaseStatus.PENDING, **values)
    return audited_create(
        base,
        actor=actor,
        verb="production_base.apply",
        m2m={"commodities": list(data.get("commodities") or [])},
        org_path=_org_path(base.org),
    )


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
