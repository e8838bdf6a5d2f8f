import random

import pytest

from guomen.complaints.demo import seed_demo as complaints_demo
from guomen.complaints.models import Complaint
from guomen.demo.masterdata import Bureau
from guomen.documents.demo import seed_demo as documents_demo
from guomen.documents.models import Document
from guomen.portal.demo import seed_demo as portal_demo
from guomen.portal.models import PublicDecision
from guomen.registry.tests.factories import EnterpriseFactory
from guomen.risk.models import RiskSignal

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau(orgs, supervisor, inspector, admin_user):
    return Bureau(
        orgs=orgs,
        user_ids={"supervisor_sz": supervisor.pk, "inspector_wjd": inspector.pk, "admin_gacc": admin_user.pk},
        admin=admin_user,
    )


def test_demo_decisions_are_mostly_published(bureau, orgs):
    EnterpriseFactory.create_batch(5, org=orgs["SZ"])
    counts = portal_demo(bureau, random.Random(7))
    assert counts["public_decisions"] == 40 == PublicDecision.objects.count()
    assert 0 < counts["published_decisions"] < 40


def test_demo_complaints_cover_every_stage_and_feed_risk(bureau, make_user, orgs):
    counts = complaints_demo(bureau, random.Random(7))
    assert counts["complaints"] == 60
    statuses = set(Complaint.objects.values_list("status", flat=True))
    assert statuses == {"received", "in_progress", "replied", "closed"}
    assert RiskSignal.objects.filter(source="complaint").exists()


def test_demo_documents_are_searchable_with_a_superseded_edition(bureau):
    counts = documents_demo(bureau, random.Random(7))
    assert counts["documents"] == Document.objects.count() >= 19
    old = Document.objects.get(number="GB 2763-2019")
    assert old.superseded_by.number == "GB 2763-2021"


def test_demo_is_deterministic_for_a_seed(bureau):
    complaints_demo(bureau, random.Random(3))
    first = sorted(Complaint.objects.values_list("tracking_code", flat=True))
    Complaint.objects.all().delete()
    complaints_demo(bureau, random.Random(3))
    assert sorted(Complaint.objects.values_list("tracking_code", flat=True)) == first
