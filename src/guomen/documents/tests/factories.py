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


def encrypted_pdf_bytes(paragraphs: list[str], password: str = "secret") -> bytes:
    """A real PDF that opens only with a password."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(paragraphs))))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def scanned_pdf_bytes(pages: int = 2) -> bytes:
    """A PDF with pages but no text layer, as a scanner makes."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _n in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload_document(*, actor=None, file_name: str, file_bytes: bytes, title="进境水果检疫规程", **extra):
    """A document uploaded with a file through the service; its indexing is queued, not yet run."""
    data = {"kind": "industry_standard", "title": title, **extra}
    return document_create(data=data, actor=actor, file_name=file_name, file_bytes=file_bytes)
