"""A declaration's status as the enterprise reads it: what it means for the goods, in plain words.

Nothing here says why customs chose a course (no channel, rule, score or instruction: targeting is the
bureau's own, see core.permissions.sees_targeting)."""

from django.utils.translation import gettext_lazy as _

from guomen.declarations.choices import DeclarationStatus as S

PLAIN = {
    S.SUBMITTED: _("Received by customs"),
    S.UNDER_INSPECTION: _("Customs is inspecting the goods"),
    S.PENDING_DISPOSITION: _("Inspected; waiting for customs' decision"),
    S.RELEASED: _("Released: the goods may leave"),
    S.TREATMENT: _("Held: treatment ordered before release"),
    S.RETURNED: _("Held: to be returned"),
    S.DESTROYED: _("Held: to be destroyed"),
    S.CANCELLED: _("Withdrawn"),
}
TONE = {
    S.SUBMITTED: "secondary",
    S.UNDER_INSPECTION: "warning",
    S.PENDING_DISPOSITION: "warning",
    S.RELEASED: "success",
    S.TREATMENT: "danger",
    S.RETURNED: "danger",
    S.DESTROYED: "danger",
    S.CANCELLED: "secondary",
}


def plain_status(status: str) -> str:
    return str(PLAIN.get(status, status))
