"""Reads of the resource hub, shaped for its pages (a fixed number of queries each)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Prefetch, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from resources import search
from resources.models import LANGS, Resource, ResourceAttachment, resource_date
from resources.textsearch import query_terms
from strongcities.listing import shown_language

LANGUAGE_NAMES = {"ar": "العربية", "en": "English", "fr": "Français"}
FACETS = ("kind", "theme", "priority", "hub", "city", "lang", "year")


def latest_public_resources(limit: int = 3) -> QuerySet:
    return Resource.objects.published().order_by("-featured", "-published_at")[:limit]


def public_resources() -> QuerySet:
    return Resource.objects.published().order_by("-published_at")


# --- the list and search page ------------------------------------------------------


@dataclass
class ResourceFilters:
    """The visitor's choices, parsed tolerantly: a value we do not know is ignored."""

    q: str = ""
    sort: str = "date"
    kind: str = ""
    theme: str = ""
    priority: int | None = None
    hub: str = ""
    city: int | None = None
    lang: str = ""
    year: int | None = None

    @classmethod
    def from_query(cls, params: QueryDict) -> ResourceFilters:
        def integer(name):
            value = params.get(name, "").strip()
            return int(value) if value.isdigit() and len(value) < 10 else None

        q = " ".join(params.get("q", "").split())[:200]
        kind = params.get("kind", "")
        lang = params.get("lang", "")
        sort = params.get("sort", "")
        return cls(
            q=q,
            sort=sort if sort in {"relevance", "date"} else ("relevance" if q else "date"),
            kind=kind if kind in Resource.Kind.values else "",
            theme=params.get("theme", "")[:50],
            priority=integer("priority"),
            hub=params.get("hub", "")[:50],
            city=integer("city"),
            lang=lang if lang in LANGS else "",
            year=integer("year"),
        )

    def active(self) -> dict:
        return {
            name: getattr(self, name) for name in FACETS if getattr(self, name) not in ("", None)
        }

    def query_string(self, **changes) -> str:
        """The URL query for these filters with some changed (None removes one)."""
        params = {"q": self.q, **self.active(), "sort": self.sort if self.q else ""}
        params.update(changes)
        # urlencode as QueryDict.urlencode does it, without building a QueryDict per
        # link (a page of facets has dozens).
        return urlencode([(k, str(v)) for k, v in params.items() if v not in ("", None)])


def active_tags(filters: ResourceFilters) -> dict[str, str]:
    """Each active choice as the tag a search entry carries ("theme:young-cities")."""
    return {name: f"{name}:{value}" for name, value in filters.active().items()}


def tags_of(resource: Resource) -> set[str]:
    """A resource's tags computed in Python (as resources.search.TAGS_SQL does in SQL),
    for the SQLite fallback."""
    tags = {f"kind:{resource.kind}"} | {f"lang:{code}" for code in resource.languages}
    if resource.publication_date:
        tags.add(f"year:{resource.publication_date.year}")
    tags |= {f"theme:{t.slug}" for t in resource.themes.all()}
    tags |= {f"priority:{p.number}" for p in resource.priorities.all()}
    tags |= {f"hub:{h.slug}" for h in resource.hubs.all()}
    tags |= {f"city:{c.pk}" for c in resource.cities.all()}
    return tags


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    query: str


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)
    clear_query: str = ""


class SearchResults:
    """The ordered results of a search, sliced as a paginator (or the API) asks.

    The statement that counted the results also fetched the ids of the page the
    visitor asked for; another window costs one more statement."""

    def __init__(self, total, window, fetch_ids):
        self.total = total
        self._window = window  # (offset, ids)
        self._fetch_ids = fetch_ids
        # What a slice gives for the ids it holds: Resource instances (the API), or the
        # list page's cards (`resource_cards`).
        self.load = _resources_in_order

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        start = index.start or 0
        stop = self.total if index.stop is None else min(index.stop, self.total)
        if stop <= start:
            return []
        offset, ids = self._window
        if not (offset <= start and stop <= offset + len(ids)) or (
            stop - start > len(ids) and offset + len(ids) < self.total
        ):
            ids, offset = self._fetch_ids(start, stop - start), start
        return self.load(ids[start - offset : stop - offset])

    def __iter__(self):
        return iter(self[0 : self.total])


