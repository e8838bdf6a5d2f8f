"""What tells the enterprise: the clearance flow's announcements and new rectification requests.

Registered at start (apps.py): `on_clearance_event` with `clearance.announce.register_listener`, and
`on_rectification_saved` on the rectification request's post_save. Each becomes one `notify()` of the
declarant's and consignee's active users, keyed on the record so a repeated announcement stores nothing new.
The facts passed on are plain (numbers, the decision, a deadline): never the targeting decision.
"""

from django.urls import reverse

from guomen.accounts.choices import Role
from guomen.accounts.models import User
from guomen.clearance import announce
from guomen.inspections.choices import Disposition

from .choices import Kind
from .services import notify, notify_enterprise

KINDS = {
    announce.SELECTED: Kind.DECLARATION_SELECTED,
    announce.RELEASED: Kind.DECLARATION_RELEASED,
    announce.HELD: Kind.DECLARATION_HELD,
    announce.SAMPLE_FAILED: Kind.SAMPLE_FAILED,
}


def on_clearance_event(*, event: str, declaration, task=None, sample=None, **_facts) -> None:
    if event == announce.RESULT_RECORDED and task is not None:
        _result_to_confirm(declaration, task)
        return
    kind = KINDS.get(event)
    if kind is None:
        return
    params = {"number": declaration.number}
    ref = f"declarations.declaration:{declaration.pk}"
    if kind == Kind.DECLARATION_HELD and task is not None:
        params["decision"] = str(Disposition(task.disposition).label) if task.disposition else ""
        ref = f"inspections.inspectiontask:{task.pk}"
    if kind == Kind.SAMPLE_FAILED and sample is not None:
        params["sample"] = sample.number
        ref = f"labs.sample:{sample.pk}"
    notify_enterprise(
        enterprise_ids=[declaration.declarant_id, declaration.consignee_id],
        kind=kind,
        params=params,
        url=reverse("declarations:detail", args=[declaration.number]),
        ref=ref,
    )


def on_rectification_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if not created or raw:
        return
    notify_enterprise(
        enterprise_ids=[instance.enterprise_id],
        kind=Kind.RECTIFICATION_REQUESTED,
        params={"subject": instance.subject[:200], "due": instance.due_date.isoformat()},
        url=reverse("inspections:rectification_detail", args=[instance.pk]),
        ref=f"inspections.rectificationrequest:{instance.pk}",
    )


def _result_to_confirm(declaration, task) -> None:
    """Staff: the supervisors over the port see a result landing in their confirmation queue (digest)."""
    path = task.port.path if task.port_id else ""
    parts = path.strip("/").split("/") if path else []
    above = ["/" + "/".join(parts[: n + 1]) + "/" for n in range(len(parts))]
    supervisors = User.objects.filter(role=Role.SUPERVISOR, is_active=True, org__path__in=above)
    notify(
        recipients=supervisors,
        kind=Kind.RESULT_TO_CONFIRM,
        params={"number": declaration.number},
        url=reverse("inspections:confirmations"),
        ref=f"inspections.inspectiontask:{task.pk}:v{task.version}",
    )
