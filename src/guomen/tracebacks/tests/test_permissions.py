"""Permission matrix: wrong role, other unit, enterprise, anonymous — an enterprise never sees the queue or
scores."""

import pytest
from django.urls import reverse

from guomen.core.errors import PermissionDenied
from guomen.tracebacks import services
from guomen.tracebacks.models import TraceNotification

pytestmark = pytest.mark.django_db


@pytest.fixture
def n(exporters, notify):
    return notify(numbers="EXWJD0000000001")


def test_only_an_analyst_in_the_export_unit_confirms(
    n, exporters, inspector, supervisor, gz_analyst, exporter_user
):
    candidate = n.candidates.get(enterprise=exporters["wjd"])
    for actor in (inspector, supervisor, gz_analyst, exporter_user):
        with pytest.raises(PermissionDenied):
            services.match_confirm(notification=n, candidate=candidate, actor=actor)
    n.refresh_from_db()
    assert n.status == "pending"


def test_no_match_needs_the_analyst_to_cover_every_candidate(n, analyst, gz_analyst, admin_user, supervisor):
    for actor in (
        analyst,
        gz_analyst,
        supervisor,
    ):  # SZ and GZ each see only part; a supervisor may not decide
        with pytest.raises(PermissionDenied):
            services.match_reject(notification=n, reason="不是我关区企业", actor=actor)


def test_other_unit_sees_the_notification_but_not_the_candidates(n, client, gz_analyst):
    client.force_login(gz_analyst)
    page = client.get(reverse("tracebacks:detail", args=[n.pk])).content.decode()
    assert "深圳市优果农业发展有限公司" not in page
    assert client.post(reverse("tracebacks:confirm", args=[n.pk, n.candidates.first().pk])).status_code == 404


@pytest.mark.parametrize("name", ["queue", "cases", "new"])
def test_enterprise_and_anonymous_never_see_the_pages(n, client, exporter_user, name):
    url = reverse(f"tracebacks:{name}")
    assert client.get(url).status_code in (302, 403)
    client.force_login(exporter_user)
    assert client.get(url).status_code == 403
    assert client.get(reverse("tracebacks:detail", args=[n.pk])).status_code == 403


def test_enterprise_gets_nothing_from_the_api(n, client, exporter_user):
    client.force_login(exporter_user)
    assert client.get("/api/v1/tracebacks/notifications").status_code == 403
    assert client.get(f"/api/v1/tracebacks/notifications/{n.pk}").status_code == 403


def test_analyst_confirms_through_the_page_and_api_shows_scores(n, client, analyst, exporters):
    client.force_login(analyst)
    detail = client.get(f"/api/v1/tracebacks/notifications/{n.pk}").json()
    assert detail["candidates"][0]["score"] == 100 and detail["candidates"][0]["evidence"]
    candidate = n.candidates.get(enterprise=exporters["wjd"])
    response = client.post(reverse("tracebacks:confirm", args=[n.pk, candidate.pk]), {"reason": "编号一致"})
    assert response.status_code == 302
    assert TraceNotification.objects.get(pk=n.pk).status == "confirmed"


def test_case_pages_are_kept_to_the_unit(n, client, analyst, gz_analyst, exporters, supervisor):
    case = services.match_confirm(
        notification=n, candidate=n.candidates.get(enterprise=exporters["wjd"]), actor=analyst
    )
    client.force_login(gz_analyst)
    assert client.get(reverse("tracebacks:case", args=[case.number])).status_code == 404
    client.force_login(supervisor)
    assert client.get(reverse("tracebacks:case", args=[case.number])).status_code == 200
    with pytest.raises(PermissionDenied):
        services.case_close(case=case, report="x", actor=gz_analyst)
