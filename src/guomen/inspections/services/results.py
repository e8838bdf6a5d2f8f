"""Parts of a recorded result: findings (with photos, time and place), checklist answers, the risk signal."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from guomen.catalog.models import Hazard
from guomen.core.errors import ValidationFailed
from guomen.core.services import audit_record

from .. import integrations
from ..checklist import checklist_build
from ..choices import CheckResult, Outcome
from ..models import ChecklistItem, Finding, InspectionPhoto

MAX_FINDINGS = 50
MAX_PHOTOS_PER_FINDING = 10


def _coordinate(value, limit: int):
    """A latitude (limit 90) or longitude (limit 180) as Decimal, None when absent, -999 when bad."""
    if value in ("", None):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        return Decimal(-999)
    return number if abs(number) <= limit else Decimal(-999)


def _found_at(value):
    if value in ("", None):
        return None
    if isinstance(value, dt.datetime):
        moment = value
    else:
        moment = parse_datetime(str(value))
        if moment is None:
            return False
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _count(value):
    if value in ("", None):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return -1
    return number


def _photo_ids(value) -> list[int] | None:
    try:
        return sorted({int(v) for v in (value or [])})
    except (TypeError, ValueError):
        return None


def clean_findings(task, findings: list[dict]) -> list[dict]:
    """Check each finding row; errors name the row, e.g. findings.1.description."""
    if len(findings) > MAX_FINDINGS:
        raise ValidationFailed(
            fields={"findings": _("At most %(n)d findings per inspection.") % {"n": MAX_FINDINGS}}
        )
    codes = {str(f.get("hazard_code") or "").strip() for f in findings} - {""}
    hazards = {h.code: h for h in Hazard.objects.filter(code__in=codes)}
    task_photos = set(InspectionPhoto.objects.filter(task=task).values_list("pk", flat=True))
    errors: dict[str, str] = {}
    cleaned = []
    for i, row in enumerate(findings):
        code = str(row.get("hazard_code") or "").strip()
        hazard = hazards.get(code) if code else None
        if code and hazard is None:
            errors[f"findings.{i}.hazard_code"] = _("Unknown hazard code “%(code)s”.") % {"code": code}
        description = str(row.get("description") or "").strip()
        if not description and hazard is not None:
            description = hazard.name_zh
        if not description:
            errors[f"findings.{i}.description"] = _("Describe what was found.")
        elif len(description) > 255:
            errors[f"findings.{i}.description"] = _("At most 255 characters.")
        count = _count(row.get("count"))
        if count is not None and count < 1:
            errors[f"findings.{i}.count"] = _("Enter a whole number of at least 1.")
        found_at = _found_at(row.get("found_at"))
        if found_at is False:
            errors[f"findings.{i}.found_at"] = _("Enter the time as YYYY-MM-DD HH:MM.")
        latitude = _coordinate(row.get("latitude"), 90)
        longitude = _coordinate(row.get("longitude"), 180)
        if latitude == -999 or longitude == -999 or (latitude is None) != (longitude is None):
            errors[f"findings.{i}.location"] = _("The location is not a valid latitude and longitude.")
        photos = _photo_ids(row.get("photo_ids"))
        if photos is None or not set(photos) <= task_photos:
            errors[f"findings.{i}.photos"] = _("A photo does not belong to this task; upload it again.")
        elif len(photos) > MAX_PHOTOS_PER_FINDING:
            errors[f"findings.{i}.photos"] = _("At most %(n)d photos per finding.") % {
                "n": MAX_PHOTOS_PER_FINDING
            }
        cleaned.append(
            {
                "hazard": hazard,
                "description": description[:255],
                "count": count,
                "found_at": found_at or None,
                "latitude": latitude,
                "longitude": longitude,
                "checklist_code": str(row.get("checklist_code") or "")[:60],
                "photo_ids": photos or [],
            }
        )
    if errors:
        raise ValidationFailed(fields=errors)
    return cleaned


def findings_save(task, rows: list[dict], *, actor, checklist: list[dict] | None = None) -> None:
    """Replace the task's findings with these rows, attach their photos; one audit event with the checklist."""
    task.findings.all().delete()
    now = timezone.now()
    for row in rows:
        values = {k: v for k, v in row.items() if k != "photo_ids"}
        values["found_at"] = values["found_at"] or now
        finding = Finding.objects.create(task=task, **values)
        if row["photo_ids"]:
            InspectionPhoto.objects.filter(task=task, pk__in=row["photo_ids"]).update(finding=finding)
    audit_record(
        actor=actor,
        verb="inspection.findings",
        obj=task,
        org_path=task.port.path,
        after={
            "findings": [
                {
                    "hazard": r["hazard"].code if r["hazard"] else None,
                    "description": r["description"],
                    "count": r["count"],
                    "photos": len(r["photo_ids"]),
                    "location": [str(r["latitude"]), str(r["longitude"])]
                    if r["latitude"] is not None
                    else None,
                }
                for r in rows
            ],
            "checklist": checklist or [],
        },
    )


def checklist_save(task, answers: list[dict], *, outcome: str) -> list[dict]:
    """Store the answered checklist items (returned for the audit event). Nothing sent, nothing stored."""
    if not answers:
        return []
    from ..selectors.tasks import task_requirements

    built = {
        item.code: item
        for item in checklist_build(
            task, task_requirements(task), integrations.ephyto_mismatches(task.declaration)
        )
    }
    errors: dict[str, str] = {}
    rows = []
    for i, answer in enumerate(answers):
        code = str(answer.get("code") or "")
        result = str(answer.get("result") or "")
        note = str(answer.get("note") or "").strip()
        item = built.get(code)
        if item is None:
            errors[f"checklist.{i}.code"] = _("Unknown checklist item “%(code)s”.") % {"code": code}
            continue
        if result and result not in CheckResult.values:
            errors[f"checklist.{i}.result"] = _("Choose conform, non-conform or not applicable.")
        elif getattr(item, "fixed", False) and result and result != item.result:
            errors[f"checklist.{i}.result"] = _(
                "“%(item)s” is a fact of the declaration and cannot be marked otherwise."
            ) % {"item": item.title}
            continue
        if len(note) > 500:
            errors[f"checklist.{i}.note"] = _("At most 500 characters.")
        if (
            result == CheckResult.NON_CONFORM
            and outcome == Outcome.CONFORMING
            and not getattr(item, "fixed", False)
        ):
            errors[f"checklist.{i}.result"] = _(
                "“%(item)s” is marked non-conform, which contradicts a conforming outcome."
            ) % {"item": item.title}
        item.result, item.note = result, note[:500]
        rows.append(item)
    if errors:
        raise ValidationFailed(fields=errors)
    ChecklistItem.objects.filter(task=task).delete()
    for item in rows:
        item.pk = None
    ChecklistItem.objects.bulk_create(rows)
    return [{"code": r.code, "result": r.result, "note": r.note} for r in rows if r.result or r.note]
