import io

import pyarrow.parquet as pq
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from guomen.reports import services
from guomen.reports.models import QualityReport
from guomen.reports.periods import Period

SEP = {"period": "2026-09"}
PAGES = [
    ("reports:dashboard", ()),
    ("reports:kpis", ()),
    ("reports:statistics", ()),
    ("reports:records", ()),
    ("reports:export_table", ("origins", "csv")),
    ("reports:export_table", ("trend", "xlsx")),
    ("reports:export_history", ()),
    ("reports:quality_reports", ()),
]


def get(client, user, name, args=(), **params):
    if user is not None:
        client.force_login(user)
    return client.get(reverse(name, args=args), {**SEP, **params})


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_anonymous_is_sent_to_sign_in(client, world, name, args):
    response = get(client, None, name, args)
    assert response.status_code == 302
    assert "/login" in response["Location"]


@pytest.mark.parametrize(("name", "args"), PAGES)
@pytest.mark.parametrize("who", ["inspector", "enterprise_user", "lab_analyst"])
def test_roles_without_reports_are_refused(client, world, request, name, args, who):
    assert get(client, request.getfixturevalue(who), name, args).status_code == 403


@pytest.mark.parametrize(("name", "args"), [p for p in PAGES if p[0] != "reports:quality_reports"])
def test_another_jurisdiction_is_refused(client, world, supervisor, name, args):
    assert get(client, supervisor, name, args, org="GZ").status_code == 403


@pytest.mark.parametrize(("name", "args"), PAGES)
@pytest.mark.parametrize("who", ["supervisor", "analyst", "admin_user"])
def test_readers_may_open_every_page(client, world, request, name, args, who):
    assert get(client, request.getfixturevalue(who), name, args).status_code == 200


def test_kpi_page_shows_fraction_definition_and_changes(client, world, supervisor):
    html = get(client, supervisor, "reports:kpis").content.decode()
    assert "检出率" in html and "40.00%" in html
    assert "<strong>2</strong> / 查验批次 <strong>5</strong>" in html
    assert "已录入查验结果" in html  # the definition
    assert "-10.00" in html and "+40.00" in html


def test_kpi_page_shows_dashes_for_an_empty_month(client, world, supervisor):
    html = get(client, supervisor, "reports:kpis", period="2024-02").content.decode()
    assert 'data-testid="kpi-detection-rate">—<' in html


def test_bad_filter_is_explained_on_the_page(client, world, supervisor):
    html = get(client, supervisor, "reports:statistics", hs="abc").content.decode()
    assert "请输入2至10位HS编码" in html


def test_statistics_rows_drill_down(client, world, supervisor):
    html = get(client, supervisor, "reports:statistics").content.decode()
    assert "origin=BR" in html
    drilled = get(client, supervisor, "reports:records", origin="BR").content.decode()
    assert drilled.count("/inspections/tasks/") == 2


def test_dashboard_has_charts_with_tables_and_downloads(client, world, supervisor):
    html = get(client, supervisor, "reports:dashboard").content.decode()
    for key in ("trend", "hazards", "heatmap", "ports"):
        assert f'data-testid="chart-{key}"' in html
        assert f'id="tv-{key}"' in html
    assert "echarts.min.js" in html
    assert "月度趋势" in html


def test_csv_export_is_scoped_to_the_jurisdiction(client, world, supervisor, gz_supervisor):
    text = get(client, supervisor, "reports:export_table", ("ports", "csv")).content.decode("utf-8-sig")
    assert "文锦渡局" in text and "白云机场局" not in text
    text = get(client, gz_supervisor, "reports:export_table", ("ports", "csv")).content.decode("utf-8-sig")
    assert "白云机场局" in text and "文锦渡局" not in text


