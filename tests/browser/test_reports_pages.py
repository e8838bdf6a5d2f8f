import pytest

from guomen.reports.tests.conftest import media, world  # noqa: F401  (fixtures)

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_supervisor_reads_the_dashboard_with_charts_and_table_views(desk, supervisor, world, screenshot):  # noqa: F811
    login(desk, "supervisor_sz")
    desk.goto("/reports/?period=2026-09")
    for key in ("trend", "hazards", "heatmap", "ports"):
        assert desk.locator(f"[data-testid=chart-{key}] canvas").count() >= 1
    desk.click("[data-testid=table-toggle-ports]")
    table = desk.locator("#tv-ports table")
    table.wait_for(state="visible")
    assert "文锦渡局" in table.inner_text()
    assert "月度趋势" in desk.content()
    screenshot(desk, "reports-dashboard-desk")


def test_kpis_fit_a_phone_with_definitions(phone, supervisor, world, screenshot):  # noqa: F811
    login(phone, "supervisor_sz")
    phone.goto("/reports/kpis/?period=2026-09")
    assert phone.locator("[data-testid=kpi-detection-rate]").inner_text() == "40.00%"
    assert "已录入查验结果" in phone.locator("[data-testid=kpi-detection-definition]").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "reports-kpis-phone")


def test_statistics_drill_down_to_records(desk, supervisor, world, screenshot):  # noqa: F811
    login(desk, "supervisor_sz")
    desk.goto("/reports/statistics/?period=2026-09")
    screenshot(desk, "reports-statistics-desk")
    desk.locator("[data-testid=table-origins] a[data-testid=drill]").first.click()
    desk.wait_for_url("**origin=**")
    desk.click("[data-testid=records-link]")
    assert desk.locator("[data-testid=records] tbody tr").count() >= 1


def test_report_is_generated_with_a_progress_bar(desk, supervisor, world, screenshot):  # noqa: F811
    login(desk, "supervisor_sz")
    desk.goto("/reports/quality/")
    desk.fill("#r-period", "2026-09")
    desk.select_option("#r-format", "xlsx")
    desk.click("[data-testid=report-form] button[type=submit]")
    desk.locator("[data-testid=job-progress][data-status=succeeded]").wait_for()
    assert desk.locator("[data-testid=report-download]").is_visible()
    screenshot(desk, "reports-job-desk")
