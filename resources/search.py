"""Full-text search over published resources.

PostgreSQL: each published resource has a row in `SearchEntry` (see its docstring):
a full vector built from Python-normalised text (textsearch.py), the Arabic fields
analysed with the `arabic` configuration, the English with `english`, the French with
`french`, weighted title (A) > summary and quote (B) > body (C) > the structured
good-practice fields (D), under a GIN index; a small head vector (title and summary)
that ranks; and the resource's facet values as tags. One statement answers the list
page: it finds the matches once, then takes the page, the total and every facet's
counts from them.

Which resources match. Natural queries ("comment les villes travaillent avec les
jeunes") would find almost nothing if every word were required, so a resource
matches if it contains *any distinctive word* of the query; common words then only
rank. Without a distinctive word in the query, a resource needs *every common word*.
A word is common when more than `COMMON_SHARE` of the published resources, and at
least `RESOURCE_SEARCH_COMMON_MIN_DOCUMENTS` of them, contain it (counted by
`refresh_term_frequencies`, daily and after a rebuild); on a collection where no word
is that frequent, every word is distinctive and the search is an any-word search.
This is the "common terms" query of Lucene-based engines: it keeps every resource
that answers a distinctive word (recall), and stops a word found in a third of the
library from making the search rank and count a third of the library (speed: at
100,000 resources, "cities" alone is in 34,000). Ranking: `ts_rank` of the head
vector against *every* word, so a resource that answers more words, and in its
title, comes first; ties by date. Saving a resource refreshes its entry;
`manage.py rebuild_resource_search` rebuilds them all.

SQLite (the quick start): any-word `icontains` of each word's light stem over the
translated fields, facets counted in Python (a demo-sized collection).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import connection
from django.db.models import Q, QuerySet

from resources.textsearch import (
    ARABIC_LETTERS,
    CONFIGS,
    LANGUAGES,
    match_stem,
    normalise_text,
    query_terms,
)
from strongcities.pagecache import RESOURCES, bump_generation

WEIGHTED_FIELDS = {
    "A": ("title",),
    "B": ("summary", "quote"),
    "C": ("body",),
    "D": ("approach", "aim", "target_group", "methods", "results", "lessons_learned"),
}
HEAD_WEIGHTS = ("A", "B")
# A word in more than this share of the published resources is common (see above).
# Lucene's documentation illustrates its cutoff with 0.1 %; 2 % keeps more recall.
COMMON_SHARE = 0.02
# The row of SearchTermFrequency that holds the number of published resources.
TOTAL_ROW = ""


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- keeping the entries current ----------------------------------------------------


def _text(resource, name: str, lang: str) -> str:
    return normalise_text(getattr(resource, f"{name}_{lang}", "") or "")


def _weighted_texts(resource) -> list[str]:
    """Normalised text per (language, weight), in LANGUAGES x WEIGHTED_FIELDS order."""
    return [
        " ".join(filter(None, (_text(resource, name, lang) for name in names)))
        for lang in LANGUAGES
        for names in WEIGHTED_FIELDS.values()
    ]


def _vector_sql(weights) -> str:
    return " || ".join(
        f"setweight(to_tsvector('{CONFIGS[lang]}', v.{lang}_{w}), '{w}')"
        for lang in LANGUAGES
        for w in weights
    )


# The facet values of a resource, as the list page's filters name them.
TAGS_SQL = """
    (ARRAY['kind:' || r.kind]
     || CASE WHEN r.publication_date IS NULL THEN ARRAY[]::text[]
             ELSE ARRAY['year:' || extract(year FROM r.publication_date)::int] END
     || CASE WHEN r.in_ar THEN ARRAY['lang:ar'] ELSE ARRAY[]::text[] END
     || CASE WHEN r.in_en THEN ARRAY['lang:en'] ELSE ARRAY[]::text[] END
     || CASE WHEN r.in_fr THEN ARRAY['lang:fr'] ELSE ARRAY[]::text[] END
     || ARRAY(SELECT 'theme:' || t.slug FROM resources_resource_themes x
              JOIN members_thematicarea t ON t.id = x.thematicarea_id WHERE x.resource_id = r.id)
     || ARRAY(SELECT 'priority:' || p.number FROM resources_resource_priorities x
              JOIN members_strategicpriority p ON p.id = x.strategicpriority_id
              WHERE x.resource_id = r.id)
     || ARRAY(SELECT 'hub:' || h.slug FROM resources_resource_hubs x
              JOIN hubs_hub h ON h.id = x.hub_id WHERE x.resource_id = r.id)
     || ARRAY(SELECT 'city:' || x.city_id FROM resources_resource_cities x
              WHERE x.resource_id = r.id)
    )::varchar(80)[]
