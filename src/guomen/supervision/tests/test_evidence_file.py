"""A credit event's evidence file reaches only those who may see the event."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from guomen.accounts.choices import Role
from guomen.supervision import services


@pytest.fixture
def event(firm, inspector):
    return services.credit_event_record(
        enterprise=firm,
        kind="violation",
        severity="serious",
        occurred_on=timezone.localdate(),
        description="货证不符",
        evidence_file=ContentFile(b"%PDF-1.4 evidence", name="evidence.pdf"),
        actor=inspector,
    )


def _url(event):
    return reverse("supervision:credit_evidence_file", args=[event.enterprise_id, event.pk])


def test_the_inspector_of_the_unit_downloads_the_evidence(client, event, inspector):
    client.force_login(inspector)
    response = client.get(_url(event))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 evidence"


def test_anonymous_visitors_are_sent_to_sign_in(client, event):
    response = client.get(_url(event))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_another_jurisdiction_cannot_download_the_evidence(client, event, other_inspector):
    client.force_login(other_inspector)
    assert client.get(_url(event)).status_code == 404


def test_another_enterprise_cannot_download_the_evidence(client, event, other_firm, make_user):
    client.force_login(make_user(Role.ENTERPRISE, None, enterprise=other_firm, username="other_firm_user"))
    assert client.get(_url(event)).status_code in (403, 404)


def test_the_dossier_links_the_checked_address_not_media(client, event, inspector):
    client.force_login(inspector)
    page = client.get(reverse("supervision:enterprise_detail", args=[event.enterprise_id])).content.decode()
    assert _url(event) in page and "/media/" not in page