# What a list never shows: the good-practice record, the quote, the contact (each in
# four columns: the field and its three languages). Not loading them halves what a
# page of results costs to read and build.
NOT_LISTED = tuple(
    f"{name}{suffix}"
    for name in (
        "approach", "aim", "target_group", "methods", "results", "lessons_learned",
        "contact_point", "quote", "quote_attribution",
    )
    for suffix in ("", "_ar", "_en", "_fr")
)  # fmt: skip


def _resources_in_order(ids: list[int]) -> list[Resource]:
    by_pk = (
        Resource.objects.filter(pk__in=ids)
        .defer(*NOT_LISTED)
        .select_related("spotlight_city")
        .in_bulk()
    )
    attach_listed_themes(by_pk)
    return [by_pk[pk] for pk in ids if pk in by_pk]


def attach_listed_themes(resources_by_pk: dict[int, Resource]) -> None:
    """Set each resource's `listed_themes` from one query. prefetch_related("themes")
    reads the same rows but builds a queryset for every resource: a quarter of the time a
    page of 20 results took to load (bench/README.md)."""
    for resource in resources_by_pk.values():
        resource._listed_themes = []
    for link in _theme_links(resources_by_pk).select_related("thematicarea"):
        resources_by_pk[link.resource_id]._listed_themes.append(link.thematicarea)


def _theme_links(resource_ids) -> QuerySet:
    """The resources' links to their thematic areas, in the areas' own order."""
    areas = Resource.themes.field.related_model  # members.ThematicArea
    order = [f"thematicarea__{name}" for name in areas._meta.ordering]
    return Resource.themes.through.objects.filter(resource_id__in=resource_ids).order_by(*order)


def resource_cards(ids: list[int]) -> list[dict]:
    """What the list page shows of each resource, in the order of `ids`: read as values
    in the page's language, with modeltranslation's fallbacks, in two queries. Model
    instances for a page of 20 (and a reverse() each) were a third of a search's time
    at 100,000 resources (bench/README.md)."""
    from django.utils.translation import get_language

    from strongcities.listing import (
        choice_labels,
        shown_language,
        translated,
        translation_columns,
        url_filler,
    )

    texts = ("title", "summary", "body", "spotlight_city__name")
    columns = [column for name in texts for column in translation_columns(name)]
    rows = {
        row["id"]: row
        for row in Resource.objects.filter(pk__in=ids).values(*CARD_COLUMNS, *columns)
    }
    theme_name = translated("thematicarea__name")
    themes: dict[int, list[str]] = {pk: [] for pk in rows}
    links = _theme_links(rows).values("resource_id", *translation_columns("thematicarea__name"))
    for link in links:
        themes[link["resource_id"]].append(theme_name(link))
    title, summary, body, city = (translated(name) for name in texts)
    url = url_filler("resources:resource-detail", "slug")
    kinds = choice_labels(Resource.Kind.choices)
    language = get_language()
    cards = []
    for pk in ids:
        row = rows.get(pk)
        if row is None:
            continue
        cards.append(
            {
                "slug": row["slug"],
                "url": url(row["slug"]),
                "title": title(row),
                "summary": summary(row),
                "body": body(row),
                "language": shown_language(row, "title", language),
                "kind": kinds.get(row["kind"], row["kind"]),
                "date": resource_date(row["publication_date"], row["published_at"]),
                "city": city(row) if row["spotlight_city_id"] else "",
                "languages": [code for code in LANGS if row[f"in_{code}"]],
                "themes": themes[pk],
            }
        )
    return cards


