"""The demo's enterprise side tells one story: every enterprise's grade, score and credit events agree, and the
demo enterprise has a rectification of a violation to answer."""

from guomen.inspections.models import RectificationFile, RectificationRequest
from guomen.registry.models import Enterprise
from guomen.supervision.explain import credit_explain
from guomen.supervision.services import recompute


def test_grade_score_and_events_agree_for_every_demo_enterprise(seeded, db):
    recompute()  # what the nightly task does: the stored grades must survive it
    wrong = []
    for enterprise in Enterprise.objects.order_by("id"):
        x = credit_explain(enterprise=enterprise)
        if not x.consistent:
            wrong.append((enterprise.uscc, x.grade, x.computed_grade, x.score, x.points_in_force))
    assert wrong == []


def test_no_demo_enterprise_below_grade_a_is_without_events(seeded, db):
    unexplained = Enterprise.objects.filter(
        credit_grade__in=["AA", "B", "C", "D"], credit_events__isnull=True
    )
    assert list(unexplained.values_list("uscc", "credit_grade")) == []


def test_the_demo_has_an_accepted_rectification_with_a_photo_and_a_pdf(seeded, db):
    accepted = RectificationRequest.objects.filter(outcome="accepted", violation__isnull=False).first()
    kinds = set(
        RectificationFile.objects.filter(answer__request=accepted).values_list("content_type", flat=True)
    )
    assert kinds == {"image/jpeg", "application/pdf"}
    assert accepted.enterprise.credit_events.filter(kind="rectification").exists()
