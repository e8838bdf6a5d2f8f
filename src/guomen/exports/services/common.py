"""What every export-chain write checks first: the role, then whose record it is."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.core.errors import PermissionDenied, ValidationFailed, validation_error_from_django
from guomen.core.permissions import org_in_scope, require


def is_enterprise(actor) -> bool:
    return getattr(actor, "role", None) == Role.ENTERPRISE or (
        getattr(actor, "role", None) == Role.SYSTEM and getattr(actor, "enterprise_id", None)
    )


def require_for(actor, action: str, *, org, enterprise_id) -> None:
    """The role may `action`; an enterprise acts for its own records only, staff within their unit and below."""
    require(actor, action)
    if is_enterprise(actor):
        if not actor.enterprise_id or actor.enterprise_id != enterprise_id:
            raise PermissionDenied(_("This record belongs to another enterprise."))
    elif not org_in_scope(actor, org):
        raise PermissionDenied(_("This record is outside your jurisdiction."))


def clean(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise validation_error_from_django(exc) from exc


def text(value, field: str, *, required: bool = True, limit: int = 255) -> str:
    value = str(value or "").strip()
    if required and not value:
        raise ValidationFailed(fields={field: [_("This field is required.")]})
    if len(value) > limit:
        raise ValidationFailed(fields={field: [_("At most %(n)d characters.") % {"n": limit}]})
    return value