def highlighted_cards(cards: list[dict], terms: list[str]) -> list[dict]:
    """The cards with the searched words marked: the title, and as the snippet the
    summary, or the body where only the body has a searched word."""
    from django.utils.safestring import mark_safe

    from resources.textsearch import highlight

    highlighted = []
    for card in cards:
        title_html, _matched = highlight(card["title"], terms, length=250)
        snippet, matched = highlight(card["summary"], terms)
        if terms and not matched and card["body"]:
            body_snippet, body_matched = highlight(card["body"], terms, is_html=True)
            if body_matched:
                snippet = body_snippet
        # highlight() escapes the text itself and adds only <mark> tags.
        highlighted.append(
            {
                **card,
                "title": mark_safe(title_html),  # noqa: S308
                "snippet": mark_safe(snippet),  # noqa: S308
            }
        )
    return highlighted


CARD_COLUMNS = (
    "id", "slug", "kind", "publication_date", "published_at", "spotlight_city_id",
    *(f"in_{code}" for code in LANGS),
)  # fmt: skip


@dataclass
class ResourceSearch:
    filters: ResourceFilters
    results: SearchResults
    terms: list[str]
    facets: list[Facet]
    total: int | None = None


def search_resources(
    params: QueryDict, *, with_facets: bool = True, page_size: int = 20, cards: bool = False
) -> ResourceSearch:
    """The public list: published resources filtered, searched, sorted and faceted.

    Each facet counts the resources matching every *other* choice, so a visitor
    can switch between values of one facet and see what each would give. The page
    named by `page` in `params` (of `page_size`) is fetched with the counts. The
    results are Resource instances, or with `cards` what the list page shows of them
    (`resource_cards`).
    """
    filters = ResourceFilters.from_query(params)
    page = params.get("page", "1")
    offset = (int(page) - 1) * page_size if page.isdigit() and 0 < int(page) < 10**6 else 0
    relevance = bool(filters.q) and filters.sort == "relevance"
    if search.uses_postgres():
        terms = query_terms(filters.q) if filters.q else []
        if filters.q and not terms:  # only stop words or punctuation: nothing to find
            return ResourceSearch(filters, SearchResults(0, (0, []), None), [], [], total=0)
        tags = active_tags(filters)
        if terms:
            found = search.run_search(
                terms, tags, relevance=relevance, offset=offset, limit=page_size,
                with_facets=with_facets,
            )  # fmt: skip
        else:
            found = _browse(tags, offset=offset, limit=page_size, with_facets=with_facets)

        def fetch_ids(start, count):
            return search.run_search(
                terms, tags, relevance=relevance, offset=start, limit=count, with_facets=False
            ).page_ids

        results = SearchResults(found.total, (offset, found.page_ids), fetch_ids)
        tag_counts = found.tag_counts
    else:
        results, terms, tag_counts = _search_in_python(filters)
    if cards:
        results.load = resource_cards
    facets = _facets(filters, tag_counts) if with_facets else []
    return ResourceSearch(filters, results, terms, facets, total=results.total)


def browse_key(tags: dict[str, str], *, offset: int, limit: int, with_facets: bool) -> str:
    """Where `_browse` keeps a page of browsing: per release (the stored object's shape
    is this code's) and per generation of the resources (any write makes a new one)."""
    from strongcities.pagecache import RESOURCES, generation
    from strongcities.release import code_release

    return "resource-browse:{}:{}:{}:{}:{}:{}".format(
        code_release(),
        generation(RESOURCES),
        ",".join(sorted(tags.values())),
        offset,
        limit,
        int(with_facets),
    )


def _browse(tags: dict[str, str], *, offset: int, limit: int, with_facets: bool):
    """Browsing without a query: few distinct pages, each counting facets over much of
    the library (a fifth of a second at 100,000 resources), so each is kept until the
    resources change (the page cache's generation for them, bumped by every write).
    Searches are not kept: their variety would fill the cache for few hits."""
    from contextlib import suppress

    from django.core.cache import cache
    from redis.exceptions import RedisError

    def run():
        return search.run_search(
            [], tags, relevance=False, offset=offset, limit=limit, with_facets=with_facets
        )

    try:
        key = browse_key(tags, offset=offset, limit=limit, with_facets=with_facets)
        found = cache.get(key)
    except RedisError:  # the cache is down: the page is computed, never refused
        return run()
    if found is None:
        found = run()
        with suppress(RedisError):
            cache.set(key, found, 600)
    return found


