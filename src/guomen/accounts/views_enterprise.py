"""The enterprise administrator's page of its users and system keys (phone-friendly), and the invitation link."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from guomen.core.errors import ApplicationError, NotFound, PermissionDenied
from guomen.core.permissions import require

from . import enterprise as services
from .choices import EnterpriseRole
from .selectors import enterprise_keys, enterprise_users

PAGE = "accounts/enterprise_users.html"


def _page(request, *, status=200, **extra):
    require(request.user, "enterprise.users.view")
    context = {
        "users": enterprise_users(request.user),
        "keys": enterprise_keys(request.user).select_related("user"),
        "roles": EnterpriseRole.choices,
        "errors": {},
        "data": {},
    } | extra
    return render(request, PAGE, context, status=status)


def _refused(request, exc: ApplicationError, **extra):
    if isinstance(exc, PermissionDenied | NotFound):
        raise exc
    errors = {k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in (exc.fields or {}).items()}
    return _page(request, status=exc.status, errors=errors or {"form": [str(exc.message)]}, **extra)


@login_required
@require_GET
def users_page(request):
    return _page(request)


@login_required
@require_POST
def user_invite(request):
    data = request.POST
    try:
        user, link, sent = services.enterprise_user_invite(
            actor=request.user,
            username=data.get("username", ""),
            email=data.get("email", ""),
            enterprise_role=data.get("enterprise_role", ""),
            display_name=data.get("display_name", ""),
            base_url=request.build_absolute_uri("/"),
        )
    except ApplicationError as exc:
        return _refused(request, exc, data=data)
    return _page(request, invited=user, invite_link=link, invite_sent=sent)


@login_required
@require_POST
def user_role(request, pk):
    try:
        services.enterprise_user_set_role(
            actor=request.user, user_id=pk, enterprise_role=request.POST.get("enterprise_role", "")
        )
    except ApplicationError as exc:
        return _refused(request, exc)
    messages.success(request, _("The role was changed."))
    return redirect("accounts:enterprise_users")


@login_required
@require_POST
def user_deactivate(request, pk):
    try:
        services.enterprise_user_deactivate(
            actor=request.user, user_id=pk, reason=request.POST.get("reason", "")
        )
    except ApplicationError as exc:
        return _refused(request, exc)
    messages.success(request, _("The user was deactivated."))
    return redirect("accounts:enterprise_users")


@login_required
@require_POST
def key_create(request):
    try:
        key, raw = services.enterprise_api_key_create(actor=request.user, name=request.POST.get("name", ""))
    except ApplicationError as exc:
        return _refused(request, exc)
    return _page(request, new_key=key, new_key_raw=raw)


@login_required
@require_POST
def key_revoke(request, pk):
    try:
        services.enterprise_api_key_revoke(actor=request.user, key_id=pk)
    except ApplicationError as exc:
        return _refused(request, exc)
    messages.success(request, _("The key was revoked."))
    return redirect("accounts:enterprise_users")


class InviteAcceptView(auth_views.PasswordResetConfirmView):
    """The invited person chooses a password through the link (Django's one-time token)."""

    template_name = "accounts/invite_accept.html"
    success_url = reverse_lazy("accounts:login")
    post_reset_login = False

    def form_valid(self, form):
        messages.success(self.request, _("Your password is set. Sign in."))
        return super().form_valid(form)
