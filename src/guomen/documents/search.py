"""Full-text search over documents: ONE service, two backends (SQLite FTS5, PostgreSQL tsvector).

Both index the same jieba tokens (space-joined, lower-cased), so a two-character word such as 检疫
is a token of its own. Queries are cut with jieba too and only word characters survive, so no
search syntax (quotes, NEAR, *, ^, :) ever reaches the engine. A query shaped like a standard
number (GB 2763, GB 2763-2021) is also looked up by number: an exact number ranks first and a
number without its year suggests the editions on file ("did you mean GB 2763-2021").

Only documents whose text has been indexed are found (see documents.indexing): the engines hold
entries for those alone, and number look-ups consider only indexed documents.

Both engines find and count the same documents. They rank by their own measure: SQLite by bm25
with the title weighted eight times the text, PostgreSQL by ts_rank over a short per-document
ranking vector (title words first, then the text's most frequent words; see PostgresBackend).
"""

import html
import re
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from .choices import DocumentStatus, IndexState
from .extraction import index_tokens, normalise_number, query_tokens
from .models import Document
from .terms import fold

# Ranking on top of the engine's own measure (bm25 / ts_rank): a share of the query's words in the title adds
# a bonus (the engine's IDF all but vanishes for a word most documents contain, e.g. 果园 in a library of fruit
# protocols, and then the title decides), and editions no longer in force count half.
TITLE_BONUS_SQLITE = 3.0
TITLE_BONUS_POSTGRES = 1.0
OUT_OF_FORCE_FACTOR = 0.5
STATUS_FACTOR_SQL = f"(CASE WHEN d.status = 'in_force' THEN 1.0 ELSE {OUT_OF_FORCE_FACTOR} END)"
SNIPPET_BEFORE = 40
SNIPPET_AFTER = 110
LOOSE_TOKENS = 4


def ranking_terms(tokens, bonus: float, contains_sql: str, param) -> tuple[str, list]:
    """SQL adding `bonus` × the share of the query's tokens found among the title's tokens, and its params
    (`contains_sql` tests one token, given as `param(token)`)."""
    tokens = [t for t in tokens if t][: LOOSE_TOKENS * 2]
    if not tokens:
        return "", []
    parts = " + ".join(f"(CASE WHEN {contains_sql} THEN 1 ELSE 0 END)" for _t in tokens)
    return f" + {bonus / len(tokens)!r} * ({parts})", [param(t) for t in tokens]


class SqliteBackend:
    table = "documents_fts"

    def add(self, cursor, doc_id: int, title: str, body: str) -> None:
        cursor.execute(
            f"INSERT INTO {self.table}(rowid, index_title, index_body) VALUES (%s, %s, %s)",
            [doc_id, title, body],
        )

    def remove(self, cursor, doc_id: int, title: str, body: str) -> None:
        cursor.execute(
            f"INSERT INTO {self.table}({self.table}, rowid, index_title, index_body) "
            "VALUES ('delete', %s, %s, %s)",
            [doc_id, title, body],
        )

    def expression(self, tokens: list[str], any_token: bool) -> str:
        quoted = ['"' + t.replace('"', '""') + '"' for t in tokens]
        return (" OR " if any_token else " AND ").join(quoted)

    def exists(self, token: str) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT 1 FROM {self.table} WHERE {self.table} MATCH %s LIMIT 1",
                [self.expression([token], False)],
            )
            return cursor.fetchone() is not None

    def match(self, expression: str, where: str, params: list, limit: int, offset: int, tokens=()):
        # Title words and editions out of force are sets looked up once per query (the title's own column
        # in the index; the few documents not in force), so ranking reads no document row per match.
        t = self.table
        bonus, bonus_params = ranking_terms(
            tokens,
            TITLE_BONUS_SQLITE,
            f"{t}.rowid IN (SELECT rowid FROM {t} WHERE {t} MATCH %s)",
            lambda token: "index_title : " + self.expression([token], False),
        )
        status = (
            f"(CASE WHEN {t}.rowid IN (SELECT id FROM documents_document WHERE status <> %s) "
            f"THEN {OUT_OF_FORCE_FACTOR!r} ELSE 1.0 END)"
        )
        # Without filters the FTS table answers alone; filters join the documents table.
        join = f" JOIN documents_document d ON d.id = {t}.rowid" if where else ""
        base = f"FROM {t}{join} WHERE {t} MATCH %s{where}"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {t}.rowid, (-bm25({t}, 8.0, 1.0){bonus}) * {status} AS score "
                f"{base} ORDER BY score DESC, {t}.rowid LIMIT %s OFFSET %s",
                [*bonus_params, DocumentStatus.IN_FORCE, expression, *params, limit, offset],
            )
            rows = list(cursor.fetchall())
            if len(rows) < limit and (rows or offset == 0):
                return rows, offset + len(rows)
            cursor.execute(f"SELECT COUNT(*) {base}", [expression, *params])
            total = cursor.fetchone()[0]
        return rows, total


