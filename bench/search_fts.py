"""Document search over 10,000 generated documents (≈ 50 million characters), SQLite or PostgreSQL.

uv run python bench/search_fts.py [--documents 10000] [--chars 5000] [--reuse]
           [--database-url postgres://postgres@127.0.0.1:5432/guomen_bench_search]

Builds var/bench/search.sqlite3 (or the given database, dropped first), fills it with documents
whose text is drawn from an inspection-and-quarantine vocabulary (Zipf-like word frequencies, so
words such as 检疫 occur in most documents), indexes them through the search service's tables,
then times document_search() — ranking, counting and snippets included — for a mix of queries.
Prints figures; asserts nothing.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

from _common import BENCH_DIR, fresh_postgres, fresh_sqlite, guomen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

WORDS = [
    "检疫",
    "检验",
    "进境",
    "出境",
    "水果",
    "榴莲",
    "山竹",
    "龙眼",
    "火龙果",
    "樱桃",
    "葡萄",
    "柑橘",
    "猕猴桃",
    "鳄梨",
    "粮食",
    "大豆",
    "玉米",
    "冷链",
    "食品",
    "肉类",
    "水产品",
    "乳制品",
    "婴幼儿",
    "配方",
    "奶粉",
    "农药",
    "残留",
    "限量",
    "污染物",
    "致病菌",
    "标签",
    "中文",
    "包装",
    "注册",
    "果园",
    "包装厂",
    "议定书",
    "要求",
    "官方",
    "证书",
    "植物",
    "动物",
    "有害生物",
    "实蝇",
    "粉蚧",
    "蠹蛾",
    "病菌",
    "除害",
    "处理",
    "冷处理",
    "熏蒸",
    "退运",
    "销毁",
    "放行",
    "查验",
    "抽样",
    "实验室",
    "检测",
    "结果",
    "合格",
    "不合格",
    "风险",
    "预警",
    "通报",
    "监管",
    "企业",
    "进口商",
    "出口商",
    "备案",
    "信用",
    "等级",
    "黑名单",
    "召回",
    "标准",
    "规定",
    "办法",
    "条例",
    "公告",
    "海关",
    "口岸",
    "批次",
    "货物",
    "集装箱",
    "运输",
    "温度",
    "记录",
    "追溯",
    "生产",
    "加工",
    "储存",
    "销售",
    "消费者",
    "投诉",
    "举报",
    "处罚",
    "许可",
    "审批",
    "境外",
    "国家",
    "地区",
    "quarantine",
    "inspection",
    "import",
    "export",
    "fruit",
    "pest",
    "residue",
    "limit",
    "label",
    "certificate",
]
KINDS = ["regulation", "national_standard", "industry_standard", "international_standard",
         "foreign_standard", "protocol", "notice"]  # fmt: skip
QUERIES = [
    ("2-character word, in most documents", {"q": "检疫"}),
    ("2-character word, rarer", {"q": "熏蒸"}),
    ("two words", {"q": "农药 残留"}),
    ("phrase cut by jieba", {"q": "进境水果检疫要求"}),
    ("English word", {"q": "quarantine"}),
    ("standard number without year (did you mean)", {"q": "GB 2763"}),
    ("exact standard number", {"q": "GB 2763-2021"}),
    ("word + type + in force filters", {"q": "标签", "kind": "national_standard", "in_force": True}),
    ("word + commodity + country filters", {"q": "检疫", "hs": "081060", "country": "TH"}),
    ("hostile: FTS syntax", {"q": '"检疫" OR NEAR(水果 榴莲) * ^标签 col:x'}),
    ("hostile: 5,000 characters", {"q": "检疫" * 2500}),
    ("no match", {"q": "不存在的词语组合"}),
]


def setup_django(database_url: str) -> None:
    os.environ["GUOMEN_DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guomen.settings.base")
    os.environ.setdefault("GUOMEN_DEBUG", "0")
    import django

    django.setup()


def vocabulary_and_weights(size: int = 30_000) -> tuple[list[str], list[float]]:
    """jieba's dictionary words with their corpus frequencies, plus the domain words made common."""
    import itertools

    import jieba

    entries = []
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as handle:
        for line in handle:
            word, freq, _tag = line.split(" ")
            entries.append((int(freq), word))
    entries.sort(reverse=True)
    entries = entries[:size]
    domain_freq = entries[300][0]
    words = [w for _f, w in entries] + WORDS
    freqs = [f for f, _w in entries] + [domain_freq] * len(WORDS)
    return words, list(itertools.accumulate(freqs))


