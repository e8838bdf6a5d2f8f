"""Text out of uploaded files (PDF via pypdf, DOCX via python-docx, plain text) and jieba tokens."""

import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from guomen.core.errors import ValidationFailed

from .choices import IndexFailure
from .terms import fold, inner_terms, jieba

SUPPORTED = {".pdf", ".docx", ".txt", ".md"}
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"[ \t\u3000]+")
# Pinyin in brackets after a character (質(zhì)量月) splits the word: dropped before segmenting.
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")
STANDARD_NUMBER = re.compile(
    r"^\s*(?P<prefix>[A-Za-z]{1,6}(?:\s*/\s*[A-Za-z]{1,4})?)\s*(?P<num>\d+(?:[.\-]\d+)*?)"
    r"(?:\s*[-:：—]\s*(?P<year>(?:19|20)\d{2}))?\s*$"
)


class ExtractionFailed(ValidationFailed):
    """No text could be taken out of a file: a ValidationFailed on the `file` field that also says why
    (`reason`, an IndexFailure value), so a background task can record it on the document."""

    def __init__(self, reason: str, message):
        self.reason = reason
        super().__init__(fields={"file": [message]})


@dataclass
class Extracted:
    text: str
    pages: int


def _pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (FileNotDecryptedError, DependencyError) as exc:
        # A PDF with an empty user password opens by itself; any other is refused, as is one
        # whose cipher needs a library that is not installed.
        raise ExtractionFailed(IndexFailure.ENCRYPTED, _("The PDF is protected with a password.")) from exc
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ExtractionFailed(IndexFailure.UNREADABLE, _("The PDF file cannot be read.")) from exc
    return Extracted("\n\n".join(pages), len(pages))


def _docx(data: bytes) -> Extracted:
    from docx import Document as DocxDocument

    from guomen.core.archives import ArchiveRefused, check_archive

    try:
        check_archive(data)
    except ArchiveRefused as exc:
        raise ExtractionFailed(IndexFailure.UNREADABLE, str(exc)) from exc
    try:
        doc = DocxDocument(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several unrelated types for a damaged file
        raise ExtractionFailed(IndexFailure.UNREADABLE, _("The Word (DOCX) file cannot be read.")) from exc
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return Extracted("\n".join(p for p in parts if p.strip()), 0)


def _plain(data: bytes) -> Extracted:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return Extracted(data.decode(encoding), 0)
        except UnicodeDecodeError:
            continue
    raise ExtractionFailed(IndexFailure.ENCODING, _("The text file is neither UTF-8 nor GB18030."))


def check_supported(filename: str) -> str:
    """The file's suffix if it is a kind whose text can be extracted; otherwise refused naming the field."""
    suffix = Path(filename or "").suffix.lower()
    if suffix not in SUPPORTED:
        raise ValidationFailed(fields={"file": [_("Upload a PDF, DOCX or text file.")]})
    return suffix


def extract_text(data: bytes, filename: str) -> Extracted:
    """The text of a PDF, DOCX or text file; a file of another kind is refused naming the field, and
    one that cannot be read raises ExtractionFailed saying why."""
    suffix = check_supported(filename)
    reader = {".pdf": _pdf, ".docx": _docx}.get(suffix, _plain)
    extracted = reader(data)
    text = "\n".join(_SPACES.sub(" ", line).strip() for line in extracted.text.splitlines())
    return Extracted(re.sub(r"\n{3,}", "\n\n", text).strip(), extracted.pages)


def index_tokens(text: str) -> str:
    """Search-mode jieba tokens of the text folded to simplified characters, lower-cased, space-joined:
    檢驗檢疫 → 检验 检疫 检验检疫; the bureau's terms (terms.py) stay whole: 双随机一公开 → 双随机 一公开 …"""
    tokens = []
    for token in jieba().cut_for_search(fold(_PINYIN.sub("", text or ""))):
        if _WORD.fullmatch(token):
            tokens.append(token.lower())
            tokens.extend(inner_terms(token))
    return " ".join(tokens)


def query_tokens(text: str, limit: int = 24) -> list[str]:
    """Precise-mode jieba tokens of a query folded to simplified characters (word characters only, so no
    search syntax survives)."""
    seen: list[str] = []
    for token in jieba().cut(fold((text or "")[:200])):
        for word in _WORD.findall(token.lower()):
            if word not in seen:
                seen.append(word)
    return seen[:limit]


def normalise_number(number: str) -> tuple[str, str]:
    """("GB 2763-2021") → ("GB2763-2021", "GB2763"); anything not shaped like a number → ("", "")."""
    match = STANDARD_NUMBER.match(number or "")
    if not match:
        return "", ""
    prefix = re.sub(r"\s+", "", match["prefix"]).upper()
    base = f"{prefix}{match['num']}"
    return (f"{base}-{match['year']}" if match["year"] else base), base
