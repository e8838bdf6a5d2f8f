"""Downgrades to credit grade D (失信) take four eyes: the recompute proposes, a second supervisor approves.

A blacklisting is already decided by two people, so the D it brings applies at once; any other fall to D
(points from credit events) waits as a proposal while the enterprise keeps its grade. The person whose
credit event caused the fall is the proposer and cannot approve it; a proposal from the scheduled recompute
(no person) may be approved by any supervisor of the jurisdiction.
"""

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from guomen.core.errors import Conflict
from guomen.core.four_eyes import require_other_person
from guomen.core.services import audit_record
from guomen.core.workflow import transition
from guomen.registry.models import Enterprise

from ..choices import DOWNGRADE_TRANSITIONS, DowngradeStatus
from ..models import CreditDowngrade, StandingChange
from ._common import need_reason, path_of, require_staff_for

GRADE_D = "D"
DOWNGRADE_FOUR_EYES = _l(
    "Four eyes: the person whose record proposed the downgrade to grade D cannot approve it; "
    "another supervisor must."
)


def sync_proposals(*, held: dict[int, tuple[str, int]], evaluated_ids, proposer, org_paths=None) -> int:
    """After a recompute: propose D for `held` (pk → (grade, score)); withdraw proposals no longer due.

    `evaluated_ids` is None when every enterprise was evaluated. Returns the number of new proposals.
    """
    open_rows = CreditDowngrade.objects.filter(status=DowngradeStatus.PROPOSED).select_related(
        "enterprise__org"
    )
    if evaluated_ids is not None:
        open_rows = open_rows.filter(enterprise_id__in=evaluated_ids)
    already = set()
    for row in open_rows:
        if row.enterprise_id in held:
            already.add(row.enterprise_id)
            continue
        transition(
            row,
            to=DowngradeStatus.WITHDRAWN,
            allowed=DOWNGRADE_TRANSITIONS,
            actor=None,
            verb="standing.downgrade_withdrawn",
            reason=_("The credit score is no longer in grade D."),
            org_path=path_of(row.enterprise),
        )
    wanted = [pk for pk in held if pk not in already]
    if not wanted:
        return 0
    rejected = {
        (pk, score)
        for pk, score in CreditDowngrade.objects.filter(
            enterprise_id__in=wanted, status=DowngradeStatus.REJECTED
        ).values_list("enterprise_id", "score")
    }
    proposer_id = getattr(proposer, "pk", None)
    created = 0
    firms = Enterprise.objects.select_related("org").in_bulk(wanted)
    for pk in wanted:
        grade, score = held[pk]
        if (pk, score) in rejected:  # the same score was already judged not to warrant D
            continue
        row = CreditDowngrade.objects.create(
            enterprise_id=pk, from_grade=grade, score=score, proposed_by_id=proposer_id
        )
        audit_record(
            actor=proposer,
            verb="standing.downgrade_proposed",
            obj=row,
            org_path=path_of(firms[pk]),
            after={"from_grade": grade, "to_grade": GRADE_D, "score": score},
        )
        created += 1
    return created


@transaction.atomic
def downgrade_decide(*, downgrade: CreditDowngrade, approve: bool, note: str, actor, expected_version=None):
    """A second supervisor approves the downgrade (the enterprise becomes grade D at once) or rejects it."""
    enterprise = downgrade.enterprise
    require_staff_for(actor, "supervision.downgrade.decide", enterprise)
    require_other_person(actor, downgrade.proposed_by_id, message=DOWNGRADE_FOUR_EYES)
    note = need_reason(note, "note")
    to = DowngradeStatus.APPROVED if approve else DowngradeStatus.REJECTED
    transition(
        downgrade,
        to=to,
        allowed=DOWNGRADE_TRANSITIONS,
        actor=actor,
        verb=f"standing.downgrade_{to}",
        reason=note,
        expected_version=expected_version,
        org_path=path_of(enterprise),
        extra_fields={"decided_by_id": actor.pk, "decided_at": timezone.now(), "decision_note": note[:255]},
    )
    if approve and enterprise.credit_grade != GRADE_D:
        before = enterprise.credit_grade
        updated = Enterprise.objects.filter(pk=enterprise.pk, version=enterprise.version).update(
            credit_grade=GRADE_D, version=models.F("version") + 1
        )
        if not updated:
            raise Conflict()
        enterprise.credit_grade, enterprise.version = GRADE_D, enterprise.version + 1
        StandingChange.objects.create(
            enterprise=enterprise,
            field="credit_grade",
            before=before,
            after=GRADE_D,
            reason=note[:255],
            at=timezone.now(),
        )
        audit_record(
            actor=actor,
            verb="standing.downgraded",
            obj=enterprise,
            org_path=path_of(enterprise),
            before={"credit_grade": before},
            after={"credit_grade": GRADE_D},
            reason=note,
        )
    return downgrade
