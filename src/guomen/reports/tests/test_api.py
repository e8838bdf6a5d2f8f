import pytest

API = "/api/v1/reports"
ENDPOINTS = [
    ("get", f"{API}/kpis?period=2026-09"),
    ("get", f"{API}/tables/origins?period=2026-09"),
    ("post", f"{API}/quality"),
    ("get", f"{API}/jobs/1"),
    ("get", f"{API}/quality/1/file"),
]


def call(client, method, url, user=None):
    if user is not None:
        client.force_login(user)
    if method == "post":
        return client.post(url, {"period": "2026-09", "format": "xlsx"}, content_type="application/json")
    return client.get(url)


@pytest.mark.parametrize(("method", "url"), ENDPOINTS)
def test_anonymous_gets_401(client, world, method, url):
    assert call(client, method, url).status_code == 401


@pytest.mark.parametrize(("method", "url"), ENDPOINTS)
@pytest.mark.parametrize("who", ["inspector", "enterprise_user"])
def test_wrong_roles_get_403(client, world, request, method, url, who):
    assert call(client, method, url, request.getfixturevalue(who)).status_code == 403


@pytest.mark.parametrize(
    "url", [f"{API}/kpis?period=2026-09&org=GZ", f"{API}/tables/ports?period=2026-09&org=GZ"]
)
def test_another_jurisdiction_gets_403(client, world, supervisor, url):
    assert call(client, "get", url, supervisor).status_code == 403


def test_kpis_give_numerator_denominator_and_changes(client, world, supervisor):
    body = call(client, "get", f"{API}/kpis?period=2026-09", supervisor).json()
    detection = next(k for k in body["kpis"] if k["key"] == "detection")
    assert detection["current"] == {"numerator": 2, "denominator": 5, "rate": 0.4}
    assert detection["mom_points"] == pytest.approx(-10.0)
    assert body["org"] == "SZ"


def test_empty_period_has_null_rates(client, world, supervisor):
    body = call(client, "get", f"{API}/kpis?period=2024-02", supervisor).json()
    detection = next(k for k in body["kpis"] if k["key"] == "detection")
    assert detection["current"]["rate"] is None


def test_table_rows_come_as_numbers(client, world, supervisor):
    body = call(client, "get", f"{API}/tables/ports?period=2026-09", supervisor).json()
    assert {row[0] for row in body["rows"]} == {"文锦渡局", "皇岗局"}


def test_bad_period_names_the_field(client, world, supervisor):
    response = call(client, "get", f"{API}/kpis?period=13-2026", supervisor)
    assert response.status_code == 422
    assert "period" in response.json()["fields"]


def test_report_request_runs_and_the_file_downloads(
    client, world, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = call(client, "post", f"{API}/quality", supervisor)
    assert response.status_code == 202
    job = client.get(f"{API}/jobs/{response.json()['id']}").json()
    assert job["status"] == "succeeded" and job["progress"] == 100
    assert client.get(job["download_url"]).status_code == 200


def test_someone_elses_job_and_file_are_not_found(
    client, world, supervisor, gz_supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created = call(client, "post", f"{API}/quality", gz_supervisor).json()
    created = client.get(f"{API}/jobs/{created['id']}").json()
    assert created["report_id"]
    client.force_login(supervisor)
    assert client.get(f"{API}/jobs/{created['id']}").status_code == 404
    assert client.get(f"{API}/quality/{created['report_id']}/file").status_code == 404
