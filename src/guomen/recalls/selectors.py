"""Recall reads through restrict(): staff see their unit and below; an enterprise the recalls it is responsible
for or named in as a dealer."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from guomen.core.errors import NotFound, ValidationFailed
from guomen.core.permissions import restrict
from guomen.registry.selectors import enterprise_named

from .models import Recall


def recall_list(*, user, q: str = "", category: str = "", status: str = "") -> QuerySet:
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
