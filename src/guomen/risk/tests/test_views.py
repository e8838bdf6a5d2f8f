"""Every page: anonymous → login, wrong role → 403, other jurisdiction → 404, enterprise user → 403."""

import pytest
from django.urls import reverse

from guomen.risk.early_warnings import warning_create, warning_publish, warning_validate
from guomen.risk.measures import measure_add
from guomen.risk.models import CommodityMapping, ForeignNotification, RiskSignal
from guomen.risk.rasff import mapping_seed

from .factories import make_signal, measure_data, warning_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def objs(rw):
    signal = make_signal(rw)
    warning = warning_create(actor=rw["analyst"], data=warning_data(rw))
    measure = measure_add(warning=warning, actor=rw["analyst"], data=measure_data(rw, "consumer_warning"))
    notification = ForeignNotification.objects.create(reference="2025.0001", subject="Chlorpyrifos in durian")
    mapping_seed()
    return {
        "signal": signal,
        "cluster": signal.cluster,
        "warning": warning,
        "measure": measure,
        "notification": notification,
        "mapping": CommodityMapping.objects.first(),
    }


def get_pages(o):
    return [
        reverse("risk:dashboard"),
        reverse("risk:signal_list"),
        reverse("risk:signal_detail", args=[o["signal"].pk]),
        reverse("risk:cluster_list"),
        reverse("risk:cluster_detail", args=[o["cluster"].pk]),
        reverse("risk:warning_list"),
        reverse("risk:warning_detail", args=[o["warning"].pk]),
        reverse("risk:notification_list"),
        reverse("risk:notification_detail", args=[o["notification"].pk]),
    ]


