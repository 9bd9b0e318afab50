"""Reads shaped for the members' pages: each returns what its page shows, in a fixed
number of queries."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.db.models.functions import Cos, Radians, Sin
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django_countries.fields import Country

from members.models import City, FocalPoint, ProfileRevision, StrategicPriority, ThematicArea
from strongcities.permissions import cities_visible_to
from strongcities.text import comma_join


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


# A country with more members on the map than this shows as one circle with their
# number, linking to the directory filtered by that country. The network's real
# countries have a handful of members each, so every city keeps its own dot; at
# thousands of members one dot each would make a page of megabytes no one could read.
MAP_CLUSTER_ABOVE = 25


@dataclass(frozen=True)
class MemberMap:
    markers: list[dict]  # each a city or a country's cluster, ready to draw
    total: int  # member cities on the map
    legend: list[dict]  # each hub's name and colour

    @property
    def svg(self):
        return map_svg(self.markers)

    @property
    def clustered(self) -> bool:
        return any(marker["count"] for marker in self.markers)

    @property
    def without_hub(self) -> bool:
        return any(marker["colour"] == NO_HUB_COLOUR for marker in self.markers)

    cluster_above = MAP_CLUSTER_ABOVE


def member_map() -> MemberMap:
    """Every publicly listed member with coordinates, for the member map: a dot per
    city, or a counted circle per crowded country, and the hubs' legend (three queries
    whatever the size)."""
    from django.urls import reverse

    from hubs.models import Hub

    hubs = list(Hub.objects.order_by("sort_order", "pk"))
    colour_of = {hub.pk: HUB_COLOURS[i % len(HUB_COLOURS)] for i, hub in enumerate(hubs)}
    hub_name = {hub.pk: hub.name for hub in hubs}
    on_map = City.objects.publicly_listed().filter(latitude__isnull=False, longitude__isnull=False)
    crowds = list(
        on_map.values("country", "hub_id")
        .annotate(
            count=Count("pk"),
            lat=Avg("latitude"),
            # longitudes averaged as directions: Fiji's 179° and -179° meet at 180°, not 0°
            east=Avg(Sin(Radians("longitude"))),
            north=Avg(Cos(Radians("longitude"))),
        )
        .order_by("country", "hub_id")
    )
    # per country: its members, their mean position, and the hub most of them are in
    per_country: dict[str, dict] = {}
    for crowd in crowds:
        country = per_country.setdefault(
            crowd["country"], {"count": 0, "lat": 0.0, "east": 0.0, "north": 0.0, "hubs": {}}
        )
        country["count"] += crowd["count"]
        country["lat"] += float(crowd["lat"]) * crowd["count"]
        country["east"] += float(crowd["east"]) * crowd["count"]
        country["north"] += float(crowd["north"]) * crowd["count"]
        country["hubs"][crowd["hub_id"]] = crowd["count"]
    crowded = {code for code, c in per_country.items() if c["count"] > MAP_CLUSTER_ABOVE}

    # One reverse() for the whole map: at 10,000 members, one per city costs seconds.
    pattern = reverse("members:city-detail", kwargs={"country": "zz", "slug": "slug-0"})
    cities = on_map.exclude(country__in=crowded).only(*MAP_FIELDS).order_by("name", "pk")
    markers = [
        _marker(
            url=pattern.replace("/zz/slug-0/", f"/{city.country.code.lower()}/{city.slug}/"),
            lat=city.latitude,
            lon=city.longitude,
            radius=1.6,
            colour=colour_of.get(city.hub_id, NO_HUB_COLOUR),
            title=city.name,
            hub=hub_name.get(city.hub_id, ""),
        )
        for city in cities
    ]
    directory = reverse("members:city-list")
    for code in sorted(crowded):
        crowd = per_country[code]
        count = crowd["count"]
        hub_id = max(crowd["hubs"], key=lambda pk: (crowd["hubs"][pk], pk or 0))
        markers.append(
            _marker(
                url=f"{directory}?country={code}",
                lat=crowd["lat"] / count,
                lon=math.degrees(math.atan2(crowd["east"], crowd["north"])),
                # a little larger than a city's dot, growing slowly with the number,
                # so that crowded neighbours stay apart
                radius=2.4 + math.log2(count / MAP_CLUSTER_ABOVE),
                colour=colour_of.get(hub_id, NO_HUB_COLOUR),
                title=ngettext(
                    "%(country)s: %(count)d member city",
                    "%(country)s: %(count)d member cities",
                    count,
                )
                % {"country": Country(code).name, "count": count},
                hub=hub_name.get(hub_id, ""),
                count=count,
            )
        )
    legend = [{"name": hub.name, "colour": colour_of[hub.pk]} for hub in hubs]
    return MemberMap(markers, total=sum(c["count"] for c in per_country.values()), legend=legend)


def _marker(*, url, lat, lon, radius, colour, title, hub, count=0) -> dict:
    return {
        "url": url,
        # equirectangular, matching static/img/world-land.svg (viewBox 0 0 360 180)
        "x": round(float(lon) + 180, 2),
        "y": round(90 - float(lat), 2),
        "r": round(radius, 2),
        "colour": colour,
        "title": title,
        "hub": hub,
        "count": count,
    }


MAP_FIELDS = [
    "pk",
    "slug",
    "country",
    "latitude",
    "longitude",
    "hub_id",
    *[f"name{suffix}" for suffix in ("", "_ar", "_en", "_fr")],
]


def map_svg(markers: list[dict]):
    """The map's markers as SVG, joined in Python with escaping: a template loop over
    thousands of cities costs seconds, this costs milliseconds. A cluster carries its
    number, so the map reads without hovering."""
    from django.utils.html import format_html, format_html_join

    def label(m):
        if not m["count"]:
            return ""
        return format_html(
            '<text x="{}" y="{}" font-size="{}" text-anchor="middle" '
            'dominant-baseline="central" fill="#fff" aria-hidden="true">{}</text>',
            f"{m['x']:.2f}",
            f"{m['y']:.2f}",
            f"{m['r'] * 0.75:.2f}",
            m["count"],
        )

    return format_html_join(
        "",
        '<a href="{}"><circle cx="{}" cy="{}" r="{}" fill="{}" stroke="#fff" '
        'stroke-width="0.35"><title>{} · {}</title></circle>{}</a>',
        (
            (
                m["url"],
                f"{m['x']:.2f}",
                f"{m['y']:.2f}",
                f"{m['r']:g}",
                m["colour"],
                m["title"],
                m["hub"],
                label(m),
            )
            for m in markers
        ),
    )


NO_HUB_COLOUR = "#555555"

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
                % {"list": comma_join(p.name for p in shared_priorities)}
            )
        if shared_themes:
            score += 2 * len(shared_themes)
            reasons.append(
                _("shared interests: %(list)s")
                % {"list": comma_join(t.name for t in shared_themes)}
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
