"""Search behaviour a person notices: words found, numbers first, snippets, filters, no errors."""

import pytest

from guomen.catalog.tests.factories import CountryFactory, HsCodeFactory
from guomen.documents.search import document_search

from .factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    gb2021 = make_document(
        kind="national_standard",
        number="GB 2763-2021",
        title="食品安全国家标准 食品中农药最大残留限量",
        text="本标准规定了食品中2,4-滴等564种农药的10092项最大残留限量。",
    )
    gb2019 = make_document(
        kind="national_standard",
        number="GB 2763-2019",
        title="食品安全国家标准 食品中农药最大残留限量（2019年版）",
        text="旧版农药残留限量标准。",
    )
    law = make_document(
        title="中华人民共和国进出境动植物检疫法",
        text="为防止动物传染病、寄生虫病和植物危险性病、虫、杂草以及其他有害生物传入、传出国境，制定本法。"
        "进境植物、植物产品应当实施检疫。 Plant quarantine applies to every consignment.",
    )
    citing = make_document(
        title="关于进口水果农药残留监测的通知",
        kind="notice",
        text="依据 GB 2763 的规定开展监测，GB 2763 相关限量见附件。" * 3,
    )
    return {"gb2021": gb2021, "gb2019": gb2019, "law": law, "citing": citing}


def test_a_two_character_word_inside_a_longer_word_is_found(library):
    result = document_search(q="检疫")
    assert library["law"] in [h.document for h in result.hits]


def test_english_words_are_found_case_insensitively(library):
    result = document_search(q="QUARANTINE")
    assert [h.document for h in result.hits] == [library["law"]]


def test_the_exact_standard_number_ranks_first(library):
    result = document_search(q="GB 2763-2021")
    assert result.hits[0].document == library["gb2021"]
    assert result.hits[0].exact


def test_a_number_without_its_year_suggests_the_editions(library):
    result = document_search(q="GB 2763")
    assert [d.number for d in result.suggestions][:2] == ["GB 2763-2019", "GB 2763-2021"] or {
        d.number for d in result.suggestions
    } == {"GB 2763-2019", "GB 2763-2021"}
    assert {h.document.number for h in result.hits[:2]} == {"GB 2763-2021", "GB 2763-2019"}


def test_the_edition_in_force_is_suggested_first(library, admin_user):
    from guomen.documents.services import document_supersede

    document_supersede(document=library["gb2019"], replacement=library["gb2021"], actor=admin_user)
    result = document_search(q="gb 2763")
    assert result.suggestions[0].number == "GB 2763-2021"


def test_snippets_mark_the_words_and_escape_the_text(library):
    make_document(title="标签检查", text="<script>alert(1)</script> 检查中文标签是否齐全。")
    hit = document_search(q="标签").hits[0]
    assert "<mark>标签</mark>" in hit.snippet_html
    assert "<script>" not in hit.snippet_html


@pytest.mark.parametrize(
    "query",
    [
        '"检疫',
        "检疫 OR",
        "NEAR(检疫 农药, 2)",
        "title:检疫",
        "检疫*",
        "^检疫",
        "'; DROP TABLE documents_document; --",
        "\\\\\" ' ( ) { } [ ] : - + ~",
        "检疫" * 3000,
        "",
        "   ",
        "\x00检疫",
    ],
)
def test_hostile_queries_never_error(library, query):
    result = document_search(q=query)
    assert result.total >= 0


def test_all_words_are_required_before_any_word_is_enough(library):
    strict = document_search(q="农药 残留")
    assert {h.document for h in strict.hits} >= {library["gb2021"], library["gb2019"]}
    assert not strict.loosened
    loose = document_search(q="农药 寄生虫")
    assert loose.loosened and loose.total >= 2


def test_filters_by_type_in_force_commodity_and_country(library, admin_user):
    thailand = CountryFactory(code="TH")
    durian = HsCodeFactory(code="081060")
    protocol = make_document(
        kind="protocol", title="泰国鲜榴莲输华植物检疫要求", commodities=[durian], countries=[thailand]
    )
    assert [h.document for h in document_search(q="检疫", kind="protocol").hits] == [protocol]
    assert [h.document for h in document_search(q="检疫", hs="0810").hits] == [protocol]
    assert [h.document for h in document_search(q="检疫", hs="08106000").hits] == [protocol]
    assert [h.document for h in document_search(q="检疫", country="th").hits] == [protocol]
    assert document_search(q="检疫", country="VN").total == 0
    from guomen.documents.services import document_supersede

    document_supersede(document=library["gb2019"], replacement=library["gb2021"], actor=admin_user)
    in_force = document_search(q="农药", in_force=True)
    assert library["gb2019"] not in [h.document for h in in_force.hits]


def test_public_search_only_returns_public_documents(library):
    secret = make_document(title="内部布控参数说明", text="检疫内部资料")
    public = make_document(title="公开检疫须知", text="检疫须知", public=True)
    found = [h.document for h in document_search(q="检疫", public_only=True).hits]
    assert public in found and secret not in found


def test_editing_a_document_replaces_its_index_entry(library, admin_user):
    from guomen.documents.services import document_update

    law = library["law"]
    document_update(document=law, data={"title": "动植物防疫条例"}, actor=admin_user)
    assert law not in [h.document for h in document_search(q="中华人民共和国").hits]
    assert law in [h.document for h in document_search(q="防疫").hits]
