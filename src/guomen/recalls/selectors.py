"""Recall reads through restrict(): staff see their unit and below; an enterprise the recalls it is responsible
for or named in as a dealer."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from ninja import Field

from guomen.core.errors import NotFound, ValidationFailed
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import restrict
from guomen.registry.selectors import enterprise_named

from .choices import ProductCategory, RecallStatus
from .models import Recall


class RecallFilters(FilterSet):
    """The recall list's filters: the page (recalls:list), its export and GET /api/v1/recalls."""

    q: str = Field("", max_length=60, description="Recall number, title or product (part of it)")
    category: one_of(ProductCategory, "The product category") = ""
    status: one_of(RecallStatus, "Where the recall stands") = ""


def recall_list(*, user, filters: RecallFilters | None = None, **given) -> QuerySet:
    """Recalls the user may see, the latest reported first."""
    f = filters or RecallFilters(**given)
    q, category, status = f.q, f.category, f.status
    qs = restrict(Recall.objects.all(), user, "recall.view").select_related("enterprise", "org")
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(title__icontains=q) | Q(product__icontains=q))
    if category:
        qs = qs.filter(category=category)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-reported_on", "-id")


def recall_get(*, user, number: str) -> Recall:
    found = recall_list(user=user).filter(number=number).first()
    if found is None:
        raise NotFound()
    return found


def recall_parties(*, user, data: dict) -> dict:
    """The importer (USCC) and early warning (number) a new recall names, taken out of `data` and looked up
    among what the user may see; an unknown one is an error on its field."""
    from guomen.risk.models import EarlyWarning

    enterprise = enterprise_named(user=user, uscc=data.pop("enterprise"))
    number = str(data.pop("early_warning", "") or "").strip()
    warning = None
    if number:
        warning = restrict(EarlyWarning.objects.filter(number=number), user, "risk.view").first()
        if warning is None:
            raise ValidationFailed(fields={"early_warning": [_("No such early warning that you may see.")]})
    return {"enterprise": enterprise, "early_warning": warning}