def test_xlsx_export_opens_with_the_table(client, world, supervisor):
    response = get(client, supervisor, "reports:export_table", ("channels", "xlsx"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["按查验渠道统计"]
    assert book.active["C2"].value == 5


def test_unknown_export_is_not_found(client, world, supervisor):
    assert get(client, supervisor, "reports:export_table", ("nothing", "csv")).status_code == 404
    assert get(client, supervisor, "reports:export_table", ("ports", "pdf")).status_code == 404


def test_parquet_history_holds_only_the_jurisdiction(client, world, supervisor):
    response = get(client, supervisor, "reports:export_history", months="24")
    table = pq.read_table(io.BytesIO(response.content))
    ports = set(table.column("port").to_pylist())
    assert ports == {"WJD", "HG"}
    assert table.num_rows == 6 + 2 + 4  # September (without the cancelled task), August, a year ago
    assert "commodity_group" in table.column_names


def test_parquet_months_are_checked(client, world, supervisor):
    assert get(client, supervisor, "reports:export_history", months="99").status_code == 422


def test_generating_a_report_shows_its_progress_and_file(
    client, world, supervisor, django_capture_on_commit_callbacks
):
    client.force_login(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:quality_reports"), {"period": "2026-09", "org": "SZ", "format": "xlsx"}
        )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-status="succeeded"' in page and "100%" in page
    fragment = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="job-progress"')
    assert "hx-trigger" not in fragment  # finished: the page stops polling
    download = client.get(reverse("reports:report_download", args=[QualityReport.objects.get().pk]))
    assert download.status_code == 200
    assert load_workbook(io.BytesIO(b"".join(download.streaming_content))).sheetnames[0] == "分析"


def test_report_form_explains_a_bad_month(client, world, supervisor):
    client.force_login(supervisor)
    response = client.post(
        reverse("reports:quality_reports"), {"period": "09/2026", "org": "SZ", "format": "pdf"}
    )
    assert response.status_code == 400
    assert "请按" in response.content.decode()


def test_reports_and_jobs_of_another_jurisdiction_stay_hidden(client, world, supervisor, gz_supervisor):
    saved = services.monthly_reports_run(period=Period(2026, 9), fmt="xlsx")
    gz = next(r for r in saved if r.org.code == "GZ")
    client.force_login(supervisor)
    assert client.get(reverse("reports:report_download", args=[gz.pk])).status_code == 404
    listing = client.get(reverse("reports:quality_reports")).content.decode()
    assert "广州局" not in listing.split('data-testid="report-list"')[1]
    client.force_login(gz_supervisor)
    assert client.get(reverse("reports:report_download", args=[gz.pk])).status_code == 200
    job = services.quality_report_request(actor=gz_supervisor, period="2026-09")
    client.force_login(supervisor)
    assert client.get(reverse("reports:job", args=[job.pk])).status_code == 404


def test_menu_offers_reports_to_supervisors_only(client, world, supervisor, inspector):
    client.force_login(supervisor)
    assert reverse("reports:kpis") in client.get("/").content.decode()
    client.force_login(inspector)
    assert reverse("reports:kpis") not in client.get("/").content.decode()


def test_a_report_file_is_not_served_to_anonymous_visitors_or_enterprises(client, world, make_user):
    from guomen.accounts.choices import Role
    from guomen.registry.tests.factories import EnterpriseFactory

    saved = services.monthly_reports_run(period=Period(2026, 9), fmt="xlsx")
    url = reverse("reports:report_download", args=[saved[0].pk])
    assert client.get(url).status_code == 302  # to the sign-in page
    assert client.get("/media/" + saved[0].file.name).status_code == 404
    assert (
        "quality-report" not in saved[0].file.name
        and saved[0].org.code not in saved[0].file.name.rsplit("/")[-1]
    )
    client.force_login(
        make_user(Role.ENTERPRISE, None, enterprise=EnterpriseFactory(), username="ent_reports")
    )
    assert client.get(url).status_code in (403, 404)


def test_kpi_page_names_the_seed_kpis_with_their_counts_and_the_seed_wording(client, world, supervisor):
    html = get(client, supervisor, "reports:kpis").content.decode()
    for name in ("质量三率", "监管三率", "社会投诉反馈率", "企业质量体系推广率", "分类管理率", "诚信管理率"):
        assert name in html
    assert "诚信管理企业(已有信用等级 AA–D) <strong>4</strong> / 辖区备案企业 <strong>4</strong>" in html
    assert "全市诚信管理企业总数达2269家" in html  # the seed's wording next to the definition
    assert "补充指标(更严格口径)" in html and "投诉处理及时率" in html
