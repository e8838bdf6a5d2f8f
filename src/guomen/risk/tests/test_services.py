import pytest

from guomen.core.errors import ValidationFailed
from guomen.core.models import AuditEvent
from guomen.risk.models import RiskSignal
from guomen.risk.services import signal_record

pytestmark = pytest.mark.django_db


def test_a_signal_with_a_source_record_is_recorded_once(orgs, inspector):
    first = signal_record(
        source="inspection",
        source_ref="inspections.inspectiontask:7",
        title="检出粉蚧",
        org=orgs["WJD"],
        actor=inspector,
    )
    again = signal_record(
        source="inspection",
        source_ref="inspections.inspectiontask:7",
        title="检出粉蚧",
        org=orgs["WJD"],
        actor=inspector,
    )
    assert first.pk == again.pk
    assert RiskSignal.objects.count() == 1


def test_recording_a_signal_is_audited(orgs, analyst):
    signal = signal_record(source="media", title="媒体报道：某品牌奶粉", org=orgs["SZ"], actor=analyst)
    assert AuditEvent.objects.filter(verb="risk_signal.create", object_id=str(signal.pk)).exists()


def test_unknown_source_is_refused_by_field(orgs):
    with pytest.raises(ValidationFailed) as exc:
        signal_record(source="rumour", title="x", org=orgs["SZ"])
    assert "source" in exc.value.fields


def test_empty_title_is_refused(orgs):
    with pytest.raises(ValidationFailed) as exc:
        signal_record(source="other", title="  ", org=orgs["SZ"])
    assert "title" in exc.value.fields
