"""The portal shows what risk and supervision publish: active consumer warnings, the blacklist, credit."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from guomen.registry.tests.factories import EnterpriseFactory
from guomen.risk.early_warnings import warning_create, warning_publish, warning_validate
from guomen.risk.measures import measure_add, measure_lift
from guomen.risk.tests.conftest import risk_world
from guomen.risk.tests.factories import measure_data, warning_data
from guomen.supervision import services as supervision

pytestmark = pytest.mark.django_db


def _publish_warning(rw, **measure):
    warning = warning_create(actor=rw["analyst"], data=warning_data(rw))
    added = measure_add(
        warning=warning, actor=rw["analyst"], data=measure_data(rw, "consumer_warning", **measure)
    )
    warning_validate(warning=warning, actor=rw["supervisor"])
    warning_publish(warning=warning, actor=rw["second_supervisor"])
    added.refresh_from_db()
    return added


def test_an_active_consumer_warning_is_shown_and_drops_off_when_lifted(client, orgs, make_user):
    rw = risk_world(orgs, make_user)
    measure = _publish_warning(rw)
    assert "消费提示：泰国榴莲" in client.get(reverse("portal:warnings")).content.decode()
    assert client.get("/api/v1/public/warnings").json()["results"][0]["title"] == "消费提示：泰国榴莲"
    measure_lift(measure=measure, actor=rw["supervisor"], reason="误报")
    assert "消费提示：泰国榴莲" not in client.get(reverse("portal:home")).content.decode()


def test_a_warning_past_its_withdrawal_date_is_not_shown(client, orgs, make_user, monkeypatch):
    rw = risk_world(orgs, make_user)
    _publish_warning(rw, public_days=7)
    later = timezone.localdate() + dt.timedelta(days=8)
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: later)
    assert "消费提示：泰国榴莲" not in client.get(reverse("portal:warnings")).content.decode()


def test_a_blacklisted_enterprise_appears_on_the_blacklist_and_in_the_credit_lookup(
    client, orgs, analyst, supervisor
):
    firm = EnterpriseFactory(org=orgs["SZ"], name_zh="深圳市失信果业有限公司")
    entry = supervision.blacklist_propose(enterprise=firm, reason="伪造植物检疫证书", actor=analyst)
    assert "失信果业" not in client.get(reverse("portal:blacklist")).content.decode()
    supervision.blacklist_decide(entry=entry, approve=True, note="证据确凿", actor=supervisor)
    assert "深圳市失信果业有限公司" in client.get(reverse("portal:blacklist")).content.decode()
    credit = client.get(reverse("portal:credit"), {"q": firm.uscc}).content.decode()
    assert 'data-testid="credit-result"' in credit and "伪造植物检疫证书" in credit
    assert firm.contact_phone == "" or firm.contact_phone not in credit
