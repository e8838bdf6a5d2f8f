import datetime as dt

import pytest
from django.utils import timezone

from guomen.core.errors import PermissionDenied, ValidationFailed
from guomen.risk.early_warnings import warning_close, warning_create, warning_publish, warning_validate
from guomen.risk.measures import consumer_warnings_expire, measure_add, measure_complete, measure_lift
from guomen.risk.models import InboxMessage
from guomen.risk.selectors import public_consumer_warnings
from guomen.targeting.models import ControlMeasure

from .factories import measure_data, warning_data

pytestmark = pytest.mark.django_db


def published(rw, *measures, **warning_overrides):
    warning = warning_create(actor=rw["analyst"], data=warning_data(rw, **warning_overrides))
    added = [measure_add(warning=warning, actor=rw["analyst"], data=m) for m in measures]
    warning_validate(warning=warning, actor=rw["supervisor"])
    warning_publish(warning=warning, actor=rw["second_supervisor"])
    for m in added:
        m.refresh_from_db()
    return warning, added


def test_measures_are_planned_until_publication(rw):
    warning = warning_create(actor=rw["analyst"], data=warning_data(rw))
    measure = measure_add(warning=warning, actor=rw["analyst"], data=measure_data(rw, "tightened_inspection"))
    assert measure.status == "planned" and not ControlMeasure.objects.exists()


def test_tightened_inspection_creates_a_control_measure_and_lifting_lifts_it(rw):
    warning, (measure,) = published(
        rw, measure_data(rw, "tightened_inspection", scope="origin_commodity", consignments=7)
    )
    control = ControlMeasure.objects.get()
    assert (control.scope, control.origin_id, control.hs_prefix, control.consignments) == (
        "origin_commodity",
        "TH",
        "081060",
        7,
    )
    assert control.source_ref == f"risk.earlywarning:{warning.pk}"
    assert measure.status == "in_force" and measure.control_ref == f"targeting.controlmeasure:{control.pk}"
    measure_lift(measure=measure, actor=rw["analyst"], reason="连续5批合格")
    control.refresh_from_db()
    assert control.status == "lifted"


def test_a_second_tightened_inspection_on_one_warning_is_refused(rw):
    warning = warning_create(actor=rw["analyst"], data=warning_data(rw))
    measure_add(warning=warning, actor=rw["analyst"], data=measure_data(rw, "tightened_inspection"))
    with pytest.raises(ValidationFailed) as exc:
        measure_add(warning=warning, actor=rw["analyst"], data=measure_data(rw, "tightened_inspection"))
    assert "kind" in exc.value.fields


def test_suspension_of_a_production_base_and_its_lifting(rw):
    _w, (measure,) = published(rw, measure_data(rw, "suspension", production_base=rw["base"]))
    rw["base"].refresh_from_db()
    assert rw["base"].status == "suspended"
    measure_lift(measure=measure, actor=rw["supervisor"], reason="整改完成")
    rw["base"].refresh_from_db()
    assert rw["base"].status == "active"


def test_suspension_of_an_enterprise_filing_and_its_lifting(rw):
    _w, (measure,) = published(
        rw, measure_data(rw, "suspension", scope="enterprise", enterprise=rw["enterprise"])
    )
    rw["enterprise"].refresh_from_db()
    assert rw["enterprise"].filing_status == "suspended"
    measure_lift(measure=measure, actor=rw["supervisor"], reason="整改完成")
    rw["enterprise"].refresh_from_db()
    assert rw["enterprise"].filing_status == "filed"


def test_suspension_needs_an_enterprise_or_base(rw):
    warning = warning_create(actor=rw["analyst"], data=warning_data(rw))
    with pytest.raises(ValidationFailed):
        measure_add(
            warning=warning,
            actor=rw["analyst"],
            data=measure_data(rw, "suspension", scope="origin_commodity"),
        )


def test_recall_request_reaches_the_enterprise_inbox_and_is_completed_by_its_owner(rw):
    warning, (measure,) = published(rw, measure_data(rw, "recall_request", enterprise=rw["enterprise"]))
    assert InboxMessage.objects.filter(recipient=rw["enterprise_user"], kind="recall_requests").exists()
    measure_complete(measure=measure, actor=rw["analyst"], reason="已召回120箱")
    warning.refresh_from_db()
    assert measure.status == "done" and warning.status == "closed"