"""


def refresh_search_entries(resources) -> int:
    """Bring the search entries of `resources` up to date with the database: an entry
    for each published one (text from the objects, everything else from its row), none
    for the others. One statement each way. Returns the number of entries written."""
    resources = [r for r in resources if r.pk is not None]
    if not uses_postgres() or not resources:
        return 0
    ids = [r.pk for r in resources]
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM resources_searchentry e USING resources_resource r "
            "WHERE e.resource_id = r.id AND r.id = ANY(%s) AND r.status <> 'published'",
            [ids],
        )
        rows = [(r.pk, *_weighted_texts(r)) for r in resources]
        columns = ["id"] + [f"{lang}_{w}" for lang in LANGUAGES for w in WEIGHTED_FIELDS]
        placeholder = "(" + ", ".join(["%s::bigint"] + ["%s"] * (len(columns) - 1)) + ")"
        cursor.execute(
            "INSERT INTO resources_searchentry "  # noqa: S608 - names and SQL are ours
            "(resource_id, publication_date, published_at, tags, head_vector, search_vector) "
            f"SELECT r.id, r.publication_date, r.published_at, {TAGS_SQL}, "
            f"{_vector_sql(HEAD_WEIGHTS)}, {_vector_sql(WEIGHTED_FIELDS)} "
            f"FROM resources_resource r JOIN (VALUES {', '.join([placeholder] * len(rows))}) "
            f"AS v({', '.join(columns)}) ON r.id = v.id WHERE r.status = 'published' "
            "ON CONFLICT (resource_id) DO UPDATE SET "
            "publication_date = EXCLUDED.publication_date, published_at = EXCLUDED.published_at, "
            "tags = EXCLUDED.tags, head_vector = EXCLUDED.head_vector, "
            "search_vector = EXCLUDED.search_vector",
            [value for row in rows for value in row],
        )
        written = cursor.rowcount
    bump_generation(RESOURCES)  # the lists and pages built from the entries are out of date
    return written


def refresh_search_tags(resource_ids) -> None:
    """Only the facet tags (a many-to-many change: the text is unchanged)."""
    if not uses_postgres() or not resource_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE resources_searchentry e SET tags = {TAGS_SQL} "  # noqa: S608
            "FROM resources_resource r WHERE r.id = e.resource_id AND r.id = ANY(%s)",
            [list(resource_ids)],
        )
    bump_generation(RESOURCES)


# Kept under its earlier name: the benchmark's generator and older callers use it.
bulk_update_search_vectors = refresh_search_entries


def rebuild_search_entries(queryset=None, batch_size: int = 1000) -> int:
    """Recompute every entry, then the word counts (`rebuild_resource_search`)."""
    from resources.models import Resource

    if not uses_postgres():
        return 0
    queryset = (queryset if queryset is not None else Resource.objects.all()).order_by("pk")
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM resources_searchentry e WHERE NOT EXISTS (SELECT 1 FROM "
            "resources_resource r WHERE r.id = e.resource_id AND r.status = 'published')"
        )
    count, batch = 0, []
    for resource in queryset.filter(status=Resource.Status.PUBLISHED).iterator(
        chunk_size=batch_size
    ):
        batch.append(resource)
        if len(batch) == batch_size:
            count += refresh_search_entries(batch)
            batch = []
    count += refresh_search_entries(batch)
    refresh_term_frequencies()
    return count


def refresh_term_frequencies() -> int:
    """Count, for every word, the published resources containing it (ts_stat reads
    every vector once: seconds at 100,000 resources; a daily task and the rebuild run
    it). Returns the number of distinct words."""
    if not uses_postgres():
        return 0
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM resources_searchtermfrequency")
        cursor.execute(
            "INSERT INTO resources_searchtermfrequency (lexeme, documents) "
            "SELECT left(word, 255), max(ndoc) FROM ts_stat("
            "'SELECT search_vector FROM resources_searchentry') GROUP BY left(word, 255)"
        )
        words = cursor.rowcount
        cursor.execute(
            "INSERT INTO resources_searchtermfrequency (lexeme, documents) "
            "SELECT %s, count(*) FROM resources_searchentry",
            [TOTAL_ROW],
        )
    bump_generation(RESOURCES)  # which words are common decides what a search finds
    return words


# --- searching ----------------------------------------------------------------------


def _configs(term: str) -> list[str]:
    """An Arabic word is analysed by `arabic`; a Latin-script word by `english` and
    `french` (and `arabic`, which keeps Latin words in Arabic text as they are)."""
    return ["arabic"] if ARABIC_LETTERS.search(term) else [CONFIGS[c] for c in LANGUAGES]


@dataclass
class AnalysedTerms:
    """What PostgreSQL makes of a query's words, in one query (`analyse_terms`)."""

    # term -> its tsquery as text: each configuration's reading of the word, any of them
    # ("" for a word every configuration drops as a stop word).
    queries: dict[str, str] = field(default_factory=dict)
    # term -> in how many published resources it occurs (words absent from the last
    # count are left out), and how many published resources there are.
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0


