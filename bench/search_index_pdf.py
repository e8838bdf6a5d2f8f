"""Uploading a 100-page PDF: the web request, then the background task that extracts and indexes it.

uv run python bench/search_index_pdf.py [--pages 100] [--runs 3]
           [--database-url postgres://postgres@127.0.0.1:5432/guomen_bench_pdf]

Renders a 100-page Chinese PDF with the bundled font (not timed) and, in a fresh SQLite database
(or the given PostgreSQL database, dropped first), for each run:
- posts it to the upload page (/documents/new/) as a logged-in analyst through Django's test
  client: the request stores the file and metadata and queues the indexing task (the
  django-tasks-db row written on commit) — this is what a person waits for;
- runs the queued task as `guomen worker` does (task.call with the stored arguments): pypdf
  extraction, jieba segmentation and the index write.
jieba's dictionary is loaded before the first run and timed on its own: a worker process loads it
once, on its first document. Asserts nothing.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from _common import fresh_postgres, fresh_sqlite, guomen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

PARAGRAPH = (
    "第{n}条 输华水果应当来自经出口国官方注册的果园和包装厂，包装箱上应当标注“输往中华人民共和国”字样。"
    "货物到达口岸后，海关依法实施检验检疫，核查植物检疫证书，发现南洋臀纹粉蚧、大洋臀纹粉蚧等检疫性有害生物的，"
    "对该批货物作退运、销毁或除害处理。农药残留应当符合 GB 2763-2021 的规定，污染物应当符合 GB 2762-2022 的规定。"
)


def make_pdf(pages: int) -> bytes:
    from guomen.core.pdf import render_pdf

    paragraphs = [PARAGRAPH.format(n=n) for n in range(1, int(pages * 9.5) + 1)]
    return render_pdf(
        "documents/pdf/test_document.html", {"title": "进境水果检验检疫规程", "paragraphs": paragraphs}
    )


def analyst():
    from guomen.accounts.choices import OrgKind, Role
    from guomen.accounts.tests.factories import OrgUnitFactory, UserFactory

    gacc = OrgUnitFactory(code="GACC", name="海关总署", kind=OrgKind.GENERAL_BUREAU)
    sz = OrgUnitFactory(code="SZ", name="深圳局", kind=OrgKind.BRANCH_BUREAU, parent=gacc)
    return UserFactory(username="analyst_sz", role=Role.RISK_ANALYST, org=sz)


def upload(client, data: bytes, n: int):
    """POST the upload form; returns (seconds, document)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from guomen.documents.models import Document

    form = {"kind": "industry_standard", "number": f"SN/T {9000 + n}-2025", "title": "进境水果检验检疫规程",
            "file": SimpleUploadedFile("rules.pdf", data, content_type="application/pdf")}  # fmt: skip
    started = time.perf_counter()
    response = client.post("/documents/new/", form)
    seconds = time.perf_counter() - started
    if response.status_code != 302:
        raise SystemExit(f"upload answered {response.status_code}")
    return seconds, Document.objects.get(number=form["number"])


def run_queued_task(doc_id: int) -> tuple[float, float, str]:
    """Run the document's queued indexing task as the worker does; (wall s, CPU s, state reached)."""
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(task_path__endswith="document_index_task", status="READY")
    task_result = next(r for r in queued.order_by("enqueued_at") if r.args_kwargs["args"][0] == doc_id)
    t, c = time.perf_counter(), time.process_time()
    state = task_result.task.call(*task_result.args_kwargs["args"], **task_result.args_kwargs["kwargs"])
    return time.perf_counter() - t, time.process_time() - c, state


def run(pages: int = 100, runs: int = 3, database_url: str | None = None) -> dict:
    url = fresh_postgres(database_url) if database_url else fresh_sqlite("search-pdf")
    guomen(url, "migrate", "-v0")
    os.environ["GUOMEN_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    import django

    django.setup()
    from django.test import Client

    from guomen.documents.extraction import index_tokens
    from guomen.documents.search import document_search

    started = time.perf_counter()
    index_tokens("检疫")
    jieba_s = time.perf_counter() - started
    started = time.perf_counter()
    data = make_pdf(pages)
    print(
        f"rendered a {len(data) / 1e6:.1f} MB PDF in {time.perf_counter() - started:.1f} s (not part of the figure)"
    )
    client = Client()
    client.force_login(analyst())
    client.get("/documents/")  # the first request loads the views and templates; not part of the figure
    requests, seconds, cpu = [], [], []
    for n in range(runs):
        request_s, doc = upload(client, data, n)
        requests.append(request_s)
        before = doc.index_state
        waiting = document_search(q="粉蚧").total
        task_s, task_cpu, state = run_queued_task(doc.pk)
        seconds.append(task_s)
        cpu.append(task_cpu)
        doc.refresh_from_db()
        print(f"run {n + 1}: upload request {request_s * 1000:.0f} ms (state {before}, "
              f"search finds {waiting} before indexing); task {task_s:.2f} s wall, {task_cpu:.2f} s CPU → {state}: "
              f"{doc.pages} pages, {len(doc.text):,} characters, {len(doc.index_body.split()):,} tokens")  # fmt: skip
    print(f"search for 粉蚧 finds {document_search(q='粉蚧').total} documents")
    summary = {"pages": doc.pages, "chars": len(doc.text),
               "request_median_ms": statistics.median(requests) * 1000, "jieba_load_s": jieba_s,
               "task_median_s": statistics.median(seconds), "task_cpu_s": statistics.median(cpu)}  # fmt: skip
    print(f"\nuploading a {doc.pages}-page PDF ({len(data) / 1e6:.1f} MB): request {summary['request_median_ms']:.0f} ms "
          f"(median of {runs}); indexing task {summary['task_median_s']:.2f} s wall / {summary['task_cpu_s']:.2f} s CPU "
          f"(median; a worker's first document also loads jieba's dictionary, {jieba_s:.2f} s); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")  # fmt: skip
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", help="a PostgreSQL URL instead of SQLite (dropped first)")
    options = parser.parse_args()
    run(options.pages, options.runs, options.database_url)


if __name__ == "__main__":
    main()
