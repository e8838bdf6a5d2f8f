"""Recall pages: list, new, the recall with its affected consignments and dealers, progress and status."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from guomen.core.errors import ApplicationError, NotFound, PermissionDenied, ValidationFailed
from guomen.core.permissions import can, require, restrict
from guomen.core.ui import add_errors, page_of, render_list
from guomen.registry.models import Enterprise

from . import selectors, services
from .choices import ProductCategory, RecallStatus
from .forms import AffectedForm, ProgressForm, RecallForm, StatusForm


@login_required
@require_GET
def recall_list(request):
    require(request.user, "recall.view")
    filters = {k: request.GET.get(k, "").strip()[:60] for k in ("q", "category", "status")}
    context = {
        "page": page_of(request, selectors.recall_list(user=request.user, **filters)),
        "filters": filters,
        "categories": ProductCategory.choices,
        "statuses": RecallStatus.choices,
        "can_edit": can(request.user, "recall.edit"),
    }
    return render_list(request, "recalls/list.html", "recalls/partials/rows.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def recall_new(request):
    from guomen.risk.models import EarlyWarning

    require(request.user, "recall.edit")
    form = RecallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            uscc, number = data.pop("enterprise").strip(), data.pop("early_warning").strip()
            enterprise = restrict(
                Enterprise.objects.filter(uscc=uscc), request.user, "enterprise.view"
            ).first()
            if enterprise is None:
                raise ValidationFailed(fields={"enterprise": [_("No such enterprise that you may see.")]})
            warning = None
            if number:
                warning = restrict(
                    EarlyWarning.objects.filter(number=number), request.user, "risk.view"
                ).first()
                if warning is None:
                    raise ValidationFailed(
                        fields={"early_warning": [_("No such early warning that you may see.")]}
                    )
            recall = services.recall_open(
                enterprise=enterprise, early_warning=warning, actor=request.user, **data
            )
        except (PermissionDenied, NotFound):
            raise
        except ApplicationError as exc:
            add_errors(form, exc)
        else:
            return redirect("recalls:detail", number=recall.number)
    return render(request, "recalls/new.html", {"form": form})


@login_required
@require_GET
def recall_detail(request, number):
    recall = selectors.recall_get(user=request.user, number=number)
    staff = request.user.role != "enterprise"
    context = {
        "recall": recall,
        "consignments": recall.consignments.order_by("number"),
        "dealers": recall.dealers.order_by("name_zh"),
        "progress": recall.progress.order_by("reported_on", "id"),
        "can_edit": staff and can(request.user, "recall.edit"),
        "can_record": staff and can(request.user, "recall.record"),
        "affected_form": AffectedForm(),
        "status_form": StatusForm(),
        "progress_form": ProgressForm(),
    }
    return render(request, "recalls/detail.html", context)


def _post(request, number, form_class, call, success):
    recall = selectors.recall_get(user=request.user, number=number)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            " ".join(
                f"{form.fields[k].label if k in form.fields else ''}: {e}"
                for k, errs in form.errors.items()
                for e in errs
            ),
        )
        return redirect("recalls:detail", number=number)
    try:
        call(recall, form.cleaned_data)
    except (PermissionDenied, NotFound):
        raise
    except ApplicationError as exc:
        messages.error(request, " ".join(p for ps in exc.fields.values() for p in ps) or str(exc.message))
    else:
        messages.success(request, success)
    return redirect("recalls:detail", number=number)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in str(text or "").replace(",", "\n").splitlines() if line.strip()]


@login_required
@require_POST
def recall_affected(request, number):
    return _post(
        request,
        number,
        AffectedForm,
        lambda r, d: services.recall_name_affected(
            recall=r, consignments=_lines(d["consignments"]), dealers=_lines(d["dealers"]), actor=request.user
        ),
        _("The affected consignments and dealers were added."),
    )


@login_required
@require_POST
def recall_status(request, number):
    return _post(
        request,
        number,
        StatusForm,
        lambda r, d: services.recall_set_status(
            recall=r, to=d["to"], reason=d["reason"], review=d["review"], actor=request.user
        ),
        _("The recall status was changed."),
    )


@login_required
@require_POST
def recall_progress(request, number):
    return _post(
        request,
        number,
        ProgressForm,
        lambda r, d: services.recall_progress(recall=r, actor=request.user, **d),
        _("The progress was recorded."),
    )
