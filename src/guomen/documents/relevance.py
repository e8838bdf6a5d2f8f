"""Measuring search quality on a judged test collection: nDCG@5 and recall@10.

A collection is a folder with collection.json (documents, generated protocol texts, queries with graded
judgments) and the documents' text files. The demo library (documents.demo_texts) is loaded beside it, so the
template-like texts that crowd real reports out of the ranking are part of the test. Used by
bench/documents_relevance.py and by the relevance tests.
"""

import json
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

from .demo import body
from .demo_texts import DOCUMENTS
from .models import Document
from .search import document_search
from .services import document_create, document_supersede

COLLECTION = Path(__file__).resolve().parent / "tests" / "collection"
PROTOCOL = "protocol:"


@dataclass
class QueryResult:
    query: str
    ranked: list[str]
    ndcg5: float
    recall10: float


@dataclass
class Evaluation:
    queries: list[QueryResult] = field(default_factory=list)

    @property
    def ndcg5(self) -> float:
        return sum(q.ndcg5 for q in self.queries) / max(len(self.queries), 1)

    @property
    def recall10(self) -> float:
        return sum(q.recall10 for q in self.queries) / max(len(self.queries), 1)


def _create(key_of: dict, key: str, *, text: str, **data) -> Document:
    doc = document_create(data={"public": True, **data}, actor=None, text=text)
    key_of[doc.pk] = key
    return doc


def load_collection(folder: Path = COLLECTION, *, seed: int = 7) -> tuple[dict, dict[int, str]]:
    """Create the collection's documents (indexed at once); (the collection, document id → judgment key)."""
    spec = json.loads((folder / "collection.json").read_text(encoding="utf-8"))
    rng = random.Random(seed)
    key_of: dict[int, str] = {}
    by_number = {}
    for kind, number, title, issuer, _issued, _public, _hs, _countries, pests, replaces in DOCUMENTS:
        pest = "检疫性有害生物" if not pests else "有害生物"
        text = f"{title}\n" + body(
            rng, commodity="水果", country="出口国", pest=pest, paragraphs=rng.randint(8, 20)
        )
        doc = _create(
            key_of, number or title, text=text, kind=kind, number=number, title=title, issuer=issuer
        )
        by_number[number] = doc
        if replaces and replaces in by_number:
            document_supersede(document=by_number[replaces], replacement=doc, actor=None, reason="新版发布")
    for title, commodity, country, pest in spec.get("demo_protocols", []):
        text = f"{title}\n" + body(
            rng, commodity=commodity, country=country, pest=pest, paragraphs=rng.randint(10, 18)
        )
        _create(key_of, PROTOCOL + title, text=text, kind="protocol", title=title, issuer="海关总署")
    for d in spec["documents"]:
        text = (folder / "docs" / d["file"]).read_text(encoding="utf-8")
        _create(key_of, d["key"], text=f"{d['title']}\n{text}", kind=d["kind"], title=d["title"], number="")
    return spec, key_of


def judgments(relevant: dict[str, int], keys: set[str]) -> dict[str, int]:
    """Expand "protocol:*" to every generated protocol text."""
    out = {}
    for key, grade in relevant.items():
        if key == PROTOCOL + "*":
            out.update({k: grade for k in keys if k.startswith(PROTOCOL)})
        else:
            out[key] = grade
    return out


def ndcg(ranked: list[str], relevant: dict[str, int], k: int) -> float:
    gains = [(2 ** relevant.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked[:k])]
    ideal = sorted(relevant.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return sum(gains) / best if best else 0.0


def recall(ranked: list[str], relevant: dict[str, int], k: int) -> float:
    wanted = {key for key, grade in relevant.items() if grade > 0}
    return len(wanted & set(ranked[:k])) / len(wanted) if wanted else 0.0


def evaluate(spec: dict, key_of: dict[int, str]) -> Evaluation:
    keys = set(key_of.values())
    result = Evaluation()
    for query in spec["queries"]:
        relevant = judgments(query["relevant"], keys)
        hits = document_search(q=query["q"], per_page=10).hits
        ranked = [key_of.get(h.document.pk, "?") for h in hits]
        result.queries.append(
            QueryResult(query["q"], ranked, ndcg(ranked, relevant, 5), recall(ranked, relevant, 10))
        )
    return result
