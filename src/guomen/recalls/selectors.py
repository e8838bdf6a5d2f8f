"""Recall reads through restrict(): staff see their unit and below; an enterprise the recalls it is responsible
for or named in as a dealer."""

from django.db.models import Q, QuerySet

from guomen.core.errors import NotFound
from guomen.core.permissions import restrict

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
