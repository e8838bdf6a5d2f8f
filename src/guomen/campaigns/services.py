"""Campaign writes: campaigns and targets, status, activities, outreach records, links to records."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from guomen.core.errors import PermissionDenied, ValidationFailed, validation_error_from_django
from guomen.core.permissions import org_in_scope, require, restrict
from guomen.core.services import audit_record, model_snapshot
from guomen.core.workflow import transition

from .choices import CAMPAIGN_TRANSITIONS, LINK_MODELS, ActivityCategory, CampaignStatus, LinkKind, Metric
from .models import Activity, Campaign, CampaignLink, CampaignTarget, OutreachRecord

# The permission that lets a person see each kind of linked record (checked with restrict()).
LINK_VIEW = {
    LinkKind.INSPECTION: "inspection.view",
    LinkKind.SPOT_CHECK: "supervision.spotcheck.view",
    LinkKind.SAMPLE: "lab.view",
    LinkKind.SIGNAL: "risk.view",
    LinkKind.CREDIT_EVENT: "supervision.view",
    LinkKind.CERTIFICATION_CHECK: "certification.view",
    LinkKind.MARK_MISUSE: "certification.view",
    LinkKind.RECALL: "recall.view",
    LinkKind.AGENCY_FINDING: "portlines.view",
    LinkKind.ENTERPRISE_SERVICE: "supervision.view",
    LinkKind.COMPLAINT: "complaint.view",
}


def _clean(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise validation_error_from_django(exc) from exc


def takes_part(actor, campaign) -> bool:
    """The organising unit, the units above it, and the units below it (its ports) take part."""
    if org_in_scope(actor, campaign.org):
        return True
    return bool(getattr(actor, "org_id", None)) and actor.org.path.startswith(campaign.org.path)


def _require_here(actor, action: str, campaign) -> None:
    require(actor, action)
    allowed = org_in_scope(actor, campaign.org) if action == "campaign.edit" else takes_part(actor, campaign)
    if not allowed:
        raise PermissionDenied(_("This campaign belongs to another unit."))


def _targets(targets: dict) -> dict[str, int]:
    clean, errors = {}, {}
    for metric, value in (targets or {}).items():
        if metric not in Metric.values:
            errors["targets"] = [_("Unknown measure: %(m)s.") % {"m": metric}]
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = -1
        if number < 0:
            errors[f"target_{metric}"] = [_("Enter a whole number, zero or more.")]
        elif number:
            clean[metric] = number
    if errors:
        raise ValidationFailed(fields=errors)
    return clean


@transaction.atomic
def campaign_create(*, data: dict, targets: dict | None = None, actor) -> Campaign:
    require(actor, "campaign.edit")
    org = data.get("org") or actor.org
    if org is None or not org_in_scope(actor, org):
        raise PermissionDenied(_("You may only organise campaigns for your own unit and the units below it."))
    code = str(data.get("code") or "").strip()
    if code and Campaign.objects.filter(code=code).exists():
        raise ValidationFailed(fields={"code": [_("A campaign with this code already exists.")]})
    clean_targets = _targets(targets or {})
    fields = ("name", "kind", "theme", "description", "starts_on", "ends_on", "enterprise_kinds")
    campaign = Campaign(code=code, org=org, created_by=actor, **{k: data[k] for k in fields if k in data})
    _clean(campaign)
    if campaign.ends_on < campaign.starts_on:
        raise ValidationFailed(fields={"ends_on": [_("The campaign ends before it starts.")]})
    campaign.save()
    campaign.commodity_groups.set(data.get("commodity_groups") or [])
    campaign.ports.set(data.get("ports") or [])
    CampaignTarget.objects.bulk_create(
        CampaignTarget(campaign=campaign, metric=m, target=v) for m, v in clean_targets.items()
    )
    audit_record(
        actor=actor,
        verb="campaign.create",
        obj=campaign,
        org_path=org.path,
        after={
            **model_snapshot(campaign, ["code", "name", "kind", "starts_on", "ends_on"]),
            "targets": clean_targets,
        },
    )
    return campaign


@transaction.atomic
def campaign_set_targets(*, campaign: Campaign, targets: dict, actor) -> Campaign:
    _require_here(actor, "campaign.edit", campaign)
    clean_targets = _targets(targets)
    before = dict(campaign.targets.values_list("metric", "target"))
    campaign.targets.all().delete()
    CampaignTarget.objects.bulk_create(
        CampaignTarget(campaign=campaign, metric=m, target=v) for m, v in clean_targets.items()
    )
    audit_record(
        actor=actor,
        verb="campaign.targets",
        obj=campaign,
        org_path=campaign.org.path,
        before={"targets": before},
        after={"targets": clean_targets},
    )
    return campaign


@transaction.atomic
def campaign_set_status(
    *, campaign: Campaign, to: str, actor, reason: str = "", expected_version=None
) -> Campaign:
    _require_here(actor, "campaign.edit", campaign)
    if to not in CampaignStatus.values:
        raise ValidationFailed(fields={"status": [_("Unknown status.")]})
    return transition(
        campaign,
        to=to,
        allowed=CAMPAIGN_TRANSITIONS,
        actor=actor,
        verb=f"campaign.{to}",
        reason=reason,
        expected_version=expected_version,
        org_path=campaign.org.path,
    )


def _require_open(campaign) -> None:
    if campaign.status in (CampaignStatus.CLOSED, CampaignStatus.CANCELLED):
        raise ValidationFailed(fields={"campaign": [_("The campaign is closed; nothing more can be added.")]})


@transaction.atomic
def activity_add(*, campaign: Campaign, data: dict, actor) -> Activity:
    _require_here(actor, "campaign.record", campaign)
    _require_open(campaign)
    if data.get("category") not in ActivityCategory.values:
        raise ValidationFailed(
            fields={"category": [_("Choose publicity, rectification, services or brand building.")]}
        )
    activity = Activity(
        campaign=campaign,
        org=data.get("org") or actor.org,
        created_by=actor,
        **{k: data.get(k) for k in ("category", "title", "held_on")},
        description=str(data.get("description") or ""),
    )
    _clean(activity)
    activity.save()
    audit_record(
        actor=actor,
        verb="campaign.activity",
        obj=activity,
        org_path=campaign.org.path,
        after=model_snapshot(activity, ["category", "title", "held_on"]),
    )
    return activity


OUTREACH_NUMBERS = ("events_held", "enterprises_visited", "materials_distributed", "people_reached")


@transaction.atomic
def outreach_record(*, campaign: Campaign, data: dict, actor) -> OutreachRecord:
    _require_here(actor, "campaign.record", campaign)
    _require_open(campaign)
    activity = data.get("activity")
    if activity is not None and activity.campaign_id != campaign.pk:
        raise ValidationFailed(fields={"activity": [_("This activity belongs to another campaign.")]})
    numbers = {}
    for name in OUTREACH_NUMBERS:
        try:
            numbers[name] = int(data.get(name) or 0)
        except (TypeError, ValueError):
            numbers[name] = -1
    bad = {n: [_("Enter a whole number, zero or more.")] for n, v in numbers.items() if v < 0}
    if bad:
        raise ValidationFailed(fields=bad)
    if not any(numbers.values()):
        raise ValidationFailed(fields={"events_held": [_("Enter at least one figure.")]})
    record = OutreachRecord(
        campaign=campaign,
        activity=activity,
        held_on=data.get("held_on"),
        note=str(data.get("note") or "")[:255],
        recorded_by=actor,
        **numbers,
    )
    _clean(record)
    record.save()
    audit_record(
        actor=actor,
        verb="campaign.outreach",
        obj=record,
        org_path=campaign.org.path,
        after=model_snapshot(record, ["held_on", *OUTREACH_NUMBERS]),
    )
    return record


@transaction.atomic
def campaign_link(*, campaign: Campaign, kind: str, object_id: int, actor) -> CampaignLink:
    """Count a record towards the campaign. The person must be able to see the record. Idempotent."""
    _require_here(actor, "campaign.record", campaign)
    _require_open(campaign)
    if kind not in LinkKind.values:
        raise ValidationFailed(fields={"kind": [_("Unknown kind of record.")]})
    model = apps.get_model(LINK_MODELS[kind])
    if not restrict(model.objects.filter(pk=object_id), actor, LINK_VIEW[kind]).exists():
        raise ValidationFailed(fields={"object_id": [_("No such record that you may see.")]})
    existing = CampaignLink.objects.filter(campaign=campaign, kind=kind, object_id=object_id).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            link = CampaignLink.objects.create(
                campaign=campaign, kind=kind, object_id=object_id, linked_by=actor
            )
    except IntegrityError:
        return CampaignLink.objects.get(campaign=campaign, kind=kind, object_id=object_id)
    audit_record(
        actor=actor,
        verb="campaign.link",
        obj=campaign,
        org_path=campaign.org.path,
        after={"kind": kind, "object_id": object_id},
    )
    return link
