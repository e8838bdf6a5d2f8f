"""The hazard review queue: foreign hazard names accepted (with a Chinese name), merged or rejected."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from guomen.core.errors import ApplicationError, ValidationFailed
from guomen.core.permissions import require
from guomen.core.ui import page_of

from . import selectors, services
from .choices import HazardKind
from .models import Hazard

REASONS = {
    "same name": gettext_lazy("same name"),
    "same CAS number": gettext_lazy("same CAS number"),
    "same Chinese name": gettext_lazy("same Chinese name"),
    "similar name": gettext_lazy("similar name"),
}


@login_required
def hazard_review(request):
    require(request.user, "catalog.edit")
    q = request.GET.get("q", "").strip()
    page_obj = page_of(request, selectors.hazard_review_queue(user=request.user, q=q), per_page=20)
    rows = selectors.hazard_review_rows(list(page_obj))
    for row in rows:
        row["suggestions"] = [(h, s, REASONS.get(s.reason, s.reason)) for h, s in row["suggestions"]]
    context = {"page_obj": page_obj, "rows": rows, "q": q, "kinds": HazardKind.choices}
    return render(request, "catalog/hazard_review.html", context)


@login_required
@require_POST
def hazard_review_act(request, pk: int):
    require(request.user, "catalog.edit")
    hazard = selectors.hazard_get(user=request.user, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "accept":
            services.hazard_accept(hazard=hazard, data=request.POST.dict(), actor=request.user)
            messages.success(request, _("Accepted: %(name)s is now in the lists.") % {"name": hazard.name_en})
        elif action == "merge":
            into = Hazard.objects.filter(pk=_int(request.POST.get("into"))).first()
            if into is None:
                raise ValidationFailed(fields={"into": [_("Choose the hazard to merge into.")]})
            services.hazard_merge(hazard=hazard, into=into, actor=request.user)
            messages.success(
                request,
                _("Merged into %(name)s; its spelling is kept as a synonym.") % {"name": into.name_zh},
            )
        elif action == "reject":
            services.hazard_reject(hazard=hazard, reason=request.POST.get("reason", ""), actor=request.user)
            messages.success(
                request, _("Rejected: %(name)s stays out of the lists.") % {"name": hazard.name_en}
            )
        else:
            messages.error(request, _("Choose accept, merge or reject."))
    except ApplicationError as exc:
        messages.error(request, " ".join([str(exc.message)] + [m for ms in exc.fields.values() for m in ms]))
    page = _int(request.POST.get("page"))
    return redirect(reverse("catalog:hazard_review") + (f"?page={page}" if page else ""))


def _int(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None
