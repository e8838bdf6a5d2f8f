"""12365 pages: the public form and tracking page (no login), and the staff handling pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guomen.accounts.models import User
from guomen.core.errors import ApplicationError, NotFound
from guomen.core.permissions import can, require
from guomen.core.selectors import audit_timeline
from guomen.core.timeline import timeline_entries
from guomen.core.ui import add_errors, page_of, render_list
from guomen.portal import ratelimit
from guomen.registry.selectors import enterprise_named

from . import selectors, services
from .choices import Category, ComplaintStatus
from .forms import CloseForm, ComplaintForm, ReplyForm, TrackForm, TriageForm
from .uploads import max_photo_bytes, max_photos

# Public --------------------------------------------------------------------------------------------


def complaint_submit(request):
    form = ComplaintForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        client = ratelimit.client_id(request)
        if form.is_valid() and form.cleaned_data.get("website"):
            form.add_error(None, _("The form could not be accepted. Please submit it again."))
        elif form.is_valid():
            # Read no more files than allowed, and no more of each than the limit (+1 byte, to tell it is over).
            files = form.cleaned_data["photos"][: max_photos() + 1]
            photos = [(f.name, f.read(max_photo_bytes() + 1)) for f in files]
            try:
                ratelimit.hit("complaint_submit", client)
                complaint = services.complaint_submit(
                    data=form.service_data(),
                    photos=photos,
                    org=form.cleaned_data["org"],
                    client=client,
                    agency=form.cleaned_data["agency"],
                )
            except ApplicationError as exc:
                add_errors(form, exc)
                status = exc.status
            else:
                request.session["complaint_submitted"] = complaint.tracking_code
                return redirect(reverse("complaints:track_detail", args=[complaint.tracking_code]))
        if status == 200:
            status = 422
    context = {"form": form, "max_photos": max_photos(), "max_mb": max_photo_bytes() // (1024 * 1024)}
    return render(request, "complaints/submit.html", context, status=status)


def track(request):
    form = TrackForm(request.GET or None)
    if form.is_valid():
        return redirect(reverse("complaints:track_detail", args=[form.cleaned_data["code"].strip().upper()]))
    return render(request, "complaints/track.html", {"form": form})


def track_detail(request, code: str):
    client = ratelimit.client_id(request)
    form = TrackForm({"code": code[:20]})
    form.is_valid()
    try:
        ratelimit.check("complaint_track", client)
        view = selectors.complaint_track(code=code)
    except NotFound:
        ratelimit.hit("complaint_track", client)
        form.add_error("code", _("No complaint has this tracking code. Check the code on your receipt."))
        return render(request, "complaints/track.html", {"form": form}, status=404)
    except ApplicationError as exc:
        form.add_error(None, exc.message)
        return render(request, "complaints/track.html", {"form": form}, status=exc.status)
    just_submitted = request.session.pop("complaint_submitted", "") == view.tracking_code
    return render(request, "complaints/track_detail.html", {"view": view, "just_submitted": just_submitted})


# Staff ---------------------------------------------------------------------------------------------


@login_required
def complaint_list(request):
    require(request.user, "complaint.view")
    filters = selectors.ComplaintFilters.from_query(request.GET)
    qs = selectors.complaint_list(user=request.user, filters=filters)
    context = {
        "page_obj": page_of(request, qs),
        "filters": filters,
        "statuses": ComplaintStatus.choices,
        "categories": Category.choices,
        "today": timezone.localdate(),
    }
    return render_list(request, "complaints/list.html", "complaints/partials/rows.html", context)


def _detail_context(request, complaint, **forms) -> dict:
    user = request.user
    context = {
        "c": complaint,
        "today": timezone.localdate(),
        "timeline": timeline_entries(audit_timeline(obj=complaint)),
    }
    if complaint.is_open and can(user, "complaint.triage"):
        context["triage_form"] = forms.get("triage") or TriageForm(
            initial={
                "category": complaint.category,
                "org": complaint.org_id,
                "assignee": complaint.assignee_id,
                "enterprise": complaint.enterprise.uscc if complaint.enterprise_id else "",
                "version": complaint.version,
            },
            units=selectors.triage_units(user=user),
            assignees=selectors.assignable_users(org=complaint.org),
        )
    may_reply = can(user, "complaint.triage") or complaint.assignee_id == user.pk
    if complaint.status == ComplaintStatus.IN_PROGRESS and can(user, "complaint.reply") and may_reply:
        context["reply_form"] = forms.get("reply") or ReplyForm(initial={"version": complaint.version})
    if complaint.status != ComplaintStatus.CLOSED and can(user, "complaint.close"):
        context["close_form"] = forms.get("close") or CloseForm(initial={"version": complaint.version})
    return context


@login_required
def complaint_detail(request, pk: int):
    complaint = selectors.complaint_get(user=request.user, pk=pk)
    return render(request, "complaints/detail.html", _detail_context(request, complaint))


def _act(request, pk: int, form_name: str, make_form, act, success: str):
    complaint = selectors.complaint_get(user=request.user, pk=pk)
    form = make_form(complaint)
    if form.is_valid():
        try:
            act(complaint, form.cleaned_data)
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, success)
            if not selectors.complaint_list(user=request.user).filter(pk=pk).exists():
                return redirect(reverse("complaints:list"))  # routed to a unit outside the user's own
            return redirect(reverse("complaints:detail", args=[pk]))
    context = _detail_context(request, complaint, **{form_name: form})
    return render(request, "complaints/detail.html", context, status=422)


@login_required
@require_POST
def complaint_triage(request, pk: int):
    def make(c):
        return TriageForm(
            request.POST,
            units=selectors.triage_units(user=request.user),
            assignees=User.objects.filter(is_active=True),
        )

    def act(c, data):
        code = data["enterprise"].strip()
        services.complaint_triage(
            complaint=c,
            category=data["category"],
            org=data["org"],
            assignee=data["assignee"],
            enterprise=enterprise_named(user=request.user, uscc=code) if code else None,
            actor=request.user,
            expected_version=data["version"],
        )

    return _act(request, pk, "triage", make, act, _("Complaint triaged."))


@login_required
@require_POST
def complaint_reply(request, pk: int):
    def act(c, data):
        services.complaint_reply(
            complaint=c, reply=data["reply"], actor=request.user, expected_version=data["version"]
        )

    return _act(request, pk, "reply", lambda c: ReplyForm(request.POST), act, _("Reply sent."))


@login_required
@require_POST
def complaint_close(request, pk: int):
    def act(c, data):
        services.complaint_close(
            complaint=c,
            outcome=data["outcome"],
            note=data["note"],
            actor=request.user,
            expected_version=data["version"],
        )

    return _act(request, pk, "close", lambda c: CloseForm(request.POST), act, _("Complaint closed."))


@login_required
def complaint_photo(request, pk: int, photo_id: int):
    complaint = selectors.complaint_get(user=request.user, pk=pk)
    photo = complaint.photos.filter(pk=photo_id).first()
    if photo is None:
        raise Http404
    return FileResponse(photo.image.open("rb"), content_type=photo.content_type)
