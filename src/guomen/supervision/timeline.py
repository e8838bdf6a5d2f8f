"""How supervision's audit verbs read on a timeline."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "access.submitted": _("Application submitted"),
    "access.approved": _("Application approved"),
    "access.rejected": _("Application rejected"),
    "access.withdrawn": _("Application withdrawn"),
    "credit.recorded": _("Credit event recorded"),
    "credit.withdrawn": _("Credit event withdrawn"),
    "blacklist.proposed": _("Proposed for the blacklist"),
    "blacklist.listed": _("Blacklisted"),
    "blacklist.rejected": _("Blacklist proposal rejected"),
    "blacklist.lifted": _("Taken off the blacklist"),
    "blacklist.petition_submitted": _("Removal petition submitted"),
    "blacklist.petition_granted": _("Removal petition granted"),
    "blacklist.petition_refused": _("Removal petition refused"),
    "blacklist.petition_recommended": _("Lifting recommended; awaiting a second supervisor"),
    "standing.downgrade_proposed": _("Downgrade to grade D proposed"),
    "standing.downgrade_approved": _("Downgrade to grade D approved"),
    "standing.downgrade_rejected": _("Downgrade to grade D rejected"),
    "standing.downgrade_withdrawn": _("Downgrade to grade D withdrawn"),
    "standing.downgraded": _("Credit grade set to D"),
    "standing.override": _("Class set by an analyst"),
    "standing.override_cleared": _("Class override cleared"),
    "standing.recomputed": _("Classes and credit grades recomputed"),
    "spotcheck.plan_created": _("Spot-check plan created"),
    "spotcheck.drawn": _("Enterprises and inspectors drawn"),
    "spotcheck.plan_cancelled": _("Spot-check plan cancelled"),
    "spotcheck.plan_closed": _("Spot-check plan closed"),
    "spotcheck.recorded": _("Spot-check result recorded"),
    "spotcheck.sent_back": _("Spot-check result sent back"),
    "spotcheck.published": _("Spot-check result published"),
    "spotcheck.rectified": _("Rectification completed"),
    "spotcheck.conflict_declared": _("Conflict of interest declared"),
    "spotcheck.inspectors_assigned": _("Inspectors assigned by hand"),
    "rules.update": _("Rules changed"),
    "service.recorded": _("Service to enterprises recorded"),
}


def supervision_event_label(event) -> tuple[str, str] | None:
    label = LABELS.get(event.verb)
    if label is None:
        return None
    after = event.after if isinstance(event.after, dict) else {}
    detail = ""
    if event.verb == "credit.recorded":
        detail = f"{after.get('kind', '')} {after.get('points', '')}"
    elif event.verb == "spotcheck.drawn":
        detail = f"seed {after.get('seed', '')}"
    elif event.verb == "spotcheck.inspectors_assigned":
        detail = f"{after.get('inspector_a', '')}、{after.get('inspector_b', '')}"
    return str(label), detail
