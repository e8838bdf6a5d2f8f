"""Reads of documents: staff lists and details, public documents, and the documents behind a topic."""

import re

from django.db.models import Q, QuerySet

from guomen.core.errors import NotFound
from guomen.core.permissions import require

from .choices import DocumentStatus
from .models import Document
from .search import SearchResult, document_search


def _light(qs: QuerySet) -> QuerySet:
    return qs.defer("text", "index_title", "index_body")


def document_list(*, user, kind: str = "", status: str = "") -> QuerySet:
    require(user, "document.view")
    qs = _light(Document.objects.all())
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-issued_on", "-id")


def document_get(*, user, pk: int) -> Document:
    require(user, "document.view")
    found = (
        Document.objects.defer("index_title", "index_body")
        .select_related("superseded_by")
        .prefetch_related("commodities", "countries", "hazards", "supersedes")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def public_document_get(*, pk: int) -> Document:
    """A document the bureau has made public; any other id is simply not found."""
    found = (
        Document.objects.defer("index_title", "index_body")
        .select_related("superseded_by")
        .filter(pk=pk, public=True)
        .first()
    )
    if found is None:
        raise NotFound()
    return found


def document_search_for(*, user, public: bool = False, **params) -> SearchResult:
    """Staff search everything; the public only documents marked public."""
    if not public:
        require(user, "document.view")
    return document_search(public_only=public, **params)


def _code(value, attr: str) -> str:
    return str(getattr(value, attr, value) or "").strip()


def documents_for(*, hs=None, origin=None, hazard=None, public_only: bool = False) -> list[Document]:
    """Documents in force behind a commodity (HS code), an origin and/or a hazard, most relevant first.

    A document tied to commodities, countries or hazards must match each of those the caller gives;
    it must match at least one of them. More matches and a more specific HS code rank higher.
    """
    hs_code = re.sub(r"\D", "", _code(hs, "code"))[:10]
    origin_code = _code(origin, "code").upper()[:2]
    hazard_id = getattr(hazard, "pk", hazard)
    prefixes = [hs_code[:n] for n in (2, 4, 6, 8, 10) if n <= len(hs_code)]
    wanted = Q()
    if prefixes:
        wanted |= Q(commodities__code__in=prefixes)
    if origin_code:
        wanted |= Q(countries__code=origin_code)
    if hazard_id:
        wanted |= Q(hazards__pk=hazard_id)
    if not wanted:
        return []
    qs = _light(Document.objects.filter(wanted, status=DocumentStatus.IN_FORCE)).distinct()
    if public_only:
        qs = qs.filter(public=True)
    ranked = []
    for doc in qs.prefetch_related("commodities", "countries", "hazards")[:200]:
        codes = {c.code for c in doc.commodities.all()}
        countries = {c.code for c in doc.countries.all()}
        hazards = {h.pk for h in doc.hazards.all()}
        score = 0.0
        if hs_code and codes:
            best = max((len(c) for c in codes if hs_code.startswith(c)), default=0)
            if not best:
                continue
            score += 2 + best / 10
        if origin_code and countries:
            if origin_code not in countries:
                continue
            score += 2
        if hazard_id and hazards:
            if int(hazard_id) not in hazards:
                continue
            score += 2
        if score:
            ranked.append((score, doc.issued_on.toordinal() if doc.issued_on else 0, doc))
    ranked.sort(key=lambda r: (r[0], r[1]), reverse=True)
    return [doc for _s, _d, doc in ranked]
