from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet, Window
from django.shortcuts import get_object_or_404

from hubs.models import Hub, HubStaff, Stakeholder
from members.models import City
from strongcities.listing import translated, translation_columns, url_filler


def hubs_for_index() -> QuerySet:
    return Hub.objects.annotate(
        member_count=Count(
            "cities", filter=Q(cities__membership_status=City.MembershipStatus.MEMBER)
        )
    ).order_by("sort_order")


def hub_for_page(slug: str) -> Hub:
    return get_object_or_404(
        Hub.objects.prefetch_related(
            "countries",
            Prefetch(
                "staff",
                queryset=HubStaff.objects.filter(is_active=True).select_related("user"),
                to_attr="active_staff",
            ),
        ),
        slug=slug,
    )


# A hub page lists its member cities up to this many (every hub of the real network has
# fewer); past it the page links to the directory filtered by the hub, which pages them,
# so the hub page does not grow with the network.
HUB_PAGE_CITIES = 100


@dataclass
class HubCities:
    shown: list[dict]  # the first HUB_PAGE_CITIES, by name: name, url, latitude, longitude
    total: int

    @property
    def is_complete(self) -> bool:
        return len(self.shown) == self.total

    @property
    def mapped(self) -> bool:
        """A map of some of them would mislead: only a complete list is drawn."""
        return bool(self.shown) and self.is_complete


def hub_member_cities(hub: Hub, limit: int | None = None) -> HubCities:
    """The hub's publicly listed cities by name, at most `limit` (HUB_PAGE_CITIES) of
    them, and how many there are. Rows of values with their names and links worked out
    here (strongcities.listing): instances and a reverse() per city were most of the
    page's time."""
    limit = HUB_PAGE_CITIES if limit is None else limit
    name = translated("name")
    city_url = url_filler("members:city-detail", "country", "slug")
    # the window counts every row before LIMIT applies: one query, whatever the size
    fields = ["slug", "country", "latitude", "longitude", *translation_columns("name")]
    rows = list(
        hub.cities.publicly_listed()
        .annotate(listed_total=Window(Count("pk")))
        .order_by("name", "pk")
        .values(*fields, "listed_total")[:limit]
    )
    shown = [
        {
            "name": name(row),
            "url": city_url(row["country"].lower(), row["slug"]),
            "latitude": row["latitude"],
            "longitude": row["longitude"],
        }
        for row in rows
    ]
    return HubCities(shown, rows[0]["listed_total"] if rows else 0)


def hub_upcoming_events(hub: Hub, limit: int = 5) -> list:
    from events.models import Event

    return list(Event.objects.public().upcoming().filter(hub=hub)[:limit])


STAKEHOLDER_KINDS = Stakeholder.Kind.choices


def hub_stakeholders(hub: Hub, *, kind: str = "") -> QuerySet:
    stakeholders = hub.stakeholders.all()
    if kind in Stakeholder.Kind.values:
        stakeholders = stakeholders.filter(kind=kind)
    return stakeholders.order_by("kind", "name")


def hub_needs(hub: Hub) -> QuerySet:
    return hub.needs.select_related("city", "priority").order_by("-created_at")


def hub_consultations(hub: Hub) -> QuerySet:
    return hub.consultations.select_related("city").order_by("-held_on")


def hub_recent_good_practices(hub: Hub, limit: int = 3) -> list:
    from resources.models import Resource

    return list(
        Resource.objects.published()
        .filter(hubs=hub, kind=Resource.Kind.GOOD_PRACTICE)
        .order_by("-published_at")[:limit]
    )
