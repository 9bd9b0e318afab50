"""Reads of the resource hub, shaped for its pages (a fixed number of queries each)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resources.models import LANGS, Resource, ResourceAttachment
from resources.search import search

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
        query = QueryDict(mutable=True)
        for key, value in params.items():
            if value not in ("", None):
                query[key] = str(value)
        return query.urlencode()


def _condition(name: str, filters: ResourceFilters) -> Q:
    """One active choice as a condition; multi-valued ones through pk__in (no duplicates)."""
    related = {
        "theme": lambda f: Q(themes__slug=f.theme),
        "priority": lambda f: Q(priorities__number=f.priority),
        "hub": lambda f: Q(hubs__slug=f.hub),
        "city": lambda f: Q(cities__pk=f.city),
    }
    if name in related:
        return Q(pk__in=Resource.objects.filter(related[name](filters)).values("pk"))
    return {
        "kind": lambda f: Q(kind=f.kind),
        "lang": lambda f: Q(**{f"in_{f.lang}": True}),
        "year": lambda f: Q(publication_date__year=f.year),
    }[name](filters)


RELATED_FACETS = frozenset({"theme", "priority", "hub", "city"})
COLUMN_FACETS = frozenset({"kind", "lang", "year"})


def _conditions(filters: ResourceFilters, skip: str = "", only=None) -> Q:
    condition = Q()
    for name in filters.active():
        if name != skip and (only is None or name in only):
            condition &= _condition(name, filters)
    return condition


def _apply(queryset: QuerySet, filters: ResourceFilters, skip: str = "") -> QuerySet:
    return queryset.filter(_conditions(filters, skip))


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


@dataclass
class ResourceSearch:
    filters: ResourceFilters
    results: QuerySet
    terms: list[str]
    facets: list[Facet]
    total: int | None = None


def search_resources(params: QueryDict, *, with_facets: bool = True) -> ResourceSearch:
    """The public list: published resources filtered, searched, sorted and faceted.

    Each facet counts the resources matching every *other* choice, so a visitor
    can switch between values of one facet and see what each would give.
    """
    filters = ResourceFilters.from_query(params)
    base = Resource.objects.published()
    terms: list[str] = []
    if filters.q:
        base, terms = search(base, filters.q)
    results = _apply(base, filters)
    if filters.q and filters.sort == "relevance":
        results = results.order_by("-rank", "-publication_date", "-pk")
    else:
        results = results.order_by("-publication_date", "-published_at", "-pk")
    results = results.prefetch_related("themes").select_related("spotlight_city")

    if not with_facets:
        return ResourceSearch(filters=filters, results=results, terms=terms, facets=[])

    def ids(skip):
        return _apply(base, filters, skip=skip).values("pk")

    # One pass over the matching resources counts the total and the single-valued
    # facets (type, language, year); each many-to-many facet takes one more query.
    counts = _column_counts(base, filters)
    facets = [
        _kind_facet(filters, counts),
        _related_facet(filters, "theme", _("Thematic area"), "members.ThematicArea", "slug", ids),
        _related_facet(
            filters, "priority", _("Strategic priority"), "members.StrategicPriority", "number", ids
        ),
        _related_facet(filters, "hub", _("Region"), "hubs.Hub", "slug", ids),
        _related_facet(filters, "city", _("City"), "members.City", "pk", ids, limit=40),
        _language_facet(filters, counts),
        _year_facet(filters, counts),
    ]
    return ResourceSearch(
        filters=filters, results=results, terms=terms, facets=facets, total=counts["total"]
    )


FIRST_YEAR = 1990


def _column_counts(base: QuerySet, filters: ResourceFilters) -> dict:
    """Total and per-value counts of kind, language and year, in one aggregate query."""
    last_year = timezone.localdate().year + 1
    # The many-to-many choices apply to every count here: filter by them once, so
    # each conditional count only tests columns of the row.
    base = base.filter(_conditions(filters, only=RELATED_FACETS))
    aggregates = {"total": Count("pk", filter=_conditions(filters, only=COLUMN_FACETS))}
    others = {name: _conditions(filters, skip=name, only=COLUMN_FACETS) for name in COLUMN_FACETS}
    for value in Resource.Kind.values:
        aggregates[f"kind:{value}"] = Count("pk", filter=others["kind"] & Q(kind=value))
    for code in LANGS:
        aggregates[f"lang:{code}"] = Count("pk", filter=others["lang"] & Q(**{f"in_{code}": True}))
    for year in range(FIRST_YEAR, last_year + 1):
        aggregates[f"year:{year}"] = Count(
            "pk", filter=others["year"] & Q(publication_date__year=year)
        )
    return base.order_by().aggregate(**aggregates)


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
        _option(filters, "kind", value, label, counts[f"kind:{value}"])
        for value, label in Resource.Kind.choices
        if counts[f"kind:{value}"]
    ]
    return _facet(filters, "kind", _("Type"), options)


def _related_facet(filters, name, label, model_path, key, ids, limit=None) -> Facet:
    from django.apps import apps

    model = apps.get_model(model_path)
    rows = (
        model.objects.filter(resources__in=ids(name))
        .annotate(n=Count("resources"))
        .order_by("-n", "pk")
    )
    if limit:
        rows = rows[:limit]
    options = [_option(filters, name, getattr(row, key), str(row), row.n) for row in rows]
    if model_path == "members.StrategicPriority":
        options.sort(key=lambda o: int(o.value))
    return _facet(filters, name, label, options)


def _language_facet(filters, counts) -> Facet:
    options = [
        _option(filters, "lang", code, LANGUAGE_NAMES[code], counts[f"lang:{code}"])
        for code in LANGS
        if counts[f"lang:{code}"]
    ]
    return _facet(filters, "lang", _("Available in"), options)


def _year_facet(filters, counts) -> Facet:
    years = sorted(
        (int(key.split(":")[1]) for key, n in counts.items() if key.startswith("year:") and n),
        reverse=True,
    )
    options = [_option(filters, "year", year, year, counts[f"year:{year}"]) for year in years]
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
    translated fields fall back to (English, French, Arabic) that has a title."""
    from django.conf import settings

    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]
    for code in (visitor_language, *fallbacks):
        if getattr(resource, f"title_{code}", None):
            return code
    return visitor_language


def _public_cities():
    from members.models import City

    return City.objects.publicly_listed().order_by("name")


def related_resources(resource: Resource, limit: int = 4) -> list[Resource]:
    theme_ids = [t.pk for t in resource.themes.all()]
    if not theme_ids:
        return []
    return list(
        Resource.objects.published()
        .exclude(pk=resource.pk)
        .filter(themes__in=theme_ids)
        .annotate(shared=Count("themes"))
        .order_by("-shared", "-publication_date", "-pk")[:limit]
    )


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
