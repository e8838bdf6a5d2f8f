"""Small helpers the supervision services share."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.core.errors import PermissionDenied, ValidationFailed, validation_error_from_django
from guomen.core.permissions import org_in_scope, require


def need_reason(reason: str, field: str = "reason") -> str:
    text = str(reason or "").strip()
    if not text:
        raise ValidationFailed(fields={field: [_("Give the reason.")]})
    return text


def need_text(value: str, field: str) -> str:
    text = str(value or "").strip()
    if not text:
        raise ValidationFailed(fields={field: [_("This field is required.")]})
    return text


def require_staff_for(actor, action: str, enterprise) -> None:
    """Staff with the role, acting for an enterprise of their own unit or below."""
    require(actor, action)
    if getattr(actor, "role", None) == Role.ENTERPRISE or not org_in_scope(actor, enterprise.org):
        raise PermissionDenied(_("This enterprise is outside your jurisdiction."))


def require_own_enterprise(actor, action: str, enterprise) -> None:
    """An enterprise user acting for their own enterprise, or staff of its jurisdiction."""
    require(actor, action)
    if getattr(actor, "role", None) == Role.ENTERPRISE:
        if actor.enterprise_id != enterprise.pk:
            raise PermissionDenied()
    elif not org_in_scope(actor, enterprise.org):
        raise PermissionDenied(_("This enterprise is outside your jurisdiction."))


def clean(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise validation_error_from_django(exc) from exc


def path_of(enterprise) -> str:
    return enterprise.org.path if enterprise.org_id else ""