def _search_in_python(filters: ResourceFilters):
    """SQLite (the quick start's demo-sized collection): match in SQL, facets here."""
    queryset = Resource.objects.published().prefetch_related(
        "themes", "priorities", "hubs", "cities"
    )
    terms: list[str] = []
    if filters.q:
        queryset, terms = search.fallback_search(queryset, filters.q)
    rows = [(resource, tags_of(resource)) for resource in queryset]
    active = active_tags(filters)
    chosen = set(active.values())
    tag_counts: dict[str, int] = {}
    for _resource, tags in rows:
        for tag in tags:
            facet = tag.split(":", 1)[0]
            if {t for n, t in active.items() if n != facet} <= tags:
                tag_counts[tag] = tag_counts.get(tag, 0) + 1
    matching = [resource for resource, tags in rows if chosen <= tags]
    matching.sort(
        key=lambda r: (r.publication_date or datetime.date.min, r.published_at or _EPOCH, r.pk),
        reverse=True,
    )
    ids = [r.pk for r in matching]
    return (
        SearchResults(len(ids), (0, ids), lambda start, count: ids[start : start + count]),
        terms,
        tag_counts,
    )


_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _facets(filters: ResourceFilters, tag_counts: dict[str, int]) -> list[Facet]:
    from hubs.models import Hub
    from members.models import City, StrategicPriority, ThematicArea

    values: dict[str, dict[str, int]] = {}
    for tag, count in tag_counts.items():
        name, _sep, value = tag.partition(":")
        values.setdefault(name, {})[value] = count
    return [
        _kind_facet(filters, values.get("kind", {})),
        _model_facet(filters, "theme", _("Thematic area"), ThematicArea, "slug", values),
        _model_facet(filters, "priority", _("Strategic priority"), StrategicPriority, "number",
                     values),
        _model_facet(filters, "hub", _("Region"), Hub, "slug", values),
        _model_facet(filters, "city", _("City"), City, "pk", values, limit=40),
        _language_facet(filters, values.get("lang", {})),
        _year_facet(filters, values.get("year", {})),
    ]  # fmt: skip


def _option(filters, name, value, label, count) -> FacetOption:
    selected = str(getattr(filters, name)) == str(value)
    return FacetOption(
        value=str(value),
        label=str(label),
        count=count,
        selected=selected,
        query=filters.query_string(**{name: None if selected else value}),
    )


def _facet(filters, name, label, options) -> Facet:
    return Facet(name, str(label), options, filters.query_string(**{name: None}))


def _kind_facet(filters, counts) -> Facet:
    options = [
        _option(filters, "kind", value, label, counts[value])
        for value, label in Resource.Kind.choices
        if counts.get(value)
    ]
    return _facet(filters, "kind", _("Type"), options)


def _model_facet(filters, name, label, model, key, values, limit=None) -> Facet:
    """Options of a many-to-many facet, most resources first, labelled from `model`
    (one query, for the values found only; none if there are none)."""
    counts = values.get(name, {})
    if key != "slug":
        counts = {int(v): n for v, n in counts.items() if v.isdigit()}
    ranked = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    if limit:
        ranked = ranked[:limit]
    if not ranked:
        return _facet(filters, name, label, [])
    labels = {getattr(row, key): str(row) for row in model.objects.filter(
        **{f"{key}__in": [value for value, _n in ranked]})}  # fmt: skip
    options = [
        _option(filters, name, value, labels[value], n) for value, n in ranked if value in labels
    ]
    if name == "priority":
        options.sort(key=lambda o: int(o.value))
    return _facet(filters, name, label, options)


def _language_facet(filters, counts) -> Facet:
    options = [
        _option(filters, "lang", code, LANGUAGE_NAMES[code], counts[code])
        for code in LANGS
        if counts.get(code)
    ]
    return _facet(filters, "lang", _("Available in"), options)