class PostgresBackend:
    """tsvector search: the GIN index of `tsv` finds and counts, the row's small `rank_tsv` ranks.

    Both go through documents_matches() (migration 0004), which always matches through the index:
    `tsv` holds every word of a document and is far too large to read for every match.
    """

    table = "documents_search"

    def add(self, cursor, doc_id: int, title: str, body: str) -> None:
        # rank_tsv is a generated column: writing tsv rebuilds it.
        cursor.execute(
            f"INSERT INTO {self.table}(document_id, tsv) VALUES (%s, "
            "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')) "
            "ON CONFLICT (document_id) DO UPDATE SET tsv = EXCLUDED.tsv",
            [doc_id, title, body],
        )

    def remove(self, cursor, doc_id: int, title: str, body: str) -> None:
        cursor.execute(f"DELETE FROM {self.table} WHERE document_id = %s", [doc_id])

    def expression(self, tokens: list[str], any_token: bool) -> str:
        quoted = ["'" + t.replace("'", "''").replace("\\", "") + "'" for t in tokens]
        return (" | " if any_token else " & ").join(quoted)

    def exists(self, token: str) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM documents_matches(to_tsquery('simple', %s), false))",
                [self.expression([token], False)],
            )
            return cursor.fetchone()[0]

    def match(self, expression: str, where: str, params: list, limit: int, offset: int, tokens=()):
        def matches(ranked: str) -> str:
            return (
                f"FROM documents_matches(to_tsquery('simple', %s), {ranked}) m "
                f"JOIN documents_document d ON d.id = m.id{where}"
            )

        bonus, bonus_params = ranking_terms(
            tokens, TITLE_BONUS_POSTGRES, "strpos(' ' || d.index_title || ' ', %s) > 0", lambda t: f" {t} "
        )
        # The window counts every match in the same pass; a page past the end has no row to carry
        # that count, so only then is it counted on its own.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT m.id, (m.score{bonus}) * {STATUS_FACTOR_SQL} AS score, COUNT(*) OVER () "
                f"{matches('true')} ORDER BY score DESC, m.id LIMIT %s OFFSET %s",
                [*bonus_params, expression, *params, limit, offset],
            )
            found = cursor.fetchall()
            if found or offset == 0:
                return [(pk, score) for pk, score, _total in found], found[0][2] if found else 0
            cursor.execute(f"SELECT COUNT(*) {matches('false')}", [expression, *params])
            return [], cursor.fetchone()[0]


def backend():
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()


# Indexing -----------------------------------------------------------------------------------------


def title_tokens(doc: Document) -> str:
    return index_tokens(" ".join(p for p in (doc.number, doc.title, doc.title_en, doc.issuer) if p))


