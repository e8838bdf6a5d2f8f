"""The inbox of every signed-in person (enterprise users and staff alike), and their e-mail preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guomen.core.errors import ApplicationError
from guomen.core.ui import page_of

from . import selectors, services
from .choices import ENTERPRISE_KINDS, STAFF_KINDS, Delivery, Kind

PER_PAGE = 30


@login_required
def inbox(request):
    filters = selectors.InboxFilters.from_query(request.GET)
    page = page_of(request, selectors.inbox(request.user, filters=filters), PER_PAGE)
    context = {
        "page_obj": page,
        "items": selectors.rendered(page.object_list),
        "unread_only": filters.unread,
        "filters": filters,
    }
    return render(request, "notifications/inbox.html", context)


@login_required
@require_POST
def mark_read(request):
    ids = request.POST.getlist("id") or None
    try:
        count = services.notification_mark_read(user=request.user, ids=ids)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("notifications:inbox")
    if count:
        messages.success(request, _("Marked as read."))
    return redirect("notifications:inbox")


@login_required
def open_notification(request, pk):
    """Mark one of the user's own notifications read and go to the record it is about."""
    notification = selectors.notification_get(request.user, pk)
    if notification is None:
        raise Http404
    services.notification_mark_read(user=request.user, ids=[notification.pk])
    url = notification.url
    if not url or not url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return redirect("notifications:inbox")
    return redirect(url)


def kinds_for(user) -> tuple:
    """The kinds a person can receive: the enterprise's events, or the bureau's queues."""
    return STAFF_KINDS if user.is_staff_role else ENTERPRISE_KINDS


@login_required
def preferences(request):
    kinds = kinds_for(request.user)
    current = services.preferences_of(request.user)
    errors = {}
    if request.method == "POST":
        choices = {k: request.POST.get(f"kind_{k}", current[k]) for k in kinds}
        try:
            services.preferences_set(user=request.user, choices=choices)
        except ApplicationError as exc:
            errors = exc.fields
        else:
            messages.success(request, _("Your e-mail preferences are saved."))
            return redirect("notifications:preferences")
    rows = [
        {"kind": k, "label": Kind(k).label, "value": current[k], "errors": errors.get(k, [])} for k in kinds
    ]
    context = {"rows": rows, "deliveries": Delivery.choices, "has_email": bool(request.user.email)}
    return render(request, "notifications/preferences.html", context, status=422 if errors else 200)
