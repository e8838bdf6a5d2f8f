"""Reports API: KPIs, statistics tables, report generation and its progress."""

import datetime as dt

from django.http import FileResponse
from ninja import Query, Router, Schema, Status

from guomen.core.files import download_doc
from guomen.core.permissions import require

from . import kpis, selectors, services
from .periods import Period
from .scope import build_filter
from .views import exportable

router = Router(tags=["reports"])


class FilterIn(Schema):
    period: str = ""
    org: str = ""
    port: str = ""
    direction: str = ""
    group: str = ""
    hs: str = ""
    origin: str = ""
    enterprise: str = ""


class ReportRateOut(Schema):
    numerator: int
    denominator: int
    rate: float | None


class KpiOut(Schema):
    key: str
    group: str
    name: str
    definition: str
    available: bool
    current: ReportRateOut | None
    previous: ReportRateOut | None
    year_ago: ReportRateOut | None
    mom_points: float | None
    yoy_points: float | None


class KpisOut(Schema):
    period: str
    org: str | None
    kpis: list[KpiOut]


class TableOut(Schema):
    key: str
    title: str
    columns: list[str]
    rows: list[list]


class ReportIn(Schema):
    period: str
    org: str = ""
    format: str = "pdf"


class ReportJobOut(Schema):
    id: int
    status: str
    progress: int
    log: str
    report_id: int | None
    download_url: str | None
    finished_at: dt.datetime | None


def _filter(request, filters: FilterIn):
    return build_filter(request.auth, filters.dict())


@router.get("/kpis", response=KpisOut)
def kpi_list(request, filters: Query[FilterIn]):
    f = _filter(request, filters)
    return {
        "period": f.period.key,
        "org": f.unit.code if f.unit else None,
        "kpis": [k.as_dict() for k in kpis.kpi_board(f)],
    }


@router.get("/tables/{name}", response=TableOut)
def table_get(request, name: str, filters: Query[FilterIn]):
    require(request.auth, "report.export")
    table = exportable(name, _filter(request, filters))
    if table is None:
        from guomen.core.errors import NotFound

        raise NotFound()
    return {
        "key": table.key,
        "title": str(table.title),
        "columns": table.header(),
        "rows": table.plain_rows(),
    }


def _job_out(request, job) -> dict:
    report_id = (job.result or {}).get("report_id")
    return {
        "id": job.pk,
        "status": job.status,
        "progress": job.progress,
        "log": job.log,
        "report_id": report_id,
        "download_url": f"/api/v1/reports/quality/{report_id}/file" if report_id else None,
        "finished_at": job.finished_at,
    }


@router.post("/quality", response={202: ReportJobOut})
def quality_request(request, payload: ReportIn):
    job = services.quality_report_request(
        actor=request.auth,
        period=payload.period or Period.current().key,
        org_code=payload.org,
        fmt=payload.format,
    )
    job.refresh_from_db()
    return Status(202, _job_out(request, job))


@router.get("/jobs/{job_id}", response=ReportJobOut)
def job_get(request, job_id: int):
    return _job_out(request, selectors.report_job_get(user=request.auth, pk=job_id))


@router.get(
    "/quality/{report_id}/file",
    openapi_extra=download_doc(
        "application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
)
def quality_file(request, report_id: int):
    saved = selectors.quality_report_get(user=request.auth, pk=report_id)
    return FileResponse(saved.file.open("rb"), as_attachment=True, filename=saved.filename)
