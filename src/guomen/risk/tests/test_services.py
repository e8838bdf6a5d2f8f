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


def test_signal_joins_its_cluster_at_once(rw):
    from .factories import make_signal

    first = make_signal(rw, n=1)
    second = make_signal(rw, n=2)
    assert second.cluster_id == first.cluster_id and second.cluster.signal_count == 2


def test_manual_entry_by_an_analyst_in_their_jurisdiction(rw):
    from guomen.risk.services import signal_enter

    signal = signal_enter(
        actor=rw["analyst"],
        data={"source": "media", "title": "媒体报道：进口榴莲虫害", "origin": rw["thailand"]},
    )
    assert signal.org == rw["SZ"] and signal.created_by == rw["analyst"]


def test_manual_entry_refuses_automatic_sources_and_other_units(rw):
    from guomen.core.errors import PermissionDenied
    from guomen.risk.services import signal_enter

    with pytest.raises(ValidationFailed) as exc:
        signal_enter(actor=rw["analyst"], data={"source": "lab", "title": "x"})
    assert "source" in exc.value.fields
    with pytest.raises(ValidationFailed) as exc:
        signal_enter(actor=rw["analyst"], data={"source": "media", "title": "x", "org": rw["BY"]})
    assert "org" in exc.value.fields
    with pytest.raises(PermissionDenied):
        signal_enter(actor=rw["inspector"], data={"source": "media", "title": "x"})


def test_a_burst_of_signals_makes_one_digest_per_analyst(rw, make_user):
    from guomen.accounts.choices import Role
    from guomen.risk.models import InboxMessage

    from .factories import make_signal

    second = make_user(Role.RISK_ANALYST, rw["WJD"], username="ra_wjd")
    for n in range(30):
        make_signal(rw, n=n)
    for user in (rw["analyst"], second):
        digest = InboxMessage.objects.get(recipient=user, kind="signals")
        assert digest.item_count == 30
    assert not InboxMessage.objects.filter(recipient=rw["other_analyst"]).exists()


def test_a_read_digest_is_not_reused(rw):
    from guomen.risk.inbox import inbox_mark_read
    from guomen.risk.models import InboxMessage

    from .factories import make_signal

    make_signal(rw, n=1)
    inbox_mark_read(user=rw["analyst"])
    make_signal(rw, n=2)
    assert InboxMessage.objects.filter(recipient=rw["analyst"], kind="signals").count() == 2


def test_a_notice_after_the_digest_window_starts_a_new_digest(rw):
    import datetime as dt

    from django.utils import timezone

    from guomen.risk.inbox import notify
    from guomen.risk.models import InboxMessage

    now = timezone.now()
    notify(recipients=[rw["analyst"]], kind="signals", text="a", now=now)
    notify(recipients=[rw["analyst"]], kind="signals", text="b", now=now + dt.timedelta(minutes=10))
    notify(recipients=[rw["analyst"]], kind="signals", text="c", now=now + dt.timedelta(hours=2))
    assert list(InboxMessage.objects.order_by("id").values_list("item_count", flat=True)) == [2, 1]
