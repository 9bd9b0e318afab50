from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from hubs.models import Hub, HubStaff
from members.models import City


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


def hub_member_cities(hub: Hub) -> QuerySet:
    return hub.cities.publicly_listed().order_by("name")