def _year_facet(filters, counts) -> Facet:
    years = sorted((int(y) for y, n in counts.items() if y.isdigit() and n), reverse=True)
    options = [_option(filters, "year", year, year, counts[str(year)]) for year in years]
    return _facet(filters, "year", _("Year"), options)


# --- detail ------------------------------------------------------------------------


def resource_for_page(slug: str, *, include_unpublished: bool = False) -> Resource | None:
    queryset = Resource.objects.all() if include_unpublished else Resource.objects.published()
    return (
        queryset.select_related("spotlight_city", "submitted_city")
        .prefetch_related(
            "themes",
            "priorities",
            "hubs",
            "links",
            Prefetch("attachments", queryset=ResourceAttachment.objects.order_by("language")),
            Prefetch("cities", queryset=_public_cities()),
        )
        .filter(slug=slug)
        .first()
    )


def content_language(resource: Resource, visitor_language: str) -> str:
    """The language the page's text is shown in: the visitor's, or the first one the
    translated fields fall back to that has a title."""
    return shown_language(resource, "title", visitor_language)


def _public_cities():
    from members.models import City

    return City.objects.publicly_listed().order_by("name")


def related_resources(resource: Resource, limit: int = 4) -> list[Resource]:
    """Published resources sharing the most thematic areas with `resource`, newest first.

    PostgreSQL: through the search entries, newest first along their date index: those
    with every theme of the resource, then those with any (each walk stops at `limit`
    rows; grouping every resource of a theme took a third of a second at 100,000)."""
    theme_slugs = [t.slug for t in resource.themes.all()]
    if not theme_slugs:
        return []
    if not search.uses_postgres():
        theme_ids = [t.pk for t in resource.themes.all()]
        return list(
            Resource.objects.published()
            .exclude(pk=resource.pk)
            .filter(themes__in=theme_ids)
            .annotate(shared=Count("themes"))
            .order_by("-shared", "-publication_date", "-pk")[:limit]
        )
    from resources.models import SearchEntry

    tags = [f"theme:{slug}" for slug in theme_slugs]
    newest = SearchEntry.objects.exclude(resource_id=resource.pk).order_by(
        "-publication_date", "-resource_id"
    )
    ids = list(newest.filter(tags__contains=tags).values_list("resource_id", flat=True)[:limit])
    if len(ids) < limit and len(tags) > 1:
        more = newest.filter(tags__overlap=tags).exclude(resource_id__in=ids)
        ids += list(more.values_list("resource_id", flat=True)[: limit - len(ids)])
    by_pk = Resource.objects.in_bulk(ids)
    return [by_pk[pk] for pk in ids if pk in by_pk]


# --- translation parity (staff) ------------------------------------------------------


@dataclass
class ParityRow:
    resource: Resource
    languages: dict  # code -> {"title": bool, "summary": bool, "body": bool, "file": bool}

    @property
    def complete(self) -> bool:
        return all(all(parts.values()) for parts in self.languages.values())


def translation_parity(*, missing: str = "") -> tuple[list[ParityRow], dict]:
    """Published resources by language: what lacks an Arabic, English or French version."""
    rows = []
    gaps = dict.fromkeys(LANGS, 0)
    resources = (
        Resource.objects.published()
        .prefetch_related("attachments")
        .order_by("-published_at", "-pk")
    )
    for resource in resources:
        files = {a.language for a in resource.attachments.all()}
        has_files = bool(files)
        has_body = any(getattr(resource, f"body_{code}") for code in LANGS)
        languages = {}
        for code in LANGS:
            parts = {
                "title": bool(getattr(resource, f"title_{code}")),
                "summary": bool(getattr(resource, f"summary_{code}")),
                "body": bool(getattr(resource, f"body_{code}")) or not has_body,
                "file": code in files or not has_files,
            }
            languages[code] = parts
            if not all(parts.values()):
                gaps[code] += 1
        row = ParityRow(resource, languages)
        if missing in LANGS and all(languages[missing].values()):
            continue
        rows.append(row)
    return rows, gaps
