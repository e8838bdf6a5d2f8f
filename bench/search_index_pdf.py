"""Indexing a 100-page PDF: text extraction (pypdf), jieba segmentation and the index write.

uv run python bench/search_index_pdf.py [--pages 100] [--runs 3]
           [--database-url postgres://postgres@127.0.0.1:5432/guomen_bench_pdf]

Renders a 100-page Chinese PDF with the bundled font (not timed), then times document_create()
on it — the same service the upload page and API call — in a fresh SQLite database (or the given
PostgreSQL database, dropped first). The first run also pays for loading jieba's dictionary; both
figures are printed. Asserts nothing.
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


def run(pages: int = 100, runs: int = 3, database_url: str | None = None) -> dict:
    url = fresh_postgres(database_url) if database_url else fresh_sqlite("search-pdf")
    guomen(url, "migrate", "-v0")
    os.environ["GUOMEN_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    import django

    django.setup()
    from guomen.documents.search import document_search
    from guomen.documents.services import document_create

    started = time.perf_counter()
    data = make_pdf(pages)
    print(
        f"rendered a {len(data) / 1e6:.1f} MB PDF in {time.perf_counter() - started:.1f} s (not part of the figure)"
    )
    seconds, cpu = [], []
    for n in range(runs):
        t, c = time.perf_counter(), time.process_time()
        doc = document_create(
            data={
                "kind": "industry_standard",
                "number": f"SN/T {9000 + n}-2025",
                "title": "进境水果检验检疫规程",
            },
            actor=None,
            file_name="rules.pdf",
            file_bytes=data,
        )
        seconds.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        print(f"run {n + 1}: {doc.pages} pages, {len(doc.text):,} characters, "
              f"{len(doc.index_body.split()):,} tokens, {seconds[-1]:.2f} s wall, {cpu[-1]:.2f} s CPU")  # fmt: skip
    print(f"search for 粉蚧 finds {document_search(q='粉蚧').total} documents")
    summary = {"pages": doc.pages, "chars": len(doc.text), "first_s": seconds[0],
               "warm_median_s": statistics.median(seconds[1:] or seconds),
               "warm_cpu_s": statistics.median(cpu[1:] or cpu)}  # fmt: skip
    print(f"\nindexing a {doc.pages}-page PDF: first run {summary['first_s']:.2f} s (loads jieba's dictionary), "
          f"then {summary['warm_median_s']:.2f} s wall / {summary['warm_cpu_s']:.2f} s CPU (median); "
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
