"""Recall pages: list, new, the recall with its affected consignments and dealers, progress and status."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from guomen.core.actions import action_view, export_view, list_view, new_page
from guomen.core.filters import label_of
from guomen.core.permissions import can

from . import selectors, services
from .choices import ProductCategory, RecallStatus
from .forms import AffectedForm, ProgressForm, RecallForm, StatusForm, WarnForm


def _open(data, user):
    return services.recall_open(actor=user, **selectors.recall_parties(user=user, data=data), **data)


CATEGORY_LABEL, STATUS_LABEL = label_of(ProductCategory), label_of(RecallStatus)
RECALL_COLUMNS = [
    (gettext_lazy("recall number"), lambda r: r.number),
    (gettext_lazy("title"), lambda r: r.title),
    (gettext_lazy("product category"), lambda r: CATEGORY_LABEL(r.category)),
    (gettext_lazy("product, model and batch"), lambda r: r.product),
    (gettext_lazy("responsible importer"), lambda r: r.enterprise.name_zh),
    (gettext_lazy("unified social credit code"), lambda r: r.enterprise.uscc),
    (gettext_lazy("reported on"), lambda r: r.reported_on),
    (gettext_lazy("units affected"), lambda r: r.units_affected),
    (gettext_lazy("units recovered"), lambda r: r.units_recovered),
    (gettext_lazy("status"), lambda r: STATUS_LABEL(r.status)),
]

# fmt: off
recall_list = list_view("recall.view", selectors.recall_list, selectors.RecallFilters, "recalls",
                        lambda user: {"categories": ProductCategory.choices, "statuses": RecallStatus.choices, "can_edit": can(user, "recall.edit")},
                        export="recalls:export")
recall_export = export_view("recall.view", selectors.recall_list, selectors.RecallFilters, RECALL_COLUMNS,
                            filename="recalls.xlsx", back="recalls:list")
# fmt: on


@login_required
@require_http_methods(["GET", "POST"])
def recall_new(request):
    done = lambda recall: redirect("recalls:detail", number=recall.number)  # noqa: E731
    return new_page(request, "recall.edit", RecallForm, _open, "recalls/new.html", done)


@login_required
@require_GET
def recall_detail(request, number):
    recall = selectors.recall_get(user=request.user, number=number)
    staff = request.user.role != "enterprise"
    context = {
        "recall": recall,
        "consumer_warning": recall.consumer_warning,
        "staff": staff,
        "consignments": recall.consignments.order_by("number"),
        "dealers": recall.dealers.order_by("name_zh"),
        "progress": recall.progress.order_by("reported_on", "id"),
        "can_edit": staff and can(request.user, "recall.edit"),
        "can_record": staff and can(request.user, "recall.record"),
        "affected_form": AffectedForm(),
        "status_form": StatusForm(),
        "progress_form": ProgressForm(),
        "warn_form": WarnForm(initial={"title": recall.title, "text": f"{recall.product}：{recall.defect}"}),
        "can_warn": staff and can(request.user, "recall.edit") and recall.status in services.WARNED_STATUSES,
    }
    return render(request, "recalls/detail.html", context)


def _recall(user, number):
    return selectors.recall_get(user=user, number=number)


def _detail(recall) -> str:
    return reverse("recalls:detail", args=[recall.number])


def _lines(text: str) -> list[str]:
    return [line.strip() for line in str(text or "").replace(",", "\n").splitlines() if line.strip()]


def _affected(d) -> dict:
    return {"consignments": _lines(d["consignments"]), "dealers": _lines(d["dealers"])}


# fmt: off
recall_affected = action_view(_recall, AffectedForm, services.recall_name_affected, "recall", gettext_lazy("The affected consignments and dealers were added."), _detail, _affected)
recall_status = action_view(_recall, StatusForm, services.recall_set_status, "recall", gettext_lazy("The recall status was changed."), _detail)
recall_progress = action_view(_recall, ProgressForm, services.recall_progress, "recall", gettext_lazy("The progress was recorded."), _detail)
recall_warn = action_view(_recall, WarnForm, services.recall_warn_consumers, "recall", gettext_lazy("The consumer warning waits for a second supervisor to publish it."), _detail)
# fmt: on
