"""Full-text search over resources.

PostgreSQL: one stored tsvector per resource, built from Python-normalised text (see
textsearch.py): the Arabic fields analysed with the `arabic` configuration, the
English with `english`, the French with `french`, weighted title (A) > summary and
quote (B) > body (C) > the structured good-practice fields (D). A query is normalised
the same way and turned into an *any-word* tsquery under each configuration
(`websearch_to_tsquery('a or b')`, OR-ed together): natural queries ("comment les
villes travaillent avec les jeunes") would match almost nothing if every word were
required. ts_rank then puts resources that answer more (and more important) words
first, so relevance sorting does the work an all-words query would do, without
losing recall.

SQLite (the quick start): any-word `icontains` over the translated fields.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, FloatField, Q, QuerySet, Value
from django.db.models.functions import Cast, Coalesce

from resources.textsearch import (
    CONFIGS,
    LANGUAGES,
    TOKEN,
    any_word_query,
    normalise_text,
    normalise_token,
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
        words = [w for w in TOKEN.findall(query.lower()) if normalise_token(w) in terms]
        return _fallback_search(queryset, words or terms), terms
    text = any_word_query(terms)
    # The words analysed by each language's configuration, any of them may match.
    tsquery = reduce(
        or_,
        (SearchQuery(text, config=CONFIGS[lang], search_type="websearch") for lang in LANGUAGES),
    )
    # ts_rank on an OR query adds up, per query word found, the weight of its best
    # position (A title .. D good-practice fields): a resource that answers more of the
    # words ranks higher, with one function call per row.
    rank = Coalesce(SearchRank(F("search_vector"), tsquery), 0.0)
    return queryset.filter(search_vector=tsquery).annotate(rank=Cast(rank, FloatField())), terms


def prefer_search_index() -> None:
    """Within the current transaction, scan matches through the GIN index.

    For common words PostgreSQL estimates a sequential scan cheaper, but it then
    decompresses every stored vector; the bitmap from the index counts and facets
    without reading them (measured in bench/resources_search.py: about ten times
    faster at 100,000 resources).
    """
    if uses_postgres():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")


def _fallback_search(queryset: QuerySet, terms: list[str]) -> QuerySet:
    fields = [f"{name}_{lang}" for name in ("title", "summary", "body") for lang in LANGUAGES]
    conditions = [Q(**{f"{field}__icontains": term}) for term in terms for field in fields]
    return queryset.filter(reduce(or_, conditions)).annotate(rank=Value(0.0))
