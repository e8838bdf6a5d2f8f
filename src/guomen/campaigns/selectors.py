"""Campaign reads, permission-checked."""

from guomen.core.errors import NotFound
from guomen.core.filters import FilterSet, one_of
from guomen.core.permissions import restrict

from .choices import CampaignStatus
from .models import Campaign


class CampaignFilters(FilterSet):
    """The campaign list's filters: the page (campaigns:list), its export and GET /api/v1/campaigns."""

    status: one_of(CampaignStatus, "Where the campaign stands: planned, under way, closed or cancelled") = ""


def campaign_list(*, user, filters: CampaignFilters | None = None, **given):
    """The campaigns the user may read (every bureau unit's: staff read them all), newest first."""
    status = (filters or CampaignFilters(**given)).status
    qs = restrict(Campaign.objects.all(), user, "campaign.view").select_related("org")
    if status:
        qs = qs.filter(status=status)
    return qs


def campaign_get(*, user, code: str) -> Campaign:
    found = campaign_list(user=user).filter(code=code).first()
    if found is None:
        raise NotFound()
    return found
