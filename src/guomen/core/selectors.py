from django.db import models
from django.db.models import Q

from .models import AuditEvent


def audit_timeline(*, obj: models.Model | None = None, objects=()):
    """Events about one object or several (of any types), oldest first, for a timeline."""
    targets = [obj] if obj is not None else list(objects)
    if not targets:
        return AuditEvent.objects.none()
    condition = Q()
    for target in targets:
        condition |= Q(object_type=target._meta.label_lower, object_id=str(target.pk))
    return AuditEvent.objects.filter(condition).select_related("actor").order_by("id")
