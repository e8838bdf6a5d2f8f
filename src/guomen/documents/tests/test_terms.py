"""The bureau's search terms: a data file an administrator can extend, and simplified/traditional folding."""

from guomen.documents.extraction import index_tokens, query_tokens
from guomen.documents.terms import TERMS_FILE, extra_terms_file, fold, read_terms


def test_the_terms_file_lists_the_bureaus_terms():
    words = {w for w, _f, _t in read_terms(TERMS_FILE)}
    assert {"双随机一公开", "双随机", "一公开", "质量三率", "监管三率", "口岸天平", "三包", "黑名单"} <= words


def test_an_administrators_file_is_read_with_comments_and_traditional_forms_folded(tmp_path):
    path = tmp_path / "terms.txt"
    path.write_text("# 本局术语\n跨境電商 20000 n\n查验指令\n", encoding="utf-8")
    assert read_terms(path) == [("跨境电商", 20000, "n"), ("查验指令", None, None)]


def test_the_administrators_file_is_named_by_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("GUOMEN_SEARCH_TERMS", str(tmp_path / "mine.txt"))
    assert extra_terms_file() == tmp_path / "mine.txt"


def test_terms_stay_whole_in_queries():
    assert query_tokens("双随机") == ["双随机"]
    assert query_tokens("口岸天平") == ["口岸天平"]


def test_a_long_term_yields_the_terms_inside_it_in_the_index():
    tokens = index_tokens("推行双随机一公开，检出检疫性有害生物").split()
    assert {"双随机", "一公开", "双随机一公开", "有害生物"} <= set(tokens)


def test_traditional_text_is_indexed_in_simplified_form():
    assert "质量月" in index_tokens("全面啟動2017年“質(zhì)量月”活動").split()
    assert fold("風險預警") == "风险预警"
