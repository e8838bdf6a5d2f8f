"""Campaigns API: list, create, figures and progress, activities, outreach, links, the report."""

import datetime as dt

from django.http import HttpResponse
from ninja import Query, Router, Schema

from guomen.core.files import download_doc
from guomen.core.filters import one_of
from guomen.core.pagination import paginated
from guomen.core.permissions import require

from . import selectors, services
from .figures import campaign_figures, progress
from .report import RENDERERS, campaign_report
from .views import CONTENT_TYPES

router = Router(tags=["campaigns"])


class CampaignIn(Schema):
    code: str
    name: str
    kind: str
    theme: str = ""
    starts_on: dt.date
    ends_on: dt.date
    targets: dict[str, int] = {}


class CampaignOut(Schema):
    code: str
    name: str
    kind: str
    theme: str
    status: str
    starts_on: dt.date
    ends_on: dt.date
    org: str

    @staticmethod
    def resolve_org(obj):
        return obj.org.code


class CampaignDetailOut(CampaignOut):
    figures: dict
    progress: list[dict]

    @staticmethod
    def resolve_figures(obj):
        return campaign_figures(obj)

    @staticmethod
    def resolve_progress(obj):
        return [{k: str(v) if k == "label" else v for k, v in row.items()} for row in progress(obj)]


class ActivityIn(Schema):
    category: str
    title: str
    held_on: dt.date
    description: str = ""


class OutreachIn(Schema):
    held_on: dt.date
    events_held: int = 0
    enterprises_visited: int = 0
    materials_distributed: int = 0
    people_reached: int = 0
    note: str = ""


class LinkIn(Schema):
    kind: str
    object_id: int


class CreatedOut(Schema):
    id: int


@router.get("", response=list[CampaignOut])
@paginated
def campaigns(request, filters: Query[selectors.CampaignFilters]):
    """The filters of the campaign page (and its export), by the same names."""
    require(request.auth, "campaign.view")
    return selectors.campaign_list(user=request.auth, filters=filters)


@router.post("", response={201: CampaignDetailOut})
def campaign_create(request, payload: CampaignIn):
    data = payload.model_dump(exclude={"targets"})
    return 201, services.campaign_create(data=data, targets=payload.targets, actor=request.auth)


@router.get("/{code}", response=CampaignDetailOut)
def campaign_detail(request, code: str):
    return selectors.campaign_get(user=request.auth, code=code)


@router.post("/{code}/activities", response={201: CreatedOut})
def activity(request, code: str, payload: ActivityIn):
    campaign = selectors.campaign_get(user=request.auth, code=code)
    return 201, services.activity_add(campaign=campaign, data=payload.model_dump(), actor=request.auth)


@router.post("/{code}/outreach", response={201: CreatedOut})
def outreach(request, code: str, payload: OutreachIn):
    campaign = selectors.campaign_get(user=request.auth, code=code)
    return 201, services.outreach_record(campaign=campaign, data=payload.model_dump(), actor=request.auth)


@router.post("/{code}/links", response={201: CreatedOut})
def link(request, code: str, payload: LinkIn):
    campaign = selectors.campaign_get(user=request.auth, code=code)
    return 201, services.campaign_link(
        campaign=campaign, kind=payload.kind, object_id=payload.object_id, actor=request.auth
    )


@router.get("/{code}/report", openapi_extra=download_doc(*CONTENT_TYPES.values()))
def report(request, code: str, format: one_of(list(RENDERERS), "The file's format") = "md"):
    campaign = selectors.campaign_get(user=request.auth, code=code)
    response = HttpResponse(campaign_report(campaign, format), content_type=CONTENT_TYPES[format])
    response["Content-Disposition"] = f'attachment; filename="{campaign.code}.{format}"'
    return response
