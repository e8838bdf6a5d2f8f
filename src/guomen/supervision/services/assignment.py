"""A supervisor assigns or replaces a spot check's inspectors by hand (when the draw found too few, or one is
ill or turns out to have a conflict). The check is marked as assigned by hand, with the reason, and audited."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import Conflict, IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.permissions import org_in_scope, require
from guomen.core.services import audit_record

from .. import eligibility
from ..choices import CheckStatus, PlanStatus
from ..models import SpotCheckTask
from ._common import need_reason, path_of

SLOTS = ("inspector_a", "inspector_b")


def require_assigner(actor, task: SpotCheckTask) -> None:
    """A supervisor whose jurisdiction covers the spot check's plan."""
    require(actor, "supervision.spotcheck.assign")
    if not org_in_scope(actor, task.plan.org):
        raise PermissionDenied(_("This spot check's plan is outside your jurisdiction."))


def _require_not_started(task: SpotCheckTask) -> None:
    if task.plan.status != PlanStatus.DRAWN or task.started:
        raise IllegalTransition(
            _("Inspectors can only be assigned before the spot check starts (no result recorded yet).")
        )


def _problems(chosen: dict, options: list[dict]) -> dict:
    """Field → messages for the chosen pair: each must be an eligible inspector, and not the same person."""
    by_id = {o["user"].pk: o for o in options}
    errors = {}
    for slot, user in chosen.items():
        if user is None:
            errors[slot] = [_("Choose an inspector.")]
            continue
        option = by_id.get(user.pk)
        if option is None:
            errors[slot] = [_("The person chosen is not an active inspector of this plan's jurisdiction.")]
        elif option["reasons"]:
            why = _("; ").join(text for _kind, text in option["reasons"])
            errors[slot] = [
                _("%(name)s may not check this enterprise: %(why)s.") % {"name": user, "why": why}
            ]
    a, b = chosen["inspector_a"], chosen["inspector_b"]
    if a is not None and b is not None and a.pk == b.pk and "inspector_b" not in errors:
        errors["inspector_b"] = [_("The two inspectors must be different people.")]
    return errors


@transaction.atomic
def check_assign_inspectors(
    *, task: SpotCheckTask, inspector_a, inspector_b, reason: str, actor, expected_version: int | None = None
) -> SpotCheckTask:
    """Put two inspectors on a spot check that has not started; each one new to it is marked as assigned by
    hand. Refused: a conflict or other exclusion (named), a missing reason, fewer than two, a stale version."""
    require_assigner(actor, task)
    if expected_version is not None and int(expected_version) != task.version:
        raise Conflict()
    _require_not_started(task)
    text = need_reason(reason)
    if len(text) > 255:
        raise ValidationFailed(fields={"reason": [_("Keep the reason to 255 characters or fewer.")]})
    chosen = {"inspector_a": inspector_a, "inspector_b": inspector_b}
    errors = _problems(chosen, eligibility.assignment_options(task))
    if errors:
        first = next(iter(errors.values()))[0]
        raise ValidationFailed(first, fields=errors)
    before_ids = {task.inspector_a_id: task.inspector_a_manual, task.inspector_b_id: task.inspector_b_manual}
    before_ids.pop(None, None)
    if {inspector_a.pk, inspector_b.pk} == set(before_ids):
        raise ValidationFailed(_("These are the inspectors already on the spot check: nothing to change."))
    manual = {slot: before_ids.get(user.pk, True) for slot, user in chosen.items()}
    now = timezone.now()
    version = task.version if expected_version is None else expected_version
    changes = {
        "inspector_a": inspector_a,
        "inspector_b": inspector_b,
        "inspector_a_manual": manual["inspector_a"],
        "inspector_b_manual": manual["inspector_b"],
        "assignment_note": "",
        "assignment_reason": text,
        "assigned_by": actor,
        "assigned_at": now,
    }
    updated = SpotCheckTask.objects.filter(
        pk=task.pk, version=version, status=CheckStatus.ASSIGNED, recorded_at__isnull=True
    ).update(version=F("version") + 1, **changes)
    if not updated:
        raise Conflict()
    before = {slot: str(getattr(task, slot) or "") for slot in SLOTS}
    before.update(
        {f"{slot}_username": getattr(getattr(task, slot), "username", "") for slot in SLOTS},
        note=task.assignment_note,
    )
    for name, value in changes.items():
        setattr(task, name, value)
    task.version = version + 1
    after = {slot: str(user) for slot, user in chosen.items()}
    after.update({f"{slot}_username": user.username for slot, user in chosen.items()})
    after.update({f"{slot}_manual": flag for slot, flag in manual.items()}, method="manual")
    audit_record(
        actor=actor,
        verb="spotcheck.inspectors_assigned",
        obj=task,
        org_path=path_of(task.enterprise),
        before=before,
        after=after,
        reason=text,
    )
    return task