@transaction.atomic
def document_index(doc: Document, *, body_tokens: str | None = None, keep_body: bool = False) -> Document:
    """(Re)build the index entry of one document from its title fields and text (`body_tokens` when the
    text was segmented already; `keep_body` when only the title fields changed)."""
    engine = backend()
    old = Document.objects.filter(pk=doc.pk).values("index_title", "index_body", "indexed_at").first()
    title = title_tokens(doc)
    if keep_body and old:
        body_tokens = old["index_body"]
    body = index_tokens(doc.text) if body_tokens is None else body_tokens
    with connection.cursor() as cursor:
        if old and old["indexed_at"]:
            engine.remove(cursor, doc.pk, old["index_title"], old["index_body"])
        engine.add(cursor, doc.pk, title, body)
    doc.number_norm, doc.number_base = normalise_number(doc.number)
    doc.index_title, doc.index_body, doc.indexed_at = title, body, timezone.now()
    Document.objects.filter(pk=doc.pk).update(
        index_title=title,
        index_body=body,
        indexed_at=doc.indexed_at,
        number_norm=doc.number_norm,
        number_base=doc.number_base,
    )
    return doc


@transaction.atomic
def document_unindex(doc: Document) -> Document:
    """Take a document out of the index (its file is being replaced): search finds it no more."""
    old = Document.objects.filter(pk=doc.pk).values("index_title", "index_body", "indexed_at").first()
    if old and old["indexed_at"]:
        with connection.cursor() as cursor:
            backend().remove(cursor, doc.pk, old["index_title"], old["index_body"])
    fields = {"index_title": "", "index_body": "", "indexed_at": None, "number_norm": "", "number_base": ""}
    Document.objects.filter(pk=doc.pk).update(**fields)
    for name, value in fields.items():
        setattr(doc, name, value)
    return doc


# Searching ----------------------------------------------------------------------------------------


@dataclass
class Hit:
    document: Document
    score: float
    exact: bool
    title_html: SafeString
    snippet_html: SafeString


@dataclass
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = 20
    suggestions: list[Document] = field(default_factory=list)
    loosened: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _filters(*, kind: str, hs: str, country: str, in_force: bool, public_only: bool) -> tuple[str, list]:
    where, params = [], []
    if kind:
        where.append("d.kind = %s")
        params.append(kind)
    if in_force:
        where.append("d.status = %s")
        params.append(DocumentStatus.IN_FORCE)
    if public_only:
        where.append("d.public = %s")
        params.append(True)
    if country:
        where.append("d.id IN (SELECT document_id FROM documents_document_countries WHERE country_id = %s)")
        params.append(country.upper()[:2])
    if hs:
        digits = re.sub(r"\D", "", hs)[:10] or "-"
        prefixes = [digits[:n] for n in (2, 4, 6, 8, 10) if n <= len(digits)] or ["-"]
        marks = ", ".join(["%s"] * len(prefixes))
        where.append(
            "d.id IN (SELECT document_id FROM documents_document_commodities "
            f"WHERE hscode_id IN ({marks}) OR hscode_id LIKE %s)"
        )
        params.extend([*prefixes, digits + "%"])
    return "".join(f" AND {w}" for w in where), params


def _filtered_queryset(*, kind: str, hs: str, country: str, in_force: bool, public_only: bool):
    qs = Document.objects.defer("index_title", "index_body").filter(index_state=IndexState.INDEXED)
    if kind:
        qs = qs.filter(kind=kind)
    if in_force:
        qs = qs.filter(status=DocumentStatus.IN_FORCE)
    if public_only:
        qs = qs.filter(public=True)
    if country:
        qs = qs.filter(countries__code=country.upper()[:2])
    if hs:
        digits = re.sub(r"\D", "", hs)[:10]
        prefixes = [digits[:n] for n in (2, 4, 6, 8, 10) if n <= len(digits)]
        if not digits:
            return qs.none()
        qs = qs.filter(Q(commodities__code__in=prefixes) | Q(commodities__code__startswith=digits))
    return qs.distinct()


def _number_matches(query: str, filtered) -> tuple[list[Document], list[Document]]:
    """Documents whose number is exactly the query, and editions of a number given without its year."""
    norm, base = normalise_number(query)
    if not norm:
        return [], []
    exact = list(filtered.filter(number_norm=norm))
    suggestions = []
    if norm == base:
        editions = filtered.filter(number_base=base).exclude(number_norm=norm)
        suggestions = list(editions.order_by("status", "-issued_on", "-id")[:5])
    return exact, suggestions


