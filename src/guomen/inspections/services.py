"""Inspection writes: opening tasks, recording results, confirming dispositions."""

import datetime as dt

from django.db import transaction

from guomen.core.services import audit_record, model_snapshot

from .models import InspectionTask

CHANNEL_PRIORITY = {"physical_sampling": 90, "physical": 70, "document": 40}


@transaction.atomic
def inspection_task_open(*, declaration, channel: str, instruction: str = "", actor=None,
                         priority: int | None = None) -> InspectionTask:
    """Open the inspection task for a declaration routed to an inspection channel."""
    task = InspectionTask.objects.create(
        declaration=declaration,
        port=declaration.port,
        channel=channel,
        priority=priority if priority is not None else CHANNEL_PRIORITY.get(channel, 50),
        instruction=instruction,
        due_date=max(declaration.arrival_date, dt.date.today()),
    )
    audit_record(actor=actor, verb="inspection.open", obj=task, org_path=declaration.port.path,
                 after=model_snapshot(task, ["declaration", "channel", "priority", "due_date", "status"]))
    return task
