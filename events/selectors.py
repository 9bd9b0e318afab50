"""Reads shaped for the events pages: a fixed number of queries whatever the size."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from events.models import Event, Registration
from hubs.models import Hub
from members.models import ThematicArea
from strongcities.permissions import events_visible_to


def seats_taken_subquery():
    """Seats taken per event, as a correlated subquery: computed only for the rows of the
    page (a join and GROUP BY over every event's registrations costs seconds at scale)."""
    seats = (
        Registration.objects.filter(event=OuterRef("pk"), status__in=Registration.SEAT_STATUSES)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(seats, output_field=IntegerField()), 0)


def upcoming_public_events(limit: int | None = None) -> QuerySet:
    events = Event.objects.public().upcoming().select_related("hub", "city")
    return events[:limit] if limit else events


@dataclass
class CalendarFilters:
    when: str = "upcoming"
    kind: str = ""
    format: str = ""
    hub: str = ""
    theme: str = ""

    @classmethod
    def from_query(cls, params) -> CalendarFilters:
        def pick(name, allowed):
            value = params.get(name, "")
            return value if value in allowed else ""

        return cls(
            when="past" if params.get("when") == "past" else "upcoming",
            kind=pick("kind", Event.Kind.values),
            format=pick("format", Event.Format.values),
            hub=params.get("hub", "")[:50],
            theme=params.get("theme", "")[:50],
        )

    def querystring(self) -> str:
        from urllib.parse import urlencode

        pairs = {k: v for k, v in vars(self).items() if v and not (k == "when" and v == "upcoming")}
        return urlencode(pairs)


def calendar(user, filters: CalendarFilters) -> QuerySet:
    """The events a visitor may see, filtered; each with its seats taken, hub, city and themes."""
    events = events_visible_to(user, Event.objects.all())
    events = events.past() if filters.when == "past" else events.upcoming()
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.format:
        events = events.filter(format=filters.format)
    if filters.hub:
        events = events.filter(hub__slug=filters.hub)
    if filters.theme:
        events = events.filter(themes__slug=filters.theme)
    return (
        events.select_related("hub", "city")
        .annotate(seats_taken=seats_taken_subquery())
        .prefetch_related(Prefetch("themes", queryset=ThematicArea.objects.order_by("sort_order")))
    )


def filter_choices() -> dict:
    return {
        "hubs": list(Hub.objects.order_by("sort_order", "slug")),
        "themes": list(ThematicArea.objects.order_by("sort_order", "slug")),
        "kinds": Event.Kind.choices,
        "formats": Event.Format.choices,
    }


def event_for_page(slug: str) -> Event | None:
    return (
        Event.objects.filter(slug=slug)
        .select_related("hub", "city")
        .annotate(seats_taken=seats_taken_subquery())
        .prefetch_related("themes", "resources")
        .first()
    )


def registration_of(user, event) -> Registration | None:
    if user is None or not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user).first()


def participants(event, status: str = "") -> QuerySet:
    """The event's registrations but the cancelled ones; only those of ``status`` if given."""
    rows = (
        Registration.objects.filter(event=event)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("user", "city", "registered_by")
        .order_by("status", "city__name", "user__display_name", "pk")
    )
    if status:
        rows = rows.filter(status=status)
    return rows


def participant_counts(event) -> dict[str, int]:
    """How many registrations of the event have each status, in one grouped query."""
    counts = dict.fromkeys(Registration.Status.values, 0)
    grouped = (
        Registration.objects.filter(event=event).values("status").annotate(n=Count("pk")).order_by()
    )
    counts.update({row["status"]: row["n"] for row in grouped})
    return counts


def registrations_of(user) -> QuerySet:
    return (
        Registration.objects.filter(user=user)
        .select_related("event__hub", "event__city")
        .order_by("-event__starts_at")
    )


def personal_feed_events(user) -> tuple[list, set[int]]:
    """The events a person is registered for (not cancelled), and those with the online link."""
    registrations = list(
        Registration.objects.filter(user=user, event__is_published=True)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event__city")
        .order_by("event__starts_at")
    )
    events = [r.event for r in registrations]
    with_link = {r.event_id for r in registrations if r.sees_online_link}
    return events, with_link
