from django.db import models

from .models import AuditEvent


def audit_timeline(*, obj: models.Model | None = None, object_type: str | None = None, object_ids=None):
    """Events about one object (or several ids of one type), oldest first, for a timeline."""
    if obj is not None:
        object_type, object_ids = obj._meta.label_lower, [str(obj.pk)]
    return (
        AuditEvent.objects.filter(object_type=object_type, object_id__in=[str(i) for i in object_ids])
        .select_related("actor")
        .order_by("id")
    )
