"""Recall writes: open (from a defect report or an early warning), name the affected consignments and dealers,
change status, report progress, close with a review. Every write is scoped to the actor's jurisdiction: a recall
that names a consignment, a dealer or an early warning the actor may not see is refused as a whole."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.accounts.choices import Role
from guomen.core.errors import PermissionDenied, ValidationFailed, validation_error_from_django
from guomen.core.permissions import org_in_scope, require, restrict
from guomen.core.services import audit_record
from guomen.core.workflow import transition
from guomen.declarations.models import Declaration
from guomen.registry.models import Enterprise

from .choices import RECALL_TRANSITIONS, ProductCategory, RecallSource, RecallStatus
from .models import Recall, RecallProgress


def _require_here(actor, action: str, org) -> None:
    require(actor, action)
    if getattr(actor, "role", None) == Role.ENTERPRISE or not org_in_scope(actor, org):
        raise PermissionDenied(_("This record is outside your jurisdiction."))


def _clean(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise validation_error_from_django(exc) from exc


def _next_number(day: dt.date) -> str:
    prefix = f"RC{day.year}"
    last = (
        Recall.objects.filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    seq = int(last[len(prefix) :]) + 1 if last and last[len(prefix) :].isdigit() else 1
    return f"{prefix}{seq:04d}"


@transaction.atomic
def recall_open(
    *,
    title: str,
    category: str,
    product: str,
    defect: str,
    enterprise,
    source: str,
    reported_on: dt.date,
    units_affected: int = 0,
    hs_code: str = "",
    early_warning=None,
    actor,
) -> Recall:
    """Open a recall record for an importer of the actor's jurisdiction."""
    _require_here(actor, "recall.edit", enterprise.org)
    errors = {}
    if category not in ProductCategory.values:
        errors["category"] = [_("Choose a product category.")]
    if source not in RecallSource.values:
        errors["source"] = [_("Choose where the recall comes from.")]
    if reported_on is None or reported_on > timezone.localdate():
        errors["reported_on"] = [_("The date must not be in the future.")]
    if units_affected is None or int(units_affected) < 0:
        errors["units_affected"] = [_("Enter a whole number, zero or more.")]
    if (
        early_warning is not None
        and not restrict(type(early_warning).objects.filter(pk=early_warning.pk), actor, "risk.view").exists()
    ):
        errors["early_warning"] = [_("No such early warning that you may see.")]
    if source == RecallSource.EARLY_WARNING and early_warning is None:
        errors["early_warning"] = [_("Name the early warning the recall follows.")]
    for name, value in (("title", title), ("product", product), ("defect", defect)):
        if not str(value or "").strip():
            errors[name] = [_("This field is required.")]
    if errors:
        raise ValidationFailed(fields=errors)
    today = timezone.localdate()
    recall = Recall(
        number=_next_number(today),
        title=title.strip(),
        category=category,
        product=product.strip(),
        defect=defect.strip(),
        hs_code=str(hs_code or "").strip(),
        enterprise=enterprise,
        org=enterprise.org,
        source=source,
        early_warning=early_warning,
        reported_on=reported_on,
        units_affected=int(units_affected),
    )
    _clean(recall)
    recall.save(force_insert=True)
    audit_record(
        actor=actor,
        verb="recall.opened",
        obj=recall,
        org_path=recall.org.path,
        after={"number": recall.number, "category": category, "source": source},
    )
    return recall


@transaction.atomic
def recall_name_affected(*, recall: Recall, consignments: list[str], dealers: list[str], actor) -> Recall:
    """Add affected consignments (declaration numbers) and dealers (USCC). Every one must be visible to the actor
    and within the actor's jurisdiction; otherwise nothing is added."""
    _require_here(actor, "recall.edit", recall.org)
    if recall.status in (RecallStatus.CLOSED, RecallStatus.DISMISSED):
        raise ValidationFailed(fields={"status": [_("The recall is closed.")]})
    numbers = sorted({str(n).strip() for n in consignments or [] if str(n).strip()})
    codes = sorted({str(c).strip() for c in dealers or [] if str(c).strip()})
    found = {
        d.number: d
        for d in restrict(Declaration.objects.filter(number__in=numbers), actor, "declaration.view").filter(
            port__path__startswith=actor.org.path if actor.org_id else "/"
        )
    }
    firms = {
        e.uscc: e
        for e in restrict(Enterprise.objects.filter(uscc__in=codes), actor, "enterprise.view").filter(
            org__path__startswith=actor.org.path if actor.org_id else "/"
        )
    }
    errors = {}
    missing = [n for n in numbers if n not in found]
    if missing:
        errors["consignments"] = [
            _("Not in your jurisdiction or unknown: %(list)s.") % {"list": ", ".join(missing[:10])}
        ]
    missing = [c for c in codes if c not in firms]
    if missing:
        errors["dealers"] = [
            _("Not in your jurisdiction or unknown: %(list)s.") % {"list": ", ".join(missing[:10])}
        ]
    if errors:
        raise ValidationFailed(fields=errors)
    recall.consignments.add(*found.values())
    recall.dealers.add(*firms.values())
    audit_record(
        actor=actor,
        verb="recall.affected",
        obj=recall,
        org_path=recall.org.path,
        after={"consignments": numbers, "dealers": codes},
    )
    return recall


