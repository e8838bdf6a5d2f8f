import pytest
from django.test import Client
from django.urls import reverse

from guomen.recalls.models import Recall

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_anonymous_is_sent_to_login(orgs):
    response = _client().get(reverse("recalls:list"))
    assert response.status_code == 302 and "login" in response.url


def test_the_list_shows_the_recall_with_its_chinese_category(recall, inspector):
    page = _client(inspector).get(reverse("recalls:list")).content.decode()
    assert recall.number in page and "玩具及儿童用品" in page


def test_the_list_filters_by_category(recall, inspector):
    page = _client(inspector).get(reverse("recalls:list"), {"category": "cosmetics"}).content.decode()
    assert recall.number not in page


def test_a_supervisor_opens_a_recall_through_the_form(importer, supervisor):
    response = _client(supervisor).post(
        reverse("recalls:new"),
        {
            "title": "进口电饭煲内胆涂层脱落召回",
            "category": "rice_cooker",
            "product": "型号RC-5",
            "defect": "涂层脱落",
            "enterprise": importer.uscc,
            "source": "complaint",
            "reported_on": "2026-09-03",
            "units_affected": "40",
        },
    )
    recall = Recall.objects.get()
    assert response.status_code == 302 and response.url == reverse("recalls:detail", args=[recall.number])


def test_a_dealer_outside_the_jurisdiction_is_refused_on_the_page(recall, orgs, supervisor):
    from guomen.registry.tests.factories import EnterpriseFactory

    elsewhere = EnterpriseFactory(org=orgs["BY"])
    response = _client(supervisor).post(
        reverse("recalls:affected", args=[recall.number]),
        {"consignments": "", "dealers": elsewhere.uscc},
        follow=True,
    )
    assert "不在您的辖区内或不存在" in response.content.decode()
    assert not recall.dealers.exists()


def test_another_unit_cannot_open_the_recall(recall, other_inspector):
    assert _client(other_inspector).get(reverse("recalls:detail", args=[recall.number])).status_code == 404
