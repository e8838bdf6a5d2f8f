import pytest

from guomen.accounts.choices import OrgKind
from guomen.core.errors import IllegalTransition, PermissionDenied, ValidationFailed
from guomen.risk.early_warnings import (
    assessment_create,
    warning_close,
    warning_create,
    warning_publish,
    warning_return,
    warning_validate,
)
from guomen.risk.models import InboxMessage
from guomen.risk.selectors import warning_list

from .factories import make_signal, warning_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(rw):
    return warning_create(actor=rw["analyst"], data=warning_data(rw))


def test_analyst_assesses_a_cluster_with_decision_classification_and_reasoning(rw):
    signal = make_signal(rw)
    assessment = assessment_create(
        actor=rw["analyst"],
        cluster=signal.cluster,
        data={
            "risk_decision": "serious",
            "classification": "alert",
            "reasoning": "连续检出",
            "evidence": "样品YP1",
        },
    )
    assert (assessment.risk_decision, assessment.classification) == ("serious", "alert")
    assert signal.cluster.assessments.count() == 1


def test_assessment_needs_reasoning_and_known_choices(rw):
    signal = make_signal(rw)
    with pytest.raises(ValidationFailed) as exc:
        assessment_create(
            actor=rw["analyst"],
            signal=signal,
            data={"risk_decision": "awful", "classification": "alert", "reasoning": " "},
        )
    assert "reasoning" in exc.value.fields
    with pytest.raises(ValidationFailed) as exc:
        assessment_create(
            actor=rw["analyst"],
            signal=signal,
            data={"risk_decision": "awful", "classification": "alert", "reasoning": "x"},
        )
    assert "risk_decision" in exc.value.fields


def test_inspector_cannot_assess(rw):
    with pytest.raises(PermissionDenied):
        assessment_create(actor=rw["inspector"], signal=make_signal(rw), data={})


def test_draft_validate_publish_close(rw, draft):
    warning_validate(warning=draft, actor=rw["supervisor"])
    warning_publish(warning=draft, actor=rw["second_supervisor"])
    assert draft.status == "published" and draft.published_at is not None
    warning_close(warning=draft, actor=rw["supervisor"], reason="处置完毕")
    draft.refresh_from_db()
    assert draft.status == "closed"


def test_publishing_a_draft_is_illegal(rw, draft):
    with pytest.raises(IllegalTransition):
        warning_publish(warning=draft, actor=rw["second_supervisor"])


def test_closed_warning_cannot_be_reopened(rw, draft):
    warning_validate(warning=draft, actor=rw["supervisor"])
    warning_publish(warning=draft, actor=rw["second_supervisor"])
    warning_close(warning=draft, actor=rw["supervisor"])
    with pytest.raises(IllegalTransition):
        warning_validate(warning=draft, actor=rw["supervisor"])


def test_supervisor_returns_a_validated_warning_with_a_reason(rw, draft):
    warning_validate(warning=draft, actor=rw["supervisor"])
    with pytest.raises(ValidationFailed):
        warning_return(warning=draft, actor=rw["supervisor"], reason="")
    warning_return(warning=draft, actor=rw["supervisor"], reason="补充检测数据")
    assert draft.status == "draft"


@pytest.mark.parametrize("who", ["analyst", "inspector", "enterprise_user", "other_supervisor"])
def test_only_a_supervisor_of_the_jurisdiction_validates(rw, draft, who):
    with pytest.raises(PermissionDenied):
        warning_validate(warning=draft, actor=rw[who])


@pytest.mark.parametrize("who", ["supervisor", "inspector", "enterprise_user"])
def test_only_analysts_draft(rw, who):
    with pytest.raises(PermissionDenied):
        warning_create(actor=rw[who], data=warning_data(rw))


def test_stale_version_is_a_conflict(rw, draft):
    from guomen.core.errors import Conflict

    with pytest.raises(Conflict):
        warning_validate(warning=draft, actor=rw["supervisor"], expected_version=draft.version - 1 or 99)


def test_warning_needs_addressees_unless_border_rejection(rw):
    with pytest.raises(ValidationFailed) as exc:
        warning_create(actor=rw["analyst"], data=warning_data(rw, addressees=[]))
    assert "addressees" in exc.value.fields
    warning = warning_create(
        actor=rw["analyst"], data=warning_data(rw, addressees=[], classification="border_rejection")
    )
    assert warning.pk


def test_border_rejection_goes_to_every_port(rw):
    warning = warning_create(
        actor=rw["analyst"], data=warning_data(rw, addressees=[], classification="border_rejection")
    )
    warning_validate(warning=warning, actor=rw["supervisor"])
    warning_publish(warning=warning, actor=rw["second_supervisor"])
    assert set(warning.addressees.values_list("code", flat=True)) == {"WJD", "HG", "BY"}
    assert warning.addressees.filter(kind=OrgKind.PORT).count() == 3
    assert warning_list(user=rw["other_inspector"]).filter(pk=warning.pk).exists()


def test_addressed_ports_see_the_published_warning_others_do_not(rw, draft):
    assert not warning_list(user=rw["inspector"]).filter(pk=draft.pk).exists()
    warning_validate(warning=draft, actor=rw["supervisor"])
    warning_publish(warning=draft, actor=rw["second_supervisor"])
    assert warning_list(user=rw["inspector"]).filter(pk=draft.pk).exists()
    assert not warning_list(user=rw["other_inspector"]).filter(pk=draft.pk).exists()
    assert not warning_list(user=rw["enterprise_user"]).exists()


def test_follow_up_links_to_the_original_and_inherits_its_addressees(rw, draft):
    follow = warning_create(
        actor=rw["analyst"], data={"title": "续报", "body": "新增两批检出"}, follow_up_of=draft
    )
    assert follow.follow_up_of == draft
    assert set(follow.addressees.all()) == set(draft.addressees.all())
    assert list(draft.follow_ups.all()) == [follow]


def test_drafting_notifies_the_supervisor_and_publishing_the_ports(rw, draft):
    assert InboxMessage.objects.filter(recipient=rw["supervisor"], kind="warnings_to_validate").exists()
    warning_validate(warning=draft, actor=rw["supervisor"])
    warning_publish(warning=draft, actor=rw["second_supervisor"])
    assert InboxMessage.objects.filter(recipient=rw["inspector"], kind="warnings").exists()
    assert not InboxMessage.objects.filter(recipient=rw["other_inspector"], kind="warnings").exists()
