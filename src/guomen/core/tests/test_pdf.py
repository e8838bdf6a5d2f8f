import shutil
import subprocess

import pytest
from django.template import engines

from guomen.core.pdf import font_css


def _render(tmp_path):
    from weasyprint import HTML

    html = (
        engines["django"]
        .from_string(
            "{% extends 'core/pdf/base.html' %}{% block body %}<h1>检验检疫不合格通知书</h1>"
            "<p>泰国榴莲检出南洋臀纹粉蚧</p>{% endblock %}"
        )
        .render({"font_css": font_css()})
    )
    path = tmp_path / "t.pdf"
    path.write_bytes(HTML(string=html).write_pdf())
    return path


def test_pdf_starts_with_the_pdf_magic(tmp_path):
    assert _render(tmp_path).read_bytes()[:5] == b"%PDF-"


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils (pdffonts) not installed")
def test_pdf_embeds_the_bundled_chinese_font(tmp_path):
    out = subprocess.run(
        ["pdffonts", str(_render(tmp_path))], capture_output=True, text=True, check=True
    ).stdout
    rows = [line for line in out.splitlines() if "Guomen-Sans" in line]
    assert rows
    assert all(line.split()[-5] == "yes" for line in rows)  # the "emb" column: embedded


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")
def test_pdf_text_is_chinese_not_boxes(tmp_path):
    out = subprocess.run(
        ["pdftotext", str(_render(tmp_path)), "-"], capture_output=True, text=True, check=True
    )
    assert "南洋臀纹粉蚧" in out.stdout