@transaction.atomic
def recall_set_status(
    *, recall: Recall, to: str, reason: str = "", review: str = "", actor, expected_version=None
):
    """Confirm, dismiss, start, complete or close (with a review) a recall (RECALL_TRANSITIONS)."""
    _require_here(actor, "recall.edit", recall.org)
    extra = {}
    if to in (RecallStatus.DISMISSED, RecallStatus.CONFIRMED) and not str(reason or "").strip():
        raise ValidationFailed(fields={"reason": [_("Give the reason.")]})
    if to == RecallStatus.CLOSED:
        if not str(review or "").strip():
            raise ValidationFailed(fields={"review": [_("Write the closing review.")]})
        extra["review"] = review.strip()
    if to == RecallStatus.IN_PROGRESS and not (recall.consignments.exists() or recall.dealers.exists()):
        raise ValidationFailed(
            fields={"consignments": [_("Name the affected consignments or dealers first.")]}
        )
    return transition(
        recall,
        to=to,
        allowed=RECALL_TRANSITIONS,
        actor=actor,
        verb="recall.status",
        reason=str(reason or ""),
        expected_version=expected_version,
        org_path=recall.org.path,
        extra_fields=extra,
    )


@transaction.atomic
def recall_progress(
    *, recall: Recall, reported_on: dt.date, units_recovered: int, note: str, actor
) -> RecallProgress:
    """Report how many units have been recovered so far (never fewer than before, never more than affected)."""
    _require_here(actor, "recall.record", recall.org)
    errors = {}
    if recall.status != RecallStatus.IN_PROGRESS:
        errors["status"] = [_("Progress is reported while the recall is under way.")]
    units = int(units_recovered) if units_recovered is not None else -1
    if units < recall.units_recovered or (recall.units_affected and units > recall.units_affected):
        errors["units_recovered"] = [
            _("Between %(low)d and %(high)d.")
            % {"low": recall.units_recovered, "high": recall.units_affected or units}
        ]
    if reported_on is None or reported_on > timezone.localdate():
        errors["reported_on"] = [_("The date must not be in the future.")]
    if not str(note or "").strip():
        errors["note"] = [_("This field is required.")]
    if errors:
        raise ValidationFailed(fields=errors)
    row = RecallProgress.objects.create(
        recall=recall, reported_on=reported_on, units_recovered=units, note=note.strip(), recorded_by=actor
    )
    Recall.objects.filter(pk=recall.pk).update(units_recovered=units)
    recall.units_recovered = units
    audit_record(
        actor=actor,
        verb="recall.progress",
        obj=recall,
        org_path=recall.org.path,
        after={"units_recovered": units, "reported_on": reported_on},
    )
    return row


WARNED_STATUSES = (RecallStatus.CONFIRMED, RecallStatus.IN_PROGRESS)


@transaction.atomic
def recall_warn_consumers(*, recall: Recall, title: str, text: str, days: int = 28, actor) -> Recall:
    """Warn the public about a confirmed recall: a consumer warning on the recall's early warning, through risk's
    measures (a second supervisor publishes it to the portal, four eyes), linked both ways."""
    from guomen.risk.measures import measure_add

    _require_here(actor, "recall.edit", recall.org)
    errors = {}
    if recall.status not in WARNED_STATUSES:
        errors["status"] = [_("Consumers are warned about a confirmed recall or one under way.")]
    if recall.early_warning_id is None:
        errors["early_warning"] = [
            _("Link the recall to an early warning first: the warning carries the notice.")
        ]
    if recall.consumer_warning_id and recall.consumer_warning.status in ("planned", "in_force"):
        errors["consumer_warning"] = [_("The recall already has a consumer warning.")]
    if not str(title or "").strip():
        errors["title"] = [_("Write the title the public will read.")]
    if not str(text or "").strip():
        errors["text"] = [_("Write the text the public will read.")]
    if not 1 <= int(days or 0) <= 365:
        errors["days"] = [_("Between 1 and 365 days.")]
    if errors:
        raise ValidationFailed(fields=errors)
    today = timezone.localdate()
    measure = measure_add(
        warning=recall.early_warning,
        actor=actor,
        data={
            "kind": "consumer_warning",
            "owner": actor,
            "deadline": today + dt.timedelta(days=int(days)),
            "lifting_condition": _("Recall %(number)s closed") % {"number": recall.number},
            "enterprise": recall.enterprise,
            "hs_prefix": recall.hs_code,
            "public_title": str(title or "").strip(),
            "public_text": str(text or "").strip(),
            "public_days": int(days),
        },
    )
    Recall.objects.filter(pk=recall.pk).update(consumer_warning=measure)
    recall.consumer_warning = measure
    audit_record(
        actor=actor,
        verb="recall.consumer_warning",
        obj=recall,
        org_path=recall.org.path,
        after={"consumer_warning": measure.pk, "title": measure.public_title},
    )
    return recall
