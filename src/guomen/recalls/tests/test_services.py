import datetime as dt

import pytest
from django.utils import timezone

from guomen.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from guomen.core.models import AuditEvent
from guomen.declarations.tests.factories import DeclarationFactory
from guomen.recalls import selectors, services
from guomen.recalls.models import Recall
from guomen.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def test_a_recall_is_numbered_and_audited(recall):
    assert recall.number == f"RC{timezone.localdate().year}0001" and recall.status == "reported"
    assert AuditEvent.objects.filter(verb="recall.opened", object_id=str(recall.pk)).exists()


def test_another_jurisdiction_cannot_open_a_recall_for_the_importer(importer, other_supervisor):
    with pytest.raises(PermissionDenied):
        services.recall_open(
            title="x",
            category="children",
            product="x",
            defect="x",
            enterprise=importer,
            source="defect_report",
            reported_on=dt.date(2026, 9, 1),
            actor=other_supervisor,
        )
    assert not Recall.objects.exists()


def test_a_recall_following_an_early_warning_must_name_it(importer, supervisor):
    with pytest.raises(ValidationFailed) as exc:
        services.recall_open(
            title="x",
            category="cosmetics",
            product="x",
            defect="x",
            enterprise=importer,
            source="early_warning",
            reported_on=dt.date(2026, 9, 1),
            actor=supervisor,
        )
    assert "early_warning" in exc.value.fields


def test_consignments_and_dealers_of_the_jurisdiction_are_named(recall, consignment, dealer, supervisor):
    services.recall_name_affected(
        recall=recall, consignments=[consignment.number], dealers=[dealer.uscc], actor=supervisor
    )
    assert list(recall.consignments.all()) == [consignment] and list(recall.dealers.all()) == [dealer]


def test_a_consignment_outside_the_jurisdiction_refuses_the_whole_change(
    recall, consignment, orgs, supervisor
):
    elsewhere = DeclarationFactory(port=orgs["BY"], number="DEC-GZ-0009")
    with pytest.raises(ValidationFailed) as exc:
        services.recall_name_affected(
            recall=recall, consignments=[consignment.number, elsewhere.number], dealers=[], actor=supervisor
        )
    assert "DEC-GZ-0009" in exc.value.fields["consignments"][0]
    assert not recall.consignments.exists()


def test_the_recall_cannot_start_without_affected_records(recall, supervisor):
    services.recall_set_status(recall=recall, to="confirmed", reason="缺陷调查属实", actor=supervisor)
    with pytest.raises(ValidationFailed) as exc:
        services.recall_set_status(recall=recall, to="in_progress", actor=supervisor)
    assert "consignments" in exc.value.fields


def _start(recall, consignment, supervisor):
    services.recall_name_affected(
        recall=recall, consignments=[consignment.number], dealers=[], actor=supervisor
    )
    services.recall_set_status(recall=recall, to="confirmed", reason="缺陷调查属实", actor=supervisor)
    services.recall_set_status(recall=recall, to="in_progress", actor=supervisor)


def test_progress_to_completion_and_closure_with_a_review(recall, consignment, supervisor, inspector):
    _start(recall, consignment, supervisor)
    services.recall_progress(
        recall=recall,
        reported_on=timezone.localdate(),
        units_recovered=80,
        note="已召回80台",
        actor=inspector,
    )
    services.recall_set_status(recall=recall, to="completed", actor=supervisor)
    with pytest.raises(ValidationFailed):
        services.recall_set_status(recall=recall, to="closed", actor=supervisor)
    services.recall_set_status(
        recall=recall, to="closed", review="召回完成率67%,余量已下架封存", actor=supervisor
    )
    recall.refresh_from_db()
    assert (recall.status, recall.units_recovered, recall.recovered_percent) == ("closed", 80, 67)


def test_progress_never_goes_back_nor_past_the_affected_units(recall, consignment, supervisor, inspector):
    _start(recall, consignment, supervisor)
    services.recall_progress(
        recall=recall, reported_on=timezone.localdate(), units_recovered=50, note="第一批", actor=inspector
    )
    for units in (40, 121):
        with pytest.raises(ValidationFailed) as exc:
            services.recall_progress(
                recall=recall,
                reported_on=timezone.localdate(),
                units_recovered=units,
                note="x",
                actor=inspector,
            )
        assert "units_recovered" in exc.value.fields


def test_a_dismissed_report_cannot_be_reopened(recall, supervisor):
    services.recall_set_status(recall=recall, to="dismissed", reason="经查非设计缺陷", actor=supervisor)
    with pytest.raises(IllegalTransition):
        services.recall_set_status(recall=recall, to="confirmed", reason="x", actor=supervisor)


def test_a_named_dealer_sees_the_recall_but_another_enterprise_does_not(
    recall, dealer, supervisor, make_user
):
    services.recall_name_affected(recall=recall, consignments=[], dealers=[dealer.uscc], actor=supervisor)
    dealer_user = make_user("enterprise", None, dealer)
    stranger = make_user("enterprise", None, EnterpriseFactory())
    assert list(selectors.recall_list(user=dealer_user)) == [recall]
    assert not selectors.recall_list(user=stranger).exists()


def test_the_monthly_report_counts_recalls_of_the_jurisdiction(
    recall, importer, other_supervisor, supervisor, orgs
):
    from guomen.reports import sources
    from guomen.reports.scope import build_filter

    table = sources.recalls(build_filter(supervisor, {"period": "2026-09"}))
    assert [row[1:] for row in table.rows] == [[1, 120, 0]]
    assert sources.recalls(build_filter(other_supervisor, {"period": "2026-09"})).rows == []
