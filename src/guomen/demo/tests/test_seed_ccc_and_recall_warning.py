import pytest

pytestmark = pytest.mark.django_db(transaction=False)


def test_demo_has_a_recall_warning_consumers_and_a_ccc_catalogue(seeded):
    from guomen.certification.models import CompulsoryProduct
    from guomen.recalls.models import Recall
    from guomen.risk.selectors import public_consumer_warnings

    recall = Recall.objects.exclude(consumer_warning=None).get()
    assert recall.consumer_warning.status == "in_force"
    assert any(w["id"] == recall.consumer_warning_id for w in public_consumer_warnings())
    assert CompulsoryProduct.objects.filter(hs_prefix="8504").exists()


def test_demo_has_partner_agencies_on_the_joint_action_named_in_its_report(seeded):
    from guomen.campaigns.models import Campaign
    from guomen.campaigns.report import build

    campaign = Campaign.objects.get(code__startswith="SD")
    assert campaign.partners.filter(status="taking_part").count() == 3
    assert "深圳海关缉私局" in " ".join(build(campaign)["paragraphs"])
