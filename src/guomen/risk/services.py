"""Risk writes. `signal_record` is how every other app reports risk information."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guomen.core.errors import ValidationFailed
from guomen.core.services import audit_record, model_snapshot

from .choices import SignalSource
from .models import RiskSignal


@transaction.atomic
def signal_record(
    *,
    source: str,
    title: str,
    org,
    actor=None,
    source_ref: str = "",
    description: str = "",
    occurred_on=None,
    hs=None,
    commodity_group=None,
    hazard=None,
    origin=None,
    enterprise=None,
    production_base=None,
) -> RiskSignal:
    """Record a risk signal. With a `source_ref` ("app.model:pk") it is recorded once: a repeat returns it."""
    if source not in SignalSource.values:
        raise ValidationFailed(fields={"source": [_("Unknown signal source.")]})
    if not (title or "").strip():
        raise ValidationFailed(fields={"title": [_("Give the signal a title.")]})
    if source_ref:
        existing = RiskSignal.objects.filter(source=source, source_ref=source_ref).first()
        if existing is not None:
            return existing
    if commodity_group is None and hs is not None:
        commodity_group = hs.group
    signal = RiskSignal.objects.create(
        source=source,
        source_ref=source_ref,
        title=title.strip()[:255],
        description=description,
        occurred_on=occurred_on or timezone.localdate(),
        hs=hs,
        commodity_group=commodity_group,
        hazard=hazard,
        origin=origin,
        enterprise=enterprise,
        production_base=production_base,
        org=org,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor, verb="risk_signal.create", obj=signal, org_path=org.path, after=model_snapshot(signal)
    )
    return signal