def analyse_terms(terms: list[str]) -> AnalysedTerms:
    """Each word's tsquery and document count. The search statement then takes the
    queries as ready-made literals: analysing 3 configurations x 2 uses of every word
    inside it cost the planner 2-3 ms a search (bench/README.md)."""
    if not terms or not uses_postgres():
        return AnalysedTerms()
    pairs = [(term, config) for term in terms for config in _configs(term)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.term, plainto_tsquery(t.cfg::regconfig, t.term)::text, "
            "(SELECT max(f.documents) FROM unnest(tsvector_to_array("
            "to_tsvector(t.cfg::regconfig, t.term))) AS l(lexeme) "
            "JOIN resources_searchtermfrequency f ON f.lexeme = l.lexeme) "
            "FROM unnest(%s::text[], %s::text[]) AS t(term, cfg) "
            "UNION ALL SELECT NULL, NULL, documents FROM resources_searchtermfrequency "
            "WHERE lexeme = %s",
            [[p[0] for p in pairs], [p[1] for p in pairs], TOTAL_ROW],
        )
        rows = cursor.fetchall()
    analysed = AnalysedTerms(queries={term: [] for term in terms})
    for term, query, documents in rows:
        if term is None:
            analysed.total = documents or 0
            continue
        if query:
            analysed.queries[term].append(f"( {query} )")
        if documents is not None:
            analysed.counts[term] = max(documents, analysed.counts.get(term, 0))
    analysed.queries = {term: " | ".join(parts) for term, parts in analysed.queries.items()}
    return analysed


def _combine(queries: list[str], operator: str) -> str:
    """tsquery texts joined by `operator` ("|" or "&"); empty ones (stop words only) are
    left out, as PostgreSQL's || and && leave out an empty query."""
    return f" {operator} ".join(f"( {q} )" for q in queries if q)


def match_query(terms: list[str], analysed: AnalysedTerms) -> str:
    """The tsquery (as text) a resource must match (see the module's docstring).

    Distinctive words are those counted in few resources; common ones in more than
    COMMON_SHARE (and RESOURCE_SEARCH_COMMON_MIN_DOCUMENTS) of them; a word missing
    from the last count may be new since, so it stays searched for. With a distinctive
    word in the query, any of those (or the new ones) makes a match; without one, every
    common word is needed (or a new word).
    """
    counts, queries = analysed.counts, analysed.queries
    threshold = max(COMMON_SHARE * analysed.total, settings.RESOURCE_SEARCH_COMMON_MIN_DOCUMENTS)
    distinctive = [queries[t] for t in terms if t in counts and counts[t] <= threshold]
    common = [queries[t] for t in terms if t in counts and counts[t] > threshold]
    unknown = [queries[t] for t in terms if t not in counts]
    if distinctive or not common:
        return _combine(distinctive + unknown, "|")
    return _combine([_combine(common, "&"), _combine(unknown, "|")], "|")


@dataclass
class Found:
    """What one search statement answers."""

    total: int = 0
    page_ids: list[int] = field(default_factory=list)
    tag_counts: dict[str, int] = field(default_factory=dict)


