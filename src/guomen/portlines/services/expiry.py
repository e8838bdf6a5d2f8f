"""The daily expiry of the port lines' records whose validity has passed (`guomen portlines-expire`, and the
scheduled task `portlines.expire`): audited, and idempotent (a record already expired is not touched again)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import choices as c
from ..models import AgencyRegistration, FoodLicence, PackagingMaker, PackagingUse, PerformanceTest
from .records import _follow

# Record → the statuses that lapse when `valid_until` has passed, and the status they lapse to.
EXPIRING = (
    (FoodLicence, (c.LicenceStatus.VALID, c.LicenceStatus.SUSPENDED), c.LicenceStatus.EXPIRED),
    (AgencyRegistration, (c.AgencyStatus.REGISTERED, c.AgencyStatus.SUSPENDED), c.AgencyStatus.EXPIRED),
    (PackagingMaker, (c.MakerStatus.REGISTERED, c.MakerStatus.SUSPENDED), c.MakerStatus.EXPIRED),
    (PerformanceTest, (c.PerformanceStatus.VALID,), c.PerformanceStatus.EXPIRED),
    (PackagingUse, (c.UseStatus.VALID,), c.UseStatus.EXPIRED),
)


def expire_due(*, today: dt.date | None = None) -> dict[str, int]:
    """Move every record whose `valid_until` is before `today` to expired; returns how many of each model."""
    today = today or timezone.localdate()
    counts = {}
    for model, live, expired in EXPIRING:
        due = model.objects.filter(status__in=live, valid_until__lt=today).select_related("org")
        done = 0
        for record in due.iterator(chunk_size=500):
            reason = _("Validity ended on %(date)s") % {"date": record.valid_until.isoformat()}
            with transaction.atomic():
                _follow(record, expired, reason, None)
            done += 1
        counts[model._meta.model_name] = done
    return counts
