"""How production-base status events read on a timeline (create/update use core's wording)."""

from django.utils.translation import gettext_lazy as _

STATUS_LABELS = {
    "production_base.active": _("Reactivated"),
    "production_base.suspended": _("Suspended"),
    "production_base.revoked": _("Revoked"),
}


def production_base_event_label(event) -> tuple[str, str] | None:
    label = STATUS_LABELS.get(event.verb)
    return (str(label), "") if label else None