def run_search(
    terms: list[str],
    active_tags: dict[str, str],
    *,
    relevance: bool,
    offset: int,
    limit: int,
    with_facets: bool,
) -> Found:
    """The page of ids, the total and (optionally) each tag's count, in one statement.

    `active_tags` maps each active facet to its tag ("theme" -> "theme:young-cities").
    Each facet counts the resources matching every *other* active choice, so a visitor
    can switch between the values of one facet and see what each would give.
    """
    params: list = []
    where = ["TRUE"]
    rank = "0"
    if terms:
        analysed = analyse_terms(terms)
        where.append("search_vector @@ %s::tsquery")
        params.append(match_query(terms, analysed))
        if relevance:
            # Ranked against every word, common ones included.
            rank = "ts_rank(head_vector, %s::tsquery)"
            params.insert(0, _combine([analysed.queries[t] for t in terms], "|"))
    if not with_facets and active_tags:  # nothing needs the rows the filters leave out
        where.append("tags @> %s::varchar[]")
        params.append(list(active_tags.values()))
    chosen = list(active_tags.values())
    order = "publication_date DESC NULLS LAST, published_at DESC NULLS LAST, resource_id DESC"
    if relevance and terms:
        order = "rank DESC, " + order
    # Values go as parameters; only our own names and SQL are formatted in.
    sql = [
        f"WITH m AS MATERIALIZED (SELECT resource_id, tags, publication_date, published_at, "  # noqa: S608
        f"{rank} AS rank FROM resources_searchentry WHERE {' AND '.join(where)}), "
    ]
    if chosen:
        sql.append("chosen AS MATERIALIZED (SELECT * FROM m WHERE m.tags @> %s::varchar[]) ")
        params.append(chosen)
    else:
        sql.append("chosen AS (SELECT * FROM m) ")
    page_sql = f"ARRAY(SELECT resource_id FROM chosen ORDER BY {order} LIMIT %s OFFSET %s)"  # noqa: S608
    sql.append(
        "SELECT 'total', NULL::text, (SELECT count(*) FROM chosen), NULL::bigint[] "  # noqa: S608
        f"UNION ALL SELECT 'page', NULL, NULL, {page_sql}"
    )
    params += [limit, offset]
    if with_facets:
        # A tag's facet is the part before the colon; its rows must carry every other
        # active tag. unnest() in the select list (not a join per row) is the cheap way.
        condition = "TRUE"
        if active_tags:
            cases = " ".join(
                f"WHEN '{name}' THEN x.tags @> %s::varchar[]" for name in sorted(active_tags)
            )
            condition = f"CASE split_part(tag, ':', 1) {cases} ELSE x.tags @> %s::varchar[] END"
            for name in sorted(active_tags):
                params.append([t for n, t in active_tags.items() if n != name])
            params.append(chosen)
        sql.append(
            " UNION ALL SELECT 'tag', tag, count(*), NULL FROM "  # noqa: S608
            f"(SELECT unnest(m.tags) AS tag, m.tags FROM m) AS x WHERE {condition} GROUP BY tag"
        )
    found = Found()
    with connection.cursor() as cursor:
        # For common words the planner would take a sequential scan (reading every
        # vector), JIT-compile its large estimates and start parallel workers: each
        # costs more than it saves on a statement that returns a page. Sent with the
        # search in one round trip; SET LOCAL, they end with the transaction (the
        # implicit one of a two-statement string, when there is no other).
        cursor.execute(PLANNER_SETTINGS + "; " + "".join(sql), params)
        cursor.nextset()
        for kind, tag, count, ids in cursor.fetchall():
            if kind == "total":
                found.total = count
            elif kind == "page":
                found.page_ids = list(ids or [])
            else:
                found.tag_counts[tag] = count
    return found


PLANNER_SETTINGS = (
    "SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true), "
    "set_config('max_parallel_workers_per_gather', '0', true)"
)


def fallback_search(queryset: QuerySet, query: str) -> tuple[QuerySet, list[str]]:
    """SQLite: a word's light stem as a substring: "jeunes" finds "jeunesse", "الشباب"
    finds "شبابنا"; the stemmed forms PostgreSQL joins are out of reach here."""
    terms = query_terms(query)
    if not terms:
        return queryset.none(), []
    stems = sorted({match_stem(t) for t in terms})
    fields = [f"{name}_{lang}" for name in ("title", "summary", "body") for lang in LANGUAGES]
    conditions = [Q(**{f"{f}__icontains": stem}) for stem in stems for f in fields]
    return queryset.filter(reduce(or_, conditions)), terms