def test_consumer_warning_is_public_for_its_period_then_withdrawn(rw):
    _w, (measure,) = published(rw, measure_data(rw, "consumer_warning", public_days=7))
    today = timezone.localdate()
    assert [w["id"] for w in public_consumer_warnings(today=today)] == [measure.pk]
    assert public_consumer_warnings(today=today + dt.timedelta(days=7)) == []
    assert consumer_warnings_expire(today=today + dt.timedelta(days=6)) == 0
    assert consumer_warnings_expire(today=today + dt.timedelta(days=7)) == 1
    measure.refresh_from_db()
    assert measure.status == "lifted"


def test_consumer_warning_lifted_early_is_no_longer_public(rw):
    _w, (measure,) = published(rw, measure_data(rw, "consumer_warning"))
    measure_lift(measure=measure, actor=rw["supervisor"], reason="误报")
    assert public_consumer_warnings() == []


def test_draft_consumer_warning_is_not_public(rw):
    warning = warning_create(actor=rw["analyst"], data=warning_data(rw))
    measure_add(warning=warning, actor=rw["analyst"], data=measure_data(rw, "consumer_warning"))
    assert public_consumer_warnings() == []


def test_warning_closes_when_its_last_measure_finishes(rw):
    warning, (a, b) = published(
        rw,
        measure_data(rw, "recall_request", enterprise=rw["enterprise"]),
        measure_data(rw, "consumer_warning"),
    )
    measure_complete(measure=a, actor=rw["analyst"])
    warning.refresh_from_db()
    assert warning.status == "published"
    measure_lift(measure=b, actor=rw["analyst"], reason="期满")
    warning.refresh_from_db()
    assert warning.status == "closed"


def test_warning_with_open_measures_cannot_be_closed_by_hand(rw):
    warning, _m = published(rw, measure_data(rw, "consumer_warning"))
    with pytest.raises(ValidationFailed):
        warning_close(warning=warning, actor=rw["supervisor"])


def test_measure_added_to_a_published_warning_is_in_force_at_once(rw):
    warning, _m = published(rw)
    measure = measure_add(
        warning=warning,
        actor=rw["supervisor"],
        data=measure_data(rw, "recall_request", enterprise=rw["enterprise"]),
    )
    assert measure.status == "in_force"


def test_only_the_owner_or_a_supervisor_lifts(rw):
    _w, (measure,) = published(rw, measure_data(rw, "consumer_warning"))
    for who in ("other_analyst", "inspector", "other_supervisor"):
        with pytest.raises(PermissionDenied):
            measure_lift(measure=measure, actor=rw[who], reason="x")


def test_measure_needs_owner_deadline_and_lifting_condition(rw):
    warning = warning_create(actor=rw["analyst"], data=warning_data(rw))
    with pytest.raises(ValidationFailed) as exc:
        measure_add(
            warning=warning,
            actor=rw["analyst"],
            data={"kind": "consumer_warning", "public_title": "a", "public_text": "b"},
        )
    assert {"owner", "deadline", "lifting_condition"} <= set(exc.value.fields)


def test_past_deadline_is_refused(rw):
    warning = warning_create(actor=rw["analyst"], data=warning_data(rw))
    with pytest.raises(ValidationFailed) as exc:
        measure_add(
            warning=warning,
            actor=rw["analyst"],
            data=measure_data(rw, "consumer_warning", deadline=timezone.localdate() - dt.timedelta(days=1)),
        )
    assert "deadline" in exc.value.fields


def test_daily_command_withdraws_expired_consumer_warnings(rw, capsys):
    from django.core.management import call_command

    from guomen.risk.tasks import consumer_warnings_withdraw

    _w, (measure,) = published(rw, measure_data(rw, "consumer_warning", public_days=1))
    call_command("risk-daily")
    assert "0 consumer warnings withdrawn" in capsys.readouterr().out
    measure.public_until = timezone.localdate()
    measure.save(update_fields=["public_until"])
    consumer_warnings_withdraw.enqueue()
    measure.refresh_from_db()
    assert measure.status == "lifted"
