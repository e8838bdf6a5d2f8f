"""The same search gives the same documents on SQLite and PostgreSQL.

This module runs on both databases (`make test` runs the suite on each): every expectation below is
written once, so a difference between the two engines fails on the one that differs.
"""

import io

import pytest
from django.core.management import call_command

from guomen.documents.models import Document
from guomen.documents.search import document_search

from .factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf():
    return {
        "durian": make_document(
            kind="protocol",
            title="泰国鲜榴莲输华植物检疫要求",
            text="榴莲应来自注册果园和包装厂。检疫性有害生物包括实蝇。",
        ),
        "cold": make_document(
            title="冷处理操作规程", text="柑橘冷处理期间连续记录果肉温度，必要时改为熏蒸。"
        ),
        "fumigation": make_document(
            title="熏蒸处理技术规范", text="溴甲烷熏蒸应在密闭条件下进行。熏蒸结束后通风散毒。"
        ),
        "label": make_document(
            kind="national_standard",
            number="GB 7718-2011",
            title="预包装食品标签通则",
            text="标签应使用规范汉字。进口食品应有中文标签。",
        ),
        "english": make_document(
            title="Plant quarantine measures",
            text="Every consignment of fresh fruit is subject to plant quarantine at the port of entry.",
        ),
    }


def found(**params) -> set[str]:
    return {h.document.title for h in document_search(**params).hits}


@pytest.mark.parametrize(
    ("params", "titles"),
    [
        ({"q": "熏蒸"}, {"熏蒸处理技术规范", "冷处理操作规程"}),
        ({"q": "检疫"}, {"泰国鲜榴莲输华植物检疫要求"}),
        ({"q": "榴莲 实蝇"}, {"泰国鲜榴莲输华植物检疫要求"}),
        ({"q": "冷处理 温度"}, {"冷处理操作规程"}),
        ({"q": "中文标签"}, {"预包装食品标签通则"}),
        ({"q": "quarantine"}, {"Plant quarantine measures"}),
        ({"q": "FRUIT Entry"}, {"Plant quarantine measures"}),
        ({"q": "标签", "kind": "national_standard", "in_force": True}, {"预包装食品标签通则"}),
        ({"q": "熏蒸", "kind": "protocol"}, set()),
        ({"q": "不存在的词语"}, set()),
    ],
)
def test_a_query_finds_the_same_documents_on_every_database(shelf, params, titles):
    result = document_search(**params)
    assert {h.document.title for h in result.hits} == titles
    assert result.total == len(titles)


def test_a_query_whose_words_never_meet_is_loosened_to_the_same_documents(shelf):
    result = document_search(q="熏蒸 榴莲")
    assert result.loosened
    assert found(q="熏蒸 榴莲") == {"熏蒸处理技术规范", "冷处理操作规程", "泰国鲜榴莲输华植物检疫要求"}


def test_a_word_in_the_title_ranks_above_the_same_word_in_the_text(shelf):
    hits = document_search(q="熏蒸").hits
    assert [h.document for h in hits] == [shelf["fumigation"], shelf["cold"]]


def test_a_document_that_repeats_the_word_ranks_above_one_that_mentions_it_once():
    once = make_document(
        title="到港货物处置", text="货物到港后消毒。集装箱检查。包装检查。车辆检查。人员检查。"
    )
    often = make_document(
        title="到港货物处置", text="货物到港后消毒。集装箱消毒。包装消毒。车辆消毒。人员消毒。"
    )
    assert [h.document for h in document_search(q="消毒").hits] == [often, once]


def test_pages_split_the_same_total_without_repeating_a_document():
    for n in range(23):
        make_document(kind="notice", title=f"关于做好通关工作的通知 第{n}号", text="做好通关服务。")
    first, second = document_search(q="通关", page=1), document_search(q="通关", page=2)
    beyond = document_search(q="通关", page=5)
    assert (first.total, second.total, beyond.total) == (23, 23, 23)
    assert (len(first.hits), len(second.hits), len(beyond.hits)) == (20, 3, 0)
    assert not {h.document.pk for h in first.hits} & {h.document.pk for h in second.hits}


def test_reindexing_makes_documents_stored_without_an_index_entry_findable_and_ranked():
    in_text = Document.objects.create(kind="notice", title="冻品到港通知", text="进口冷链冻品外包装须消毒。")
    in_title = Document.objects.create(kind="notice", title="冻品外包装消毒规范", text="按规范操作。")
    assert document_search(q="消毒").total == 0

    out = io.StringIO()
    call_command("documents-reindex", stdout=out)

    assert "re-indexed 2 documents" in out.getvalue()
    assert [h.document for h in document_search(q="消毒").hits] == [in_title, in_text]
