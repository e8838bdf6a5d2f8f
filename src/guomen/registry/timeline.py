"""How production-base status events read on a timeline (create/update use core's wording)."""

from django.utils.translation import gettext_lazy as _

STATUS_LABELS = {
    "production_base.active": _("Reactivated"),
    "production_base.suspended": _("Suspended"),
    "production_base.revoked": _("Revoked"),
    "production_base.pending": _("Registration applied for again"),
    "production_base.apply": _("Registration applied for"),
    "enterprise.filing_filed": _("Filing approved"),
    "enterprise.filing_suspended": _("Filing suspended"),
    "enterprise.filing_revoked": _("Filing revoked"),
    "enterprise.filing_pending": _("Filing applied for again"),
}


def production_base_event_label(event) -> tuple[str, str] | None:
    label = STATUS_LABELS.get(event.verb)
    return (str(label), "") if label else None


enterprise_event_label = production_base_event_label
