"""An enterprise manages its own people and systems (企业自管账号): its administrator invites users with a role
in the enterprise (declarant, quality manager, viewer, administrator), changes or deactivates them, and issues
and revokes API keys that act for this enterprise alone. Every change is audited; nothing reaches another
enterprise, and an e-mail address used elsewhere is refused without saying where."""

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from guomen.core.errors import NotFound, PermissionDenied, ValidationFailed
from guomen.core.permissions import require
from guomen.core.services import audit_record

from .auth import api_keys_forget
from .choices import EnterpriseRole, Role
from .models import ApiKey, User
from .services import issue_key

log = logging.getLogger(__name__)
MANAGE = "enterprise.users.manage"


def _enterprise_of(actor):
    require(actor, MANAGE)
    if actor.role != Role.ENTERPRISE or not actor.enterprise_id:
        raise PermissionDenied()
    return actor.enterprise


def _path(enterprise) -> str:
    return enterprise.org.path if enterprise.org_id else ""


def _text(value, field: str, limit: int, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(fields={field: [message]})
    if len(value) > limit:
        raise ValidationFailed(fields={field: [_("At most %(n)d characters.") % {"n": limit}]})
    return value


def _role(value) -> str:
    if value not in EnterpriseRole.values:
        raise ValidationFailed(
            fields={"enterprise_role": [_("Choose administrator, declarant, quality manager or viewer.")]}
        )
    return value


def _own_user(actor, pk) -> User:
    enterprise = _enterprise_of(actor)
    found = User.objects.filter(pk=pk, enterprise=enterprise, role=Role.ENTERPRISE).first()
    if found is None:
        raise NotFound(_("No such user in your enterprise."))
    return found


def invitation_path(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("accounts:invite_accept", args=[uid, default_token_generator.make_token(user)])


def _send_invitation(user: User, enterprise, link: str) -> bool:
    subject = _("Invitation to Guomen for %(e)s") % {"e": enterprise.name_zh}
    body = _(
        "%(name)s, you are invited to act for %(e)s in Guomen as %(role)s.\n"
        "Choose your password here (the link works once): %(link)s"
    ) % {
        "name": user.display_name or user.username,
        "e": enterprise.name_zh,
        "role": user.get_enterprise_role_display(),
        "link": link,
    }
    try:
        send_mail(subject, body, getattr(settings, "DEFAULT_FROM_EMAIL", None), [user.email])
    except OSError as exc:  # no mail server: the administrator passes the link on by hand
        log.warning("invitation mail to user %s not sent: %s", user.pk, exc)
        return False
    return True


@transaction.atomic
def enterprise_user_invite(
    *, actor, username: str, email: str, enterprise_role: str, display_name: str = "", base_url: str = ""
) -> tuple[User, str, bool]:
    """A new user of the actor's enterprise, without a password until they choose one through the invitation.

    Returns the user, the invitation link (shown once to the administrator) and whether the mail was sent."""
    enterprise = _enterprise_of(actor)
    username = _text(username, "username", 150, _("Enter a user name."))
    email = _text(email, "email", 254, _("Enter the e-mail address."))
    display_name = (display_name or "").strip()[:100]
    role = _role(enterprise_role)
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationFailed(fields={"email": [_("Enter a valid e-mail address.")]}) from None
    holders = User.objects.filter(email__iexact=email)
    if holders.exclude(enterprise=enterprise).exists() or holders.exclude(role=Role.ENTERPRISE).exists():
        # never say which enterprise (or that a bureau officer) holds it
        raise ValidationFailed(fields={"email": [_("This e-mail address cannot be used; use another one.")]})
    if holders.exists():
        raise ValidationFailed(
            fields={"email": [_("A user of your enterprise already has this e-mail address.")]}
        )
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationFailed(fields={"username": [_("This user name is taken; choose another.")]})
    user = User(
        username=username,
        email=email,
        display_name=display_name,
        role=Role.ENTERPRISE,
        enterprise=enterprise,
        enterprise_role=role,
    )
    user.set_unusable_password()
    try:
        user.full_clean()
    except ValidationError as exc:
        raise ValidationFailed(fields={k: list(v) for k, v in exc.message_dict.items()}) from exc
    user.save()
    audit_record(
        actor=actor,
        verb="enterprise_user.invite",
        obj=user,
        org_path=_path(enterprise),
        after={"username": username, "email": email, "enterprise_role": role, "enterprise": enterprise.uscc},
    )
    link = base_url.rstrip("/") + invitation_path(user)
    sent = _send_invitation(user, enterprise, link)
    return user, link, sent


@transaction.atomic
def enterprise_user_set_role(*, actor, user_id, enterprise_role: str) -> User:
    user = _own_user(actor, user_id)
    if user.pk == actor.pk:
        raise ValidationFailed(fields={"enterprise_role": [_("You cannot change your own role.")]})
    role = _role(enterprise_role)
    before = user.enterprise_role
    User.objects.filter(pk=user.pk).update(enterprise_role=role)
    user.enterprise_role = role
    audit_record(
        actor=actor,
        verb="enterprise_user.role",
        obj=user,
        org_path=_path(user.enterprise),
        before={"enterprise_role": before},
        after={"enterprise_role": role},
    )
    return user


@transaction.atomic
def enterprise_user_deactivate(*, actor, user_id, reason: str = "") -> User:
    """The user can no longer sign in; their records stay. Their own API keys stop working with them."""
    user = _own_user(actor, user_id)
    if user.pk == actor.pk:
        raise ValidationFailed(fields={"user": [_("You cannot deactivate yourself.")]})
    if not user.is_active:
        return user
    User.objects.filter(pk=user.pk).update(is_active=False)
    api_keys_forget()
    user.is_active = False
    audit_record(
        actor=actor,
        verb="enterprise_user.deactivate",
        obj=user,
        org_path=_path(user.enterprise),
        before={"is_active": True},
        after={"is_active": False},
        reason=(reason or "")[:500],
    )
    return user


@transaction.atomic
def enterprise_api_key_create(*, actor, name: str) -> tuple[ApiKey, str]:
    """A key for the enterprise's own system: it acts as a system client of this enterprise alone (it declares
    and reads only for it, never sees the bureau's targeting). Returns the row and the raw key (shown once)."""
    enterprise = _enterprise_of(actor)
    name = _text(name, "name", 100, _("Name the system that will use the key."))
    if not enterprise.org_id:
        raise ValidationFailed(fields={"name": [_("Your enterprise has no supervising unit yet.")]})
    return issue_key(name=name, org=enterprise.org, enterprise=enterprise, actor=actor)


@transaction.atomic
def enterprise_api_key_revoke(*, actor, key_id) -> ApiKey:
    enterprise = _enterprise_of(actor)
    key = ApiKey.objects.select_related("user").filter(pk=key_id, user__enterprise=enterprise).first()
    if key is None:
        raise NotFound(_("No such key of your enterprise."))
    if key.revoked_at is None:
        now = timezone.now()
        ApiKey.objects.filter(pk=key.pk).update(revoked_at=now)
        User.objects.filter(pk=key.user_id).update(is_active=False)
        api_keys_forget()
        key.revoked_at = now
        audit_record(
            actor=actor,
            verb="apikey.revoke",
            obj=key,
            org_path=_path(enterprise),
            after={"prefix": key.prefix, "enterprise": enterprise.uscc},
        )
    return key
