"""PostgreSQL: rank by a small vector kept in the row; match only through the GIN index.

A document's full vector (every word of its text, with positions) is tens of kilobytes, kept out
of line in TOAST. Two things made search read all of them, about 300 ms per statement on 10,000
documents:

- Ranking every match with ts_rank over the full vector. `rank_tsv` now keeps what ranking needs
  in the row itself: every word of the title (weight A) and the 128 most frequent words of two or
  more characters of the text (weight B), each with its first four positions. It is a generated
  column, so every write of `tsv` (saving, editing, `documents-reindex`) refreshes it, and adding
  it fills it for the documents already indexed. `toast_tuple_target = 8160` keeps it inline and
  uncompressed while the full vector, the one large value, goes out of line first.
- The planner prices matching a row at one operator call, not at reading its vector out of TOAST,
  so it preferred a sequential (or full primary-key) scan that reads every vector over the GIN
  index, which answers plain word queries without reading any. `documents_matches()` runs the
  match with those scans disabled, for its own statement only, so it always goes through the
  index; the query around it is planned as usual.
"""

from django.db import migrations

from ._vendor import VendorRunSQL

RANK_VECTOR_FUNCTION = r"""
CREATE OR REPLACE FUNCTION documents_rank_vector(full_vector tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $fn$
    SELECT coalesce(string_agg(
        '''' || replace(replace(u.lexeme, '\', '\\'), '''', '''''') || ''''
        || CASE WHEN cardinality(u.positions) = 0 THEN '' ELSE ':' || array_to_string(ARRAY(
            SELECT x.pos::text || x.weight
            FROM unnest(u.positions[1:4], u.weights[1:4]) AS x(pos, weight)
        ), ',') END,
        ' '), '')::tsvector
    FROM (
        SELECT lexeme, positions, weights FROM unnest(full_vector) WHERE 'A' = ANY(weights)
        UNION ALL
        (SELECT lexeme, positions, weights FROM unnest(full_vector)
         WHERE NOT 'A' = ANY(weights) AND char_length(lexeme) >= 2
         ORDER BY cardinality(positions) DESC, lexeme
         LIMIT 128)
    ) AS u
$fn$
"""

MATCHES_FUNCTION = """
CREATE OR REPLACE FUNCTION documents_matches(query tsquery, ranked boolean) RETURNS TABLE(id bigint, score real)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET enable_seqscan = off SET enable_indexscan = off AS $fn$
    SELECT document_id, CASE WHEN ranked THEN ts_rank(rank_tsv, query) ELSE 0 END
    FROM documents_search WHERE tsv @@ query
$fn$
"""

POSTGRES_UP = [
    RANK_VECTOR_FUNCTION,
    "ALTER TABLE documents_search SET (toast_tuple_target = 8160)",
    "ALTER TABLE documents_search ADD COLUMN rank_tsv tsvector "
    "GENERATED ALWAYS AS (documents_rank_vector(tsv)) STORED",
    MATCHES_FUNCTION,
    "ANALYZE documents_search",
]
POSTGRES_DOWN = [
    "DROP FUNCTION IF EXISTS documents_matches(tsquery, boolean)",
    "ALTER TABLE documents_search DROP COLUMN IF EXISTS rank_tsv",
    "ALTER TABLE documents_search RESET (toast_tuple_target)",
    "DROP FUNCTION IF EXISTS documents_rank_vector(tsvector)",
]


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_search_index_without_foreign_key")]

    operations = [VendorRunSQL("postgresql", POSTGRES_UP, POSTGRES_DOWN)]
