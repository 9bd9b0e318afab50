from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404

from members.models import City, StrategicPriority, ThematicArea
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


def directory(user, *, hub_slug: str = "", query: str = "") -> QuerySet:
    """Cities the user may see, with what the directory row shows."""
    cities = cities_visible_to(user).select_related("hub").order_by("name")
    if hub_slug:
        cities = cities.filter(hub__slug=hub_slug)
    if query:
        cities = cities.filter(name__icontains=query)
    return cities


def city_for_page(*, country: str, slug: str) -> City:
    return get_object_or_404(
        City.objects.select_related("hub").prefetch_related("priorities", "themes"),
        country=country.upper(),
        slug=slug,
    )


def cities_per_hub() -> QuerySet:
    from hubs.models import Hub

    return Hub.objects.annotate(member_count=Count("cities")).order_by("sort_order")
