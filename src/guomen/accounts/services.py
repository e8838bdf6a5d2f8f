from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from guomen.core.errors import NotFound, ValidationFailed, validation_error_from_django
from guomen.core.services import audit_record, model_snapshot

from .auth import hash_key, new_key
from .choices import Role
from .models import ApiKey, OrgUnit, User


@transaction.atomic
def orgunit_create(
    *, code: str, name: str, kind: str, parent: OrgUnit | None = None, name_en: str = "", actor=None
) -> OrgUnit:
    unit = OrgUnit(code=code.strip().upper(), name=name, name_en=name_en, kind=kind, parent=parent)
    unit.path = f"{parent.path if parent else '/'}{unit.code}/"
    try:
        unit.full_clean()
    except ValidationError as exc:
        raise validation_error_from_django(exc) from exc
    unit.save()
    audit_record(actor=actor, verb="org.create", obj=unit, org_path=unit.path, after=model_snapshot(unit))
    return unit


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    org: OrgUnit | None = None,
    enterprise=None,
    display_name: str = "",
    email: str = "",
    actor=None,
) -> User:
    if role == Role.ENTERPRISE and enterprise is None:
        raise ValidationFailed(fields={"enterprise": [_("An enterprise user needs an enterprise.")]})
    if role != Role.ENTERPRISE and org is None:
        raise ValidationFailed(fields={"org": [_("A staff user needs a unit.")]})
    user = User(
        username=username,
        role=role,
        org=org,
        enterprise=enterprise,
        display_name=display_name,
        email=email,
        is_staff=role == Role.ADMINISTRATOR,
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationFailed(fields={"password": list(exc.messages)}) from exc
    user.set_password(password)
    try:
        user.full_clean()
    except ValidationError as exc:
        raise validation_error_from_django(exc) from exc
    user.save()
    audit_record(
        actor=actor,
        verb="user.create",
        obj=user,
        org_path=org.path if org else "",
        after=model_snapshot(user, ["username", "role", "org", "enterprise", "display_name"]),
    )
    return user


@transaction.atomic
def api_key_create(*, name: str, org_code: str, enterprise=None, actor=None) -> tuple[ApiKey, str]:
    """Create a system client key for a unit. Returns the row and the raw key (shown once)."""
    org = OrgUnit.objects.filter(code=org_code.strip().upper()).first()
    if org is None:
        raise NotFound(_("No unit has the code %(code)s.") % {"code": org_code})
    return issue_key(name=name, org=org, enterprise=enterprise, actor=actor)


def issue_key(*, name: str, org: OrgUnit, enterprise=None, actor=None) -> tuple[ApiKey, str]:
    """A new key and the service user it acts as (of `enterprise` when given: it then acts for it alone)."""
    raw = new_key()
    base = f"api-{org.code.lower()}-{raw[3:11].lower()}"
    user = User(username=base, role=Role.SYSTEM, org=org, enterprise=enterprise, display_name=name)
    user.set_unusable_password()
    user.save()
    key = ApiKey.objects.create(name=name, prefix=raw[:10], key_hash=hash_key(raw), user=user)
    after = {"name": name, "prefix": key.prefix, "org": org.code}
    if enterprise is not None:
        after["enterprise"] = enterprise.uscc
    audit_record(actor=actor, verb="apikey.create", obj=key, org_path=org.path, after=after)
    return key, raw
