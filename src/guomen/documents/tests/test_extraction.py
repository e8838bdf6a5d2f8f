"""Text comes out of real PDF, DOCX and text files; anything else is refused naming the file field."""

import pytest

from guomen.core.errors import ValidationFailed
from guomen.documents.extraction import extract_text, index_tokens, normalise_number, query_tokens

from .factories import docx_bytes, pdf_bytes


def test_pdf_rendered_with_the_bundled_font_gives_back_its_chinese_text():
    data = pdf_bytes(["进境水果须经检疫合格后方可放行。", "GB 2763-2021 规定了农药最大残留限量。"])
    extracted = extract_text(data, "办法.pdf")
    assert "检疫合格" in extracted.text.replace(" ", "")
    assert "2763" in extracted.text
    assert extracted.pages == 1


def test_docx_paragraphs_and_table_cells_are_extracted():
    data = docx_bytes(["动植物检疫要求", "输华标识"], table=[["有害生物", "南洋臀纹粉蚧"]])
    text = extract_text(data, "要求.docx").text
    assert "动植物检疫要求" in text
    assert "南洋臀纹粉蚧" in text


def test_plain_text_in_gb18030_is_decoded():
    assert "检疫" in extract_text("检疫要求".encode("gb18030"), "notice.txt").text


@pytest.mark.parametrize(
    ("data", "name"), [(b"%PDF-1.4 broken", "bad.pdf"), (b"not a zip", "bad.docx"), (b"x", "x.exe")]
)
def test_a_damaged_or_unsupported_file_is_refused_on_the_file_field(data, name):
    with pytest.raises(ValidationFailed) as exc:
        extract_text(data, name)
    assert "file" in exc.value.fields


def test_index_tokens_keep_two_character_words_inside_longer_words():
    tokens = index_tokens("进出境动植物检验检疫").split()
    assert "检疫" in tokens and "检验" in tokens


def test_query_tokens_drop_search_syntax():
    assert query_tokens('"检疫" AND (NEAR* ^col:x)') == ["检疫", "and", "near", "col", "x"]


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("GB 2763-2021", ("GB2763-2021", "GB2763")),
        ("gb 2763", ("GB2763", "GB2763")),
        ("GB/T 191—2008", ("GB/T191-2008", "GB/T191")),
        ("ISO 22000:2018", ("ISO22000-2018", "ISO22000")),
        ("检疫", ("", "")),
    ],
)
def test_standard_numbers_are_normalised(number, expected):
    assert normalise_number(number) == expected
