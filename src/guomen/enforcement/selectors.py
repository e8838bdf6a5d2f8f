"""Enforcement reads through restrict(): staff see their unit and below; an enterprise sees its own interviews
and commitments, never the handovers between agencies."""

from django.db.models import QuerySet

from guomen.core.errors import NotFound
from guomen.core.permissions import restrict

from .models import Commitment, Handover, Interview


def interview_list(*, user) -> QuerySet:
    return restrict(Interview.objects.all(), user, "enforcement.view").select_related("enterprise", "org")


def commitment_list(*, user) -> QuerySet:
    return restrict(Commitment.objects.all(), user, "enforcement.view").select_related("enterprise", "org")


def handover_list(*, user, direction: str = "") -> QuerySet:
    qs = restrict(Handover.objects.all(), user, "enforcement.view").select_related(
        "enterprise", "org", "campaign"
    )
    return qs.filter(direction=direction) if direction else qs


def _get(qs, pk):
    found = qs.filter(pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        raise NotFound()
    return found


def interview_get(*, user, pk) -> Interview:
    return _get(interview_list(user=user), pk)


def commitment_get(*, user, pk) -> Commitment:
    return _get(commitment_list(user=user), pk)


def handover_get(*, user, pk) -> Handover:
    return _get(handover_list(user=user), pk)
