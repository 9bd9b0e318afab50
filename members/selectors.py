"""Reads shaped for the members' pages: each returns what its page shows, in a fixed
number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from members.models import City, FocalPoint, ProfileRevision, StrategicPriority, ThematicArea
from strongcities.permissions import cities_visible_to


def network_figures() -> dict:
    """The headline numbers on the home page."""
    from hubs.models import Hub

    members = City.objects.members()
    return {
        "members": members.count(),
        "countries": members.values("country").distinct().count(),
        "hubs": Hub.objects.exclude(status=Hub.Status.PLANNED).count(),
    }


def strategic_priorities() -> QuerySet:
    return StrategicPriority.objects.order_by("number")


def thematic_areas() -> QuerySet:
    return ThematicArea.objects.order_by("sort_order")


@dataclass
class DirectoryFilters:
    hub: str = ""
    country: str = ""
    authority_type: str = ""
    priority: int | None = None
    theme: str = ""
    query: str = ""

    @classmethod
    def from_params(cls, params) -> DirectoryFilters:
        try:
            priority = int(params.get("priority", "")) or None
        except ValueError:
            priority = None
        return cls(
            hub=params.get("hub", "")[:60],
            country=params.get("country", "")[:2].upper(),
            authority_type=params.get("authority_type", "")[:32],
            priority=priority,
            theme=params.get("theme", "")[:60],
            query=params.get("q", "").strip()[:100],
        )

    @property
    def active(self) -> bool:
        return any([self.hub, self.country, self.authority_type, self.priority, self.theme])


def search_names(cities: QuerySet, query: str) -> QuerySet:
    """Match a city by its name in any of the three languages, or its slug."""
    return cities.filter(
        Q(name_ar__icontains=query)
        | Q(name_en__icontains=query)
        | Q(name_fr__icontains=query)
        | Q(slug__icontains=query)
    )


def directory(user, filters: DirectoryFilters | None = None) -> QuerySet:
    """Cities the user may see in the directory, filtered, with what a row shows."""
    filters = filters or DirectoryFilters()
    cities = cities_visible_to(user).select_related("hub").order_by("name", "pk")
    if filters.hub:
        cities = cities.filter(hub__slug=filters.hub)
    if filters.country:
        cities = cities.filter(country=filters.country)
    if filters.authority_type:
        cities = cities.filter(authority_type=filters.authority_type)
    if filters.priority:
        cities = cities.filter(priorities__number=filters.priority)
    if filters.theme:
        cities = cities.filter(themes__slug=filters.theme)
    if filters.query:
        cities = search_names(cities, filters.query)
    return cities.distinct() if (filters.priority or filters.theme) else cities


def directory_countries(user) -> list[tuple[str, str]]:
    """(code, name) of the countries that have a visible city, for the filter."""
    codes = cities_visible_to(user).order_by().values_list("country", flat=True).distinct()
    return sorted(((c, country_name(c)) for c in set(codes)), key=lambda pair: pair[1])


@lru_cache(maxsize=2048)
def _country_name(code: str, language: str | None) -> str:
    from django_countries import countries

    return str(countries.name(code))


def country_name(code: str) -> str:
    """A country's name in the active language, looked up once per process (the filters
    list a couple of hundred, each a few catalogue lookups)."""
    return _country_name(code, get_language())


def city_for_page(*, country: str, slug: str) -> City:
    return get_object_or_404(
        City.objects.select_related("hub").prefetch_related("priorities", "themes"),
        country=country.upper(),
        slug=slug,
    )


def focal_points_of(city) -> QuerySet:
    return (
        city.focal_points.filter(is_active=True)
        .select_related("user")
        .order_by("-is_primary", "since")
    )


def profile_history(city, *, limit: int = 50) -> QuerySet:
    return city.revisions.select_related("changed_by")[:limit]


def map_points() -> list[dict]:
    """Every publicly listed member with coordinates, for the member map."""
    from django.urls import reverse

    from hubs.models import Hub

    colour_of = {
        pk: HUB_COLOURS[i % len(HUB_COLOURS)]
        for i, pk in enumerate(
            Hub.objects.order_by("sort_order", "pk").values_list("pk", flat=True)
        )
    }
    # One reverse() for the whole map: at 10,000 members, one per city costs seconds.
    pattern = reverse("members:city-detail", kwargs={"country": "zz", "slug": "slug-0"})
    cities = (
        City.objects.publicly_listed()
        .filter(latitude__isnull=False, longitude__isnull=False)
        .select_related("hub")
        .only(*MAP_FIELDS)
        .order_by("name", "pk")
    )
    return [
        {
            "name": city.name,
            "url": pattern.replace("/zz/slug-0/", f"/{city.country.code.lower()}/{city.slug}/"),
            "lat": float(city.latitude),
            "lon": float(city.longitude),
            # equirectangular, matching static/img/world-land.svg (viewBox 0 0 360 180)
            "x": round(float(city.longitude) + 180, 2),
            "y": round(90 - float(city.latitude), 2),
            "hub": city.hub.name if city.hub_id else "",
            "colour": colour_of.get(city.hub_id, "#555555"),
        }
        for city in cities
    ]


MAP_FIELDS = [
    "pk",
    "slug",
    "country",
    "latitude",
    "longitude",
    *[f"name{suffix}" for suffix in ("", "_ar", "_en", "_fr")],
    "hub__id",
    *[f"hub__name{suffix}" for suffix in ("", "_ar", "_en", "_fr")],
]


def map_svg_dots(points: list[dict]):
    """The map's dots as SVG, joined in Python with escaping: a template loop over
    10,000 cities costs seconds, this costs milliseconds."""
    from django.utils.html import format_html_join

    return format_html_join(
        "",
        '<a href="{}"><circle cx="{}" cy="{}" r="1.6" fill="{}" stroke="#fff" '
        'stroke-width="0.35"><title>{} · {}</title></circle></a>',
        (
            (p["url"], f"{p['x']:.2f}", f"{p['y']:.2f}", p["colour"], p["name"], p["hub"])
            for p in points
        ),
    )


# Distinguishable for colour-blind readers (Okabe–Ito), one per hub.
HUB_COLOURS = [
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#D55E00",
    "#56B4E9",
    "#7a6a00",
    "#000000",
]


def hub_legend() -> list[dict]:
    from hubs.models import Hub

    hubs = Hub.objects.order_by("sort_order", "pk")
    return [
        {"name": hub.name, "colour": HUB_COLOURS[i % len(HUB_COLOURS)]}
        for i, hub in enumerate(hubs)
    ]


def cities_per_hub() -> QuerySet:
    from hubs.models import Hub

    return Hub.objects.annotate(
        member_count=Count(
            "cities", filter=Q(cities__membership_status=City.MembershipStatus.MEMBER)
        )
    ).order_by("sort_order")


# --- peer cities ------------------------------------------------------------------


@dataclass
class PeerMatch:
    city: City
    score: int
    reasons: list[str]


def peer_cities(city, *, limit: int = 5) -> list[PeerMatch]:
    """Members most like `city`, with why: shared priorities and interests weigh most,
    then authority type, size and region. Three queries whatever the network's size."""
    own_priorities = {p.pk: p for p in city.priorities.all()}
    own_themes = {t.pk: t for t in city.themes.all()}
    candidates = (
        City.objects.members()
        .exclude(pk=city.pk)
        .select_related("hub")
        .prefetch_related(
            Prefetch("priorities", queryset=StrategicPriority.objects.only("pk")),
            Prefetch("themes", queryset=ThematicArea.objects.only("pk")),
        )
    )
    comma = pgettext("list separator", ", ")
    matches = []
    for other in candidates:
        reasons, score = [], 0
        shared_priorities = [
            own_priorities[p.pk] for p in other.priorities.all() if p.pk in own_priorities
        ]
        shared_themes = [own_themes[t.pk] for t in other.themes.all() if t.pk in own_themes]
        if shared_priorities:
            score += 3 * len(shared_priorities)
            reasons.append(
                _("shared priorities: %(list)s")
                % {"list": comma.join(p.name for p in shared_priorities)}
            )
        if shared_themes:
            score += 2 * len(shared_themes)
            reasons.append(
                _("shared interests: %(list)s")
                % {"list": comma.join(t.name for t in shared_themes)}
            )
        if other.authority_type == city.authority_type:
            score += 2
            reasons.append(
                _("also a %(type)s") % {"type": other.get_authority_type_display().lower()}
            )
        if city.population and other.population and 0.5 <= other.population / city.population <= 2:
            score += 1
            reasons.append(_("similar population"))
        if city.hub_id and other.hub_id == city.hub_id:
            score += 1
            reasons.append(_("same region"))
        if score and (shared_priorities or shared_themes):
            matches.append(PeerMatch(other, score, reasons))
    matches.sort(key=lambda m: (-m.score, m.city.name))
    return matches[:limit]


def recent_revisions(cities, *, limit: int = 20) -> QuerySet:
    return (
        ProfileRevision.objects.filter(city__in=cities)
        .select_related("city", "changed_by")
        .order_by("-changed_at")[:limit]
    )


def primary_focal_point(city) -> FocalPoint | None:
    return focal_points_of(city).filter(is_primary=True).first()
