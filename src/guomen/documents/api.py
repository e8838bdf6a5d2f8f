"""Documents API: full-text search, details, upload with metadata, and indexing again after a failure."""

from datetime import date

from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile

from guomen.catalog.models import Country, Hazard, HsCode
from guomen.core.errors import ValidationFailed
from guomen.core.pagination import Page, PageIn, page_of

from . import indexing, selectors, services
from .choices import DocumentKind

router = Router(tags=["documents"])


class DocumentOut(Schema):
    id: int
    kind: str
    number: str
    title: str
    title_en: str
    issuer: str
    issued_on: date | None
    effective_on: date | None
    status: str
    superseded_by: int | None
    public: bool
    pages: int
    index_state: str
    index_error: str

    @staticmethod
    def resolve_superseded_by(obj) -> int | None:
        return obj.superseded_by_id


class DocumentDetailOut(DocumentOut):
    commodities: list[str]
    countries: list[str]
    text: str

    @staticmethod
    def resolve_commodities(obj) -> list[str]:
        return [c.code for c in obj.commodities.all()]

    @staticmethod
    def resolve_countries(obj) -> list[str]:
        return [c.code for c in obj.countries.all()]


class HitOut(Schema):
    document: DocumentOut
    exact_number: bool
    title_html: str
    snippet_html: str


class SearchOut(Page):
    query: str
    did_you_mean: list[str]
    results: list[HitOut]


@router.get("", response=SearchOut)
def search(
    request,
    pagination: Query[PageIn],
    q: str = "",
    kind: str = "",
    hs: str = "",
    country: str = "",
    in_force: bool = False,
):
    """Ranked full-text search (Chinese words via jieba, English words, standard numbers).

    Pages are whole: `offset` is rounded down to a multiple of `limit`."""
    limit = pagination.limit
    page = pagination.offset // limit + 1
    result = selectors.document_search_for(
        user=request.auth,
        q=q,
        kind=kind,
        hs=hs,
        country=country,
        in_force=in_force,
        page=page,
        per_page=limit,
    )
    hits = [
        {
            "document": h.document,
            "exact_number": h.exact,
            "title_html": str(h.title_html),
            "snippet_html": str(h.snippet_html),
        }
        for h in result.hits
    ]
    envelope = page_of(
        request,
        _Counted(result.total, hits, (page - 1) * limit),
        PageIn(limit=limit, offset=(page - 1) * limit),
    )
    return {**envelope, "query": result.query, "did_you_mean": [d.number for d in result.suggestions]}


class _Counted:
    """One page already fetched by the search engine, with the total it found."""

    def __init__(self, total: int, rows: list, offset: int):
        self.total, self.rows, self.offset = total, rows, offset

    def count(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list:
        return self.rows


@router.get("/{int:pk}", response=DocumentDetailOut)
def detail(request, pk: int):
    return selectors.document_get(user=request.auth, pk=pk)


def _codes(model, raw: str, field: str) -> list:
    codes = [c.strip().upper() for c in raw.replace(",", " ").split() if c.strip()]
    found = model.objects.in_bulk(codes)
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationFailed(fields={field: [", ".join(missing)]})
    return [found[c] for c in codes]


@router.post("", response={201: DocumentOut})
def upload(
    request,
    kind: Form[str],
    title: Form[str],
    number: Form[str] = "",
    issuer: Form[str] = "",
    issued_on: Form[date | None] = None,
    public: Form[bool] = False,
    commodities: Form[str] = "",
    countries: Form[str] = "",
    hazards: Form[str] = "",
    text: Form[str] = "",
    file: File[UploadedFile] = None,
):
    """Upload a PDF, DOCX or text file (or send `text`) with its metadata.

    The file is stored and its text extracted and indexed by a background task: the answer says
    `index_state: "queued"`, and `GET /documents/{id}` shows `indexed` (then it is found by search)
    or `failed` with `index_error` (encrypted, no_text for a scan, unreadable, ...). Typed `text` of
    up to 20,000 characters is indexed at once.
    """
    if kind not in DocumentKind.values:
        raise ValidationFailed(fields={"kind": [", ".join(DocumentKind.values)]})
    hazard_codes = [c.strip() for c in hazards.replace(",", " ").split() if c.strip()]
    found = {h.code: h for h in Hazard.objects.filter(code__in=hazard_codes)}
    if set(hazard_codes) - set(found):
        raise ValidationFailed(fields={"hazards": [", ".join(sorted(set(hazard_codes) - set(found)))]})
    data = {
        "kind": kind,
        "title": title,
        "number": number,
        "issuer": issuer,
        "issued_on": issued_on,
        "public": public,
        "commodities": _codes(HsCode, commodities, "commodities"),
        "countries": _codes(Country, countries, "countries"),
        "hazards": list(found.values()),
    }
    kwargs = {"file_name": file.name, "file_bytes": file.read()} if file is not None else {"text": text}
    return 201, services.document_create(data=data, actor=request.auth, **kwargs)


@router.post("/{int:pk}/reindex", response=DocumentOut)
def reindex(request, pk: int):
    """Queue the indexing again: after a failure, or when it has waited more than 15 minutes."""
    doc = selectors.document_get(user=request.auth, pk=pk)
    return indexing.document_index_retry(document=doc, actor=request.auth)
