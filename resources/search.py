"""Full-text search over resources.

PostgreSQL: one stored tsvector per resource, built from Python-normalised text (see
textsearch.py): the Arabic fields analysed with the `arabic` configuration, the
English with `english`, the French with `french`, weighted title (A) > summary and
quote (B) > body (C) > the structured good-practice fields (D), in one column with one
GIN index on the published rows (migration 0003). A query is normalised the same way
and turned into an *any-word* tsquery under the configurations of its words' script
(`websearch_to_tsquery('a or b')`, OR-ed together): natural queries ("comment les
villes travaillent avec les jeunes") would match almost nothing if every word were
required. ts_rank then puts resources that answer more (and more important) words
first, so relevance sorting does the work an all-words query would do, without
losing recall. Saving a resource refreshes its vector; `manage.py
rebuild_resource_search` recomputes them all (after a change to the normalisation).

SQLite (the quick start): any-word `icontains` of each word's light stem over the
translated fields.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, FloatField, Q, QuerySet, Value
from django.db.models.functions import Cast, Coalesce

from resources.textsearch import (
    ARABIC_LETTERS,
    CONFIGS,
    LANGUAGES,
    any_word_query,
    match_stem,
    normalise_text,
    query_terms,
)

WEIGHTED_FIELDS = {
    "A": ("title",),
    "B": ("summary", "quote"),
    "C": ("body",),
    "D": ("approach", "aim", "target_group", "methods", "results", "lessons_learned"),
}


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def _text(resource, name: str, lang: str) -> str:
    return normalise_text(getattr(resource, f"{name}_{lang}", "") or "")


def vector_updates(resource) -> dict:
    """The UPDATE expression for the stored vector of one resource."""
    vector = None
    for lang in LANGUAGES:
        for weight, names in WEIGHTED_FIELDS.items():
            text = " ".join(filter(None, (_text(resource, n, lang) for n in names)))
            if not text:
                continue
            part = SearchVector(Value(text), config=CONFIGS[lang], weight=weight)
            vector = part if vector is None else vector + part
    return {"search_vector": vector if vector is not None else Value(None)}


def _weighted_texts(resource) -> list[str]:
    """Normalised text per (language, weight), in LANGUAGES x WEIGHTED_FIELDS order."""
    return [
        " ".join(filter(None, (_text(resource, name, lang) for name in names)))
        for lang in LANGUAGES
        for names in WEIGHTED_FIELDS.values()
    ]


def bulk_update_search_vectors(resources) -> int:
    """Set the stored vectors of many resources in one statement (same text as save())."""
    rows = [(r.pk, *_weighted_texts(r)) for r in resources]
    if not rows:
        return 0
    weights = list(WEIGHTED_FIELDS)
    columns = ["id"] + [f"{lang}_{w}" for lang in LANGUAGES for w in weights]
    vectors = "search_vector = " + " || ".join(
        f"setweight(to_tsvector('{CONFIGS[lang]}', v.{lang}_{w}), '{w}')"
        for lang in LANGUAGES
        for w in weights
    )
    placeholder = "(" + ", ".join(["%s::bigint"] + ["%s"] * (len(columns) - 1)) + ")"
    sql = (
        f"UPDATE resources_resource AS r SET {vectors} "  # noqa: S608 - names are ours
        f"FROM (VALUES {', '.join([placeholder] * len(rows))}) AS v({', '.join(columns)}) "
        "WHERE r.id = v.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for row in rows for value in row])
    return len(rows)


def rebuild_search_vectors(queryset=None, batch_size: int = 1000) -> int:
    """Recompute every stored vector (management command `rebuild_resource_search`)."""
    from resources.models import Resource

    if not uses_postgres():
        return 0
    queryset = (queryset if queryset is not None else Resource.objects.all()).order_by("pk")
    count, batch = 0, []
    for resource in queryset.iterator(chunk_size=batch_size):
        batch.append(resource)
        if len(batch) == batch_size:
            count += bulk_update_search_vectors(batch)
            batch = []
    return count + bulk_update_search_vectors(batch)


def search(queryset: QuerySet, query: str) -> tuple[QuerySet, list[str]]:
    """Filter to resources matching any word of `query`; annotate `rank` (PostgreSQL).

    Returns the queryset and the normalised terms (for highlighting).
    """
    terms = query_terms(query)
    if not terms:
        return queryset.none().annotate(rank=Value(0.0)), []
    if not uses_postgres():
        # A word's light stem as a substring: "jeunes" finds "jeunesse", "الشباب" finds
        # "شبابنا"; the stemmed forms PostgreSQL joins are out of reach here.
        return _fallback_search(queryset, sorted({match_stem(t) for t in terms})), terms
    tsquery = _any_word_tsquery(terms)
    # ts_rank on an OR query adds up, per query word found, the weight of its best
    # position (A title .. D good-practice fields): a resource that answers more of the
    # words ranks higher, with one function call per row.
    rank = Coalesce(SearchRank(F("search_vector"), tsquery), 0.0)
    return queryset.filter(search_vector=tsquery).annotate(rank=Cast(rank, FloatField())), terms


def _any_word_tsquery(terms: list[str]) -> SearchQuery:
    """Any of the words, each analysed by the configurations of text it can be in: an
    Arabic word by `arabic`; a Latin-script word by `english` and `french` (and `arabic`,
    which keeps Latin words in Arabic text as they are)."""
    arabic = [t for t in terms if ARABIC_LETTERS.search(t)]
    latin = [t for t in terms if not ARABIC_LETTERS.search(t)]
    queries = []
    if arabic:
        queries.append(
            SearchQuery(any_word_query(arabic), config="arabic", search_type="websearch")
        )
    if latin:
        text = any_word_query(latin)
        queries += [
            SearchQuery(text, config=CONFIGS[lang], search_type="websearch") for lang in LANGUAGES
        ]
    return reduce(or_, queries)


def prefer_search_index() -> None:
    """Within the current transaction, keep PostgreSQL off a sequential scan, and off JIT.

    For common words PostgreSQL estimates a sequential scan cheapest, but it then
    decompresses every stored vector. JIT compilation, which the planner starts for
    the large estimates of these queries, costs a tenth to a fifth of a second on
    queries that return a page of rows. (bench/resources_search.py measures the page's
    search; at 100,000 resources it stays far above the issue 11 target: see the
    figures recorded in bench/README.md.)
    """
    if uses_postgres():
        with connection.cursor() as cursor:  # both in one statement (SET LOCAL each)
            cursor.execute(
                "SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)"
            )


def _fallback_search(queryset: QuerySet, terms: list[str]) -> QuerySet:
    fields = [f"{name}_{lang}" for name in ("title", "summary", "body") for lang in LANGUAGES]
    conditions = [Q(**{f"{field}__icontains": term}) for term in terms for field in fields]
    return queryset.filter(reduce(or_, conditions)).annotate(rank=Value(0.0))
