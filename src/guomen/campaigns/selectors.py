"""Campaign reads, permission-checked."""

from guomen.core.errors import NotFound
from guomen.core.permissions import restrict

from .models import Campaign


def campaign_list(*, user, status: str = ""):
    qs = restrict(Campaign.objects.all(), user, "campaign.view").select_related("org")
    if status:
        qs = qs.filter(status=status)
    return qs


def campaign_get(*, user, code: str) -> Campaign:
    found = campaign_list(user=user).filter(code=code).first()
    if found is None:
        raise NotFound()
    return found