def test_anonymous_is_sent_to_login(client, objs):
    for url in get_pages(objs) + [
        reverse("risk:inbox"),
        reverse("risk:mapping_list"),
        reverse("risk:signal_new"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


@pytest.mark.parametrize("who", ["analyst", "supervisor", "inspector"])
def test_staff_of_the_jurisdiction_see_every_page(client, rw, objs, who):
    client.force_login(rw[who])
    if who == "inspector":  # the draft warning is not addressed to ports yet
        warning_validate(warning=objs["warning"], actor=rw["supervisor"])
        warning_publish(warning=objs["warning"], actor=rw["second_supervisor"])
    for url in get_pages(objs):
        assert client.get(url).status_code == 200, url


def test_enterprise_user_is_refused_every_page(client, rw, objs):
    client.force_login(rw["enterprise_user"])
    for url in get_pages(objs) + [reverse("risk:mapping_list"), reverse("risk:signal_new")]:
        assert client.get(url).status_code == 403, url


def test_other_jurisdiction_gets_404_for_records(client, rw, objs):
    client.force_login(rw["other_analyst"])
    for name, key in [
        ("risk:signal_detail", "signal"),
        ("risk:cluster_detail", "cluster"),
        ("risk:warning_detail", "warning"),
    ]:
        assert client.get(reverse(name, args=[objs[key].pk])).status_code == 404


@pytest.mark.parametrize("who", ["inspector", "supervisor", "enterprise_user"])
def test_wrong_role_cannot_enter_signals_or_edit_mappings(client, rw, objs, who):
    client.force_login(rw[who])
    assert client.get(reverse("risk:signal_new")).status_code == 403
    assert client.post(reverse("risk:mapping_edit", args=[objs["mapping"].pk]), {}).status_code == 403
    assert client.post(reverse("risk:signal_assess", args=[objs["signal"].pk]), {}).status_code == 403
    assert client.get(reverse("risk:warning_new")).status_code == 403


def test_analyst_enters_a_signal_through_the_form(client, rw):
    client.force_login(rw["analyst"])
    response = client.post(
        reverse("risk:signal_new"),
        {"source": "media", "title": "网络报道：进口榴莲农残", "origin": "TH", "hs": "081060"},
    )
    signal = RiskSignal.objects.get(source="media")
    assert response.status_code == 302 and signal.commodity_group_id == "fresh_fruit"


def test_signal_form_names_a_bad_field(client, rw):
    client.force_login(rw["analyst"])
    response = client.post(reverse("risk:signal_new"), {"source": "media", "title": "x", "hs": "999999"})
    assert response.status_code == 422 and "hs" in response.context["form"].errors


def test_assessment_form_leads_to_a_warning_draft(client, rw, objs):
    client.force_login(rw["analyst"])
    response = client.post(
        reverse("risk:cluster_assess", args=[objs["cluster"].pk]),
        {"risk_decision": "serious", "classification": "alert", "reasoning": "连续检出"},
    )
    assert response.status_code == 302 and "assessment=" in response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200 and page.context["form"].initial["classification"] == "alert"


def test_supervisor_validates_and_publishes_from_the_page(client, rw, objs):
    client.force_login(rw["supervisor"])
    warning = objs["warning"]
    client.post(reverse("risk:warning_action", args=[warning.pk, "validate"]), {"version": warning.version})
    warning.refresh_from_db()
    client.force_login(rw["second_supervisor"])
    client.post(reverse("risk:warning_action", args=[warning.pk, "publish"]), {"version": warning.version})
    warning.refresh_from_db()
    assert warning.status == "published"
    objs["measure"].refresh_from_db()
    assert objs["measure"].status == "in_force"


@pytest.mark.parametrize("who", ["analyst", "inspector", "enterprise_user"])
def test_wrong_role_cannot_validate(client, rw, objs, who):
    client.force_login(rw[who])
    assert (
        client.post(reverse("risk:warning_action", args=[objs["warning"].pk, "validate"])).status_code == 403
    )
    objs["warning"].refresh_from_db()
    assert objs["warning"].status == "draft"


def test_other_jurisdiction_supervisor_cannot_validate(client, rw, objs):
    client.force_login(rw["other_supervisor"])
    assert (
        client.post(reverse("risk:warning_action", args=[objs["warning"].pk, "validate"])).status_code == 404
    )


def test_measure_form_and_lifting_from_the_page(client, rw, objs):
    client.force_login(rw["analyst"])
    warning = objs["warning"]
    response = client.post(
        reverse("risk:measure_new", args=[warning.pk]),
        {
            "kind": "recall_request",
            "owner": rw["analyst"].pk,
            "deadline": "2099-01-01",
            "lifting_condition": "召回完成",
            "enterprise": rw["enterprise"].pk,
        },
    )
    assert response.status_code == 302 and warning.measures.count() == 2
    client.post(reverse("risk:measure_action", args=[objs["measure"].pk, "lift"]), {"reason": "不再需要"})
    objs["measure"].refresh_from_db()
    assert objs["measure"].status == "lifted"


def test_analyst_reviews_a_mapping(client, rw, objs):
    client.force_login(rw["analyst"])
    mapping = objs["mapping"]
    client.post(
        reverse("risk:mapping_edit", args=[mapping.pk]),
        {"commodity_group": "", "reviewed": "on", "version": mapping.version},
    )
    mapping.refresh_from_db()
    assert mapping.reviewed and mapping.commodity_group_id is None
    assert client.get(reverse("risk:mapping_list")).status_code == 200


def test_inbox_shows_the_digest_and_marks_it_read(client, rw, objs):
    client.force_login(rw["analyst"])
    page = client.get(reverse("risk:inbox"))
    assert page.status_code == 200 and "检出南洋臀纹粉蚧" in page.content.decode()
    client.post(reverse("risk:inbox_read"))
    assert not rw["analyst"].risk_inbox.filter(read_at=None).exists()


def test_dashboard_filters_by_period_and_unit(client, rw, objs):
    client.force_login(rw["analyst"])
    page = client.get(reverse("risk:dashboard"), {"from": "2000-01-01", "to": "2000-02-01"})
    assert page.context["data"]["total"] == 0
    page = client.get(reverse("risk:dashboard"), {"org": "WJD"})
    assert page.context["data"]["total"] == 1
    page = client.get(reverse("risk:dashboard"), {"org": "HG"})
    assert page.context["data"]["total"] == 0


def test_signal_list_filters_and_answers_htmx_with_the_rows_only(client, rw, objs):
    client.force_login(rw["analyst"])
    filtered = client.get(
        reverse("risk:signal_list"), {"source": "media"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" not in filtered and objs["signal"].title not in filtered
    everything = client.get(reverse("risk:signal_list"), HTTP_HX_REQUEST="true").content.decode()
    assert objs["signal"].title in everything
