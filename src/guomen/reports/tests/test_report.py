import datetime as dt
import io
import shutil
import subprocess

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from guomen.core.models import JobRun
from guomen.reports import narrative, report, services
from guomen.reports.models import QualityReport
from guomen.reports.scope import build_filter

needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")


def sz_filter(supervisor, period="2026-09"):
    return build_filter(supervisor, {"period": period})


@needs_poppler
def test_pdf_embeds_the_chinese_font(world, supervisor, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report.quality_report(sz_filter(supervisor), "pdf"))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Guomen-Sans" in fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "质量分析报告" in text
    assert "检出率" in text
    assert "橘小实蝇" in text


def test_xlsx_has_one_sheet_per_table(world, supervisor):
    book = load_workbook(io.BytesIO(report.quality_report(sz_filter(supervisor), "xlsx")))
    names = book.sheetnames
    assert names[:2] == ["分析", "考核指标"]
    for title in ("按查验渠道统计", "有害生物检出情况", "按原产地统计不合格及合格率", "月度趋势"):
        assert title in names
    kpi_rows = {row[0]: row for row in book["考核指标"].iter_rows(min_row=2, values_only=True)}
    assert kpi_rows["检出率"][1:4] == (2, 5, 40.0)


def test_report_covers_only_the_jurisdiction(world, supervisor):
    context = report.build(sz_filter(supervisor))
    assert context["totals"]["inspected"] == 5
    assert "越南" not in " ".join(str(row) for t in context["tables"] for row in t.rows)


def test_narrative_names_what_rose_the_main_hazards_and_measures(world, supervisor):
    from django.utils import translation

    with translation.override("zh-hans"):
        story = report.build(sz_filter(supervisor))["narrative"]
    assert "40.00%" in story.overview
    assert "橘小实蝇" in story.hazards
    assert any("肉类" in s for s in story.changes)  # meat: 0 → 1 non-conforming against August
    assert story.measures


def test_origins_to_watch_need_enough_inspections():
    from guomen.reports.figures import Rate
    from guomen.reports.tables import Column, Table

    origins = Table("origins", "", [Column(k, k) for k in "abcdef"])
    origins.rows = [["A", 10, 10, 5, Rate(5, 10), None], ["B", 2, 2, 2, Rate(2, 2), None]]
    watched = narrative.origins_to_watch(origins, Rate(10, 100))
    assert [name for name, _rate in watched] == ["A"]


def test_report_task_records_progress_and_stores_the_file(
    world, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = services.quality_report_request(actor=supervisor, period="2026-09", org_code="WJD", fmt="xlsx")
    job.refresh_from_db()
    assert job.status == JobRun.Status.SUCCEEDED
    assert job.progress == 100
    assert "Building the statistics tables" in job.log or "统计表" in job.log
    saved = QualityReport.objects.get(pk=job.result["report_id"])
    assert (saved.org.code, saved.period, saved.format) == ("WJD", "2026-09", "xlsx")
    assert load_workbook(saved.file.path).sheetnames[0] == "分析"


def test_a_failing_report_marks_the_job_failed(
    world, supervisor, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(f, fmt, *, progress):
        progress(25, "tables")
        raise RuntimeError("disk full")

    monkeypatch.setattr(report, "quality_report", broken)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.quality_report_request(actor=supervisor, period="2026-09", fmt="pdf")
    job.refresh_from_db()
    assert job.status == JobRun.Status.FAILED
    assert job.progress == 25
    assert "disk full" in job.log
    assert not QualityReport.objects.exists()


def test_a_report_for_another_jurisdiction_is_refused(world, supervisor):
    from guomen.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.quality_report_request(actor=supervisor, period="2026-09", org_code="GZ")
    assert not JobRun.objects.exists()


def test_a_bad_format_is_refused(world, supervisor):
    from guomen.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as caught:
        services.quality_report_request(actor=supervisor, period="2026-09", fmt="doc")
    assert "format" in caught.value.fields


def test_monthly_run_makes_one_report_per_bureau_once(world, orgs):
    from guomen.reports.periods import Period

    made = services.monthly_reports_run(period=Period(2026, 9), fmt="xlsx")
    assert sorted(r.org.code for r in made) == ["GACC", "GZ", "SZ"]
    assert services.monthly_reports_run(period=Period(2026, 9), fmt="xlsx") == []


def test_next_monthly_run_is_the_first_of_next_month():
    import datetime as dt

    from django.utils import timezone

    now = timezone.make_aware(dt.datetime(2026, 12, 15, 9, 0))
    assert timezone.localtime(services.next_monthly_run(now)).strftime("%Y-%m-%d %H:%M") == "2027-01-01 02:00"


def test_command_writes_the_report(world, tmp_path):
    out = tmp_path / "sz.xlsx"
    call_command(
        "report", "quality", "--period", "2026-09", "--org", "SZ", "--format", "xlsx", "--out", str(out)
    )
    book = load_workbook(out)
    kpi_rows = {row[0]: row for row in book["考核指标"].iter_rows(min_row=2, values_only=True)}
    assert kpi_rows["检出率"][1:3] == (2, 5)


def test_command_explains_a_bad_period(world, tmp_path):
    with pytest.raises(CommandError, match="period"):
        call_command("report", "quality", "--period", "2026-9x", "--out", str(tmp_path / "x.pdf"))


def test_measures_name_the_hazard_found_in_the_watched_origin(world, supervisor, orgs):
    from .factories import inspection, pest

    for _i in range(5):
        inspection(orgs["HG"], dt.date(2026, 9, 11), "conforming", origin="BR", hs="020130")
    for _i in range(20):
        inspection(orgs["WJD"], dt.date(2026, 9, 11), "conforming")
    inspection(
        orgs["HG"], dt.date(2026, 9, 11), "non_conforming", hazard=pest("SALMON", "沙门氏菌"), origin="BR"
    )
    from django.utils import translation

    with translation.override("zh-hans"):
        story = report.build(sz_filter(supervisor))["narrative"]
    brazil = [m for m in story.measures if "BR" in m]
    assert brazil and "加严检验" in brazil[0]
    assert "克伦特罗" in brazil[0] or "沙门氏菌" in brazil[0]
    assert "橘小实蝇" not in brazil[0]


def test_xlsx_lists_the_six_seed_kpis_with_numerator_and_denominator(world, supervisor):
    book = load_workbook(io.BytesIO(report.quality_report(sz_filter(supervisor), "xlsx")))
    rows = {row[0]: row for row in book["考核指标"].iter_rows(min_row=2, values_only=True)}
    for name in ("检出率", "境外通报率", "社会投诉反馈率", "企业质量体系推广率", "分类管理率", "诚信管理率"):
        assert name in rows
    assert rows["企业质量体系推广率"][1:3] == (3, 4)
    assert rows["诚信管理率"][1:3] == (4, 4)
    assert "AA 1" in rows["诚信管理率"][9]  # of which: AA 1 (25.00%), …
    assert "2269" in rows["诚信管理率"][10]  # the seed wording
