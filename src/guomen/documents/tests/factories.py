import io

from guomen.documents.services import document_create


def make_document(*, title="进境水果检验检疫监督管理办法", number="", kind="regulation", text="", **extra):
    """A document created through the service (so it is indexed), as a system process would."""
    data = {"kind": kind, "number": number, "title": title, **extra}
    return document_create(data=data, actor=None, text=text or f"{title}。本办法适用于进境水果的检疫。")


def pdf_bytes(paragraphs: list[str], title: str = "检验检疫文件") -> bytes:
    """A real PDF rendered with the bundled Chinese font."""
    from guomen.core.pdf import render_pdf

    return render_pdf("documents/pdf/test_document.html", {"title": title, "paragraphs": paragraphs})


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    from docx import Document as DocxDocument

    doc = DocxDocument()
    for p in paragraphs:
        doc.add_paragraph(p)
    if table:
        grid = doc.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