def generate(count: int, chars: int, seed: int = 11) -> float:
    """Insert `count` documents with text and jieba tokens, then build the index. Returns seconds."""
    from django.db import connection, transaction
    from django.utils import timezone

    from guomen.catalog.models import Country, HsCode
    from guomen.documents.extraction import index_tokens, normalise_number
    from guomen.documents.models import Document
    from guomen.documents.search import backend

    rng = random.Random(seed)
    vocabulary, weights = vocabulary_and_weights()
    token_of = {w: index_tokens(w) for w in vocabulary}
    durian = HsCode.objects.get_or_create(
        code="081060", defaults={"level": 6, "name_en": "Durians", "name_zh": "榴莲"}
    )[0]
    thailand = Country.objects.get_or_create(code="TH", defaults={"alpha3": "THA", "name_en": "Thailand"})[0]
    started = time.perf_counter()
    now = timezone.now()
    batch, total_chars = [], 0
    for n in range(count):
        words = rng.choices(vocabulary, cum_weights=weights, k=int(chars / 1.55))
        parts = []
        for i in range(0, len(words), 14):
            parts.append("".join(words[i : i + 14]) + "。")
        text = "".join(parts)[:chars]
        body = " ".join(token_of[w] for w in words)
        kind = KINDS[n % len(KINDS)]
        number = f"GB {2000 + n % 7000}-{2005 + n % 19}" if kind == "national_standard" else ""
        if n == 5:
            number = "GB 2763-2021"
        title = f"{rng.choice(WORDS)}{rng.choice(WORDS)}{rng.choice(['管理办法', '检验规程', '通知', '要求', '标准'])} 第{n}号"
        norm, base = normalise_number(number)
        batch.append(Document(
            kind=kind, number=number, number_norm=norm, number_base=base, title=title, text=text,
            status="in_force" if n % 10 else "superseded", public=n % 3 == 0,
            index_title=index_tokens(f"{number} {title}"), index_body=body, indexed_at=now,
        ))  # fmt: skip
        total_chars += len(text)
        if len(batch) == 500:
            Document.objects.bulk_create(batch)
            batch = []
    Document.objects.bulk_create(batch)
    through = Document.commodities.through
    ids = list(Document.objects.filter(kind="protocol").values_list("id", flat=True)[:300])
    through.objects.bulk_create([through(document_id=i, hscode_id=durian.code) for i in ids])
    Document.countries.through.objects.bulk_create(
        [Document.countries.through(document_id=i, country_id=thailand.code) for i in ids[:150]]
    )
    engine = backend()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"INSERT INTO {engine.table}({engine.table}) VALUES ('rebuild')")
        else:
            for doc in Document.objects.values("id", "index_title", "index_body").iterator(chunk_size=500):
                engine.add(cursor, doc["id"], doc["index_title"], doc["index_body"])
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {engine.table}({engine.table}) VALUES ('optimize')")
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"generated {count:,} documents, {total_chars:,} characters in {time.perf_counter() - started:.1f} s"
    )
    return time.perf_counter() - started


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def time_queries(rounds: int) -> dict:
    from django.db import connection

    from guomen.documents.search import document_search

    all_ms, all_cpu, rows = [], [], []
    for label, params in QUERIES:
        document_search(**params)  # warm caches
        samples, cpu = [], []
        for _i in range(rounds):
            t, c = time.perf_counter(), time.process_time()
            result = document_search(**params)
            samples.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        all_ms += samples
        all_cpu += cpu
        rows.append(
            (label, result.total, statistics.median(samples), percentile(samples, 95), percentile(cpu, 95))
        )
    print(
        f"\n| query ({connection.vendor}) | matches | p50 ms | p95 ms | p95 CPU ms |\n|---|---|---|---|---|"
    )
    for label, total, p50, p95, p95cpu in rows:
        print(f"| {label} | {total:,} | {p50:.1f} | {p95:.1f} | {p95cpu:.1f} |")
    summary = {
        "engine": connection.vendor,
        "p50_ms": statistics.median(all_ms),
        "p95_ms": percentile(all_ms, 95),
        "p95_cpu_ms": percentile(all_cpu, 95),
    }
    print(
        f"\nall queries ({len(all_ms)} searches): p50 {summary['p50_ms']:.1f} ms, p95 {summary['p95_ms']:.1f} ms "
        f"(p95 CPU {summary['p95_cpu_ms']:.1f} ms); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    return summary


def run(documents: int = 10_000, chars: int = 5_000, rounds: int = 30, reuse: bool = False,
        database_url: str | None = None) -> dict:  # fmt: skip
    path = BENCH_DIR / "search.sqlite3"
    if database_url:
        url = fresh_postgres(database_url) if not reuse else database_url
    else:
        url = f"sqlite:///{path}" if reuse and path.exists() else fresh_sqlite("search")
    guomen(url, "migrate", "-v0")  # a reused database gets migrations added since it was built
    setup_django(url)
    from guomen.documents.models import Document

    if not Document.objects.exists():
        generate(documents, chars)
    return time_queries(rounds)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--chars", type=int, default=5_000, help="characters per document")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--reuse", action="store_true", help="reuse the database of an earlier run")
    parser.add_argument("--database-url", help="a PostgreSQL URL instead of SQLite (dropped first)")
    options = parser.parse_args()
    run(options.documents, options.chars, options.rounds, options.reuse, options.database_url)


if __name__ == "__main__":
    main()
