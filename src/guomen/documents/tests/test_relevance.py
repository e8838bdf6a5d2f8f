"""Search answers what users type, measured on the judged collection (tests/collection): the bureau's terms stay
whole, traditional and simplified characters find each other, titles and current editions come first."""

import pytest

from guomen.documents.relevance import evaluate, load_collection
from guomen.documents.search import document_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def collection():
    return load_collection()


def top(key_of, query: str, n: int = 10) -> list[str]:
    return [key_of[h.document.pk] for h in document_search(q=query, per_page=n).hits]


def test_the_judged_collection_reaches_ndcg5_of_at_least_0_8(collection):
    result = evaluate(*collection)
    assert result.ndcg5 >= 0.8, [(q.query, round(q.ndcg5, 2)) for q in result.queries]


def test_shuang_suiji_finds_the_spot_check_documents_not_the_weekend(collection):
    _spec, key_of = collection
    found = top(key_of, "双随机")
    assert set(found[:2]) == {"srs_report", "srs_rules"}
    assert "weekend" not in found


def test_yi_gongkai_finds_the_spot_check_documents_before_general_openness(collection):
    _spec, key_of = collection
    found = top(key_of, "一公开")
    assert set(found[:2]) == {"srs_report", "srs_rules"}
    assert "info_public" not in found


def test_orchard_queries_rank_the_orchard_report_above_template_texts(collection):
    _spec, key_of = collection
    assert top(key_of, "果园")[0] == "orchard"
    assert top(key_of, "果园 有害生物")[0] == "orchard"


def test_simplified_query_finds_the_traditional_report_and_the_other_way_round(collection):
    _spec, key_of = collection
    assert "seed003" in top(key_of, "质量月")[:3]
    assert "seed000" in top(key_of, "質量月")[:3]
    assert top(key_of, "风险预警")[0] == top(key_of, "風險預警")[0] == "seed002"


def test_the_current_edition_ranks_above_the_superseded_one(collection):
    _spec, key_of = collection
    assert top(key_of, "农药最大残留限量")[:2] == ["GB 2763-2021", "GB 2763-2019"]


def test_traditional_text_is_highlighted_for_a_simplified_query(collection):
    hit = next(h for h in document_search(q="风险预警").hits)
    assert "<mark>風險預警</mark>" in hit.snippet_html