def _highlighter(tokens: list[str]):
    words = sorted({t for t in tokens if t}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None


def highlight(text: str, pattern) -> SafeString:
    if pattern is None:
        return mark_safe(html.escape(text))
    parts = []
    last = 0
    folded = fold(text)  # 質量月 is marked for the query 质量月 (folding keeps one character for one)
    for m in pattern.finditer(folded if len(folded) == len(text) else text):
        parts.append(html.escape(text[last : m.start()]))
        parts.append(f"<mark>{html.escape(text[m.start() : m.end()])}</mark>")
        last = m.end()
    parts.append(html.escape(text[last:]))
    return mark_safe("".join(parts))


def snippet(text: str, pattern) -> SafeString:
    """About 150 characters of the text around the first match, with the query words marked."""
    found = pattern.search(text) if pattern is not None else None
    if found is None and pattern is not None:  # traditional text: look again in its simplified form
        folded = fold(text)
        found = pattern.search(folded) if len(folded) == len(text) else None
    start = max(0, found.start() - SNIPPET_BEFORE) if found else 0
    end = min(len(text), start + SNIPPET_BEFORE + SNIPPET_AFTER)
    piece = " ".join(text[start:end].split())
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + highlight(piece, pattern) + suffix)


def _loosened(engine, tokens: list[str], where: str, params: list, limit: int, offset: int):
    """No document has every word: drop words found nowhere, then accept any of the longest few."""
    known = [t for t in tokens if engine.exists(t)]
    rows, total = [], 0
    if known and len(known) < len(tokens):
        rows, total = engine.match(engine.expression(known, False), where, params, limit, offset, known)
    if not total and len(known) > 1:
        longest = sorted(known, key=len, reverse=True)[:LOOSE_TOKENS]
        rows, total = engine.match(engine.expression(longest, True), where, params, limit, offset, longest)
    return rows, total


def document_search(
    *,
    q: str,
    kind: str = "",
    hs: str = "",
    country: str = "",
    in_force: bool = False,
    public_only: bool = False,
    page: int = 1,
    per_page: int = 20,
) -> SearchResult:
    """Ranked documents for a query, exact standard numbers first, with highlighted snippets."""
    q = (q or "")[:200]
    page = max(1, min(int(page or 1), 500))
    result = SearchResult(query=q, page=page, per_page=per_page)
    where, params = _filters(kind=kind, hs=hs, country=country, in_force=in_force, public_only=public_only)
    filtered = _filtered_queryset(
        kind=kind, hs=hs, country=country, in_force=in_force, public_only=public_only
    )
    exact, result.suggestions = _number_matches(q, filtered)
    tokens = query_tokens(q)
    engine = backend()
    rows, total = [], 0
    if tokens:
        offset = (page - 1) * per_page
        rows, total = engine.match(engine.expression(tokens, False), where, params, per_page, offset, tokens)
        if not total and len(tokens) > 1:
            rows, total = _loosened(engine, tokens, where, params, per_page, offset)
            result.loosened = bool(total)
    by_number = [d.pk for d in exact] + [d.pk for d in result.suggestions]
    ordered = [(pk, float("inf"), pk in {d.pk for d in exact}) for pk in by_number] if page == 1 else []
    ordered += [(pk, score, False) for pk, score in rows if pk not in by_number]
    result.total = total + sum(1 for pk in by_number if pk not in {r[0] for r in rows})
    docs = Document.objects.defer("index_title", "index_body").in_bulk([pk for pk, _s, _e in ordered])
    pattern = _highlighter(tokens + [d.number for d in exact])
    for pk, score, is_exact in ordered[:per_page]:
        doc = docs.get(pk)
        if doc is None:
            continue
        title = f"{doc.number} {doc.title}".strip()
        result.hits.append(Hit(doc, score, is_exact, highlight(title, pattern), snippet(doc.text, pattern)))
    return result
