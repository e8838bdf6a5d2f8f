"""Laboratory results reaching the disposition and risk management."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.declarations.choices import DeclarationStatus
from guomen.inspections.choices import Disposition
from guomen.inspections.services import rectification_open_for_result
from guomen.labs import services as labs
from guomen.labs.choices import Verdict

from ..announce import SAMPLE_FAILED, announce
from ..rules import lab_failures
from .signals import signal_for_sample

FOLLOW_UP_DAYS = 3


@transaction.atomic
def clearance_lab_approve(*, sample, actor, expected_version: int | None = None):
    """The second analyst approves; a failure becomes a risk signal and, for goods already released on
    conditions, a recall and trace item on the follow-up board."""
    sample = labs.results_approve(sample=sample, actor=actor, expected_version=expected_version)
    if sample.verdict != Verdict.NON_CONFORMING:
        return sample
    failing = [i for i in sample.items.select_related("analyte") if i.verdict == Verdict.NON_CONFORMING]
    signal_for_sample(sample, failing, actor)
    task, declaration = sample.task, sample.declaration
    announce(SAMPLE_FAILED, declaration=declaration, sample=sample)
    if (
        task is not None
        and declaration.status == DeclarationStatus.RELEASED
        and task.disposition == Disposition.CONDITIONAL_RELEASE
    ):
        rectification_open_for_result(
            task=task,
            subject=_("Recall and trace: sample %(number)s failed after conditional release")
            % {"number": sample.number},
            details="；".join(lab_failures(sample)),
            due_date=timezone.localdate() + dt.timedelta(days=FOLLOW_UP_DAYS),
        )
    return sample
