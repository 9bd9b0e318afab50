"""Reads shaped for the events pages: a fixed number of queries whatever the size."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from events.models import Event, Registration
from hubs.models import Hub
from members.models import City, ThematicArea
from strongcities.listing import translated_order
from strongcities.models import User
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
    # By the city's and the person's names, read per registration (index lookups): ordering
    # by the joined columns made PostgreSQL join the whole city and user tables first
    # (48 ms for an event of 2,000 at 10,000 members, against 6 ms this way).
    # The city's name as the page shows it, so an Arabic list is in Arabic order.
    city_name = (
        City.objects.rewrite(False)
        .filter(pk=OuterRef("city_id"))
        .order_by()
        .values(sort_name=translated_order("name"))
    )
    person_name = User.objects.filter(pk=OuterRef("user_id")).values("display_name")
    rows = (
        Registration.objects.filter(event=event)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("user", "city", "registered_by")
        .order_by("status", Subquery(city_name), Subquery(person_name), "pk")
    )
    if status:
        rows = rows.filter(status=status)
    return rows


# What a row of the participants list shows (the event and who registered whom stay out).
PARTICIPANT_ROW_FIELDS = [
    "status",
    "guest_name",
    "guest_email",
    "guest_organisation",
    "accessibility_needs",
    "dietary_needs",
    "interpretation_language",
    "user",
    "user__display_name",
    "user__email",
    "city",
    *[f"city__name{suffix}" for suffix in ("", "_ar", "_en", "_fr")],
]


def participants_page(event, status: str = "") -> QuerySet:
    """participants() with only what a row of the list shows."""
    return (
        participants(event, status)
        .select_related(None)
        .select_related("user", "city")
        .only(*PARTICIPANT_ROW_FIELDS)
    )


def participant_rows(registrations, event) -> list[dict]:
    """The participants list's rows for a page of registrations (participants_page()):
    names, labels and links worked out once for the page instead of in every cell."""
    from events.models import INTERPRETATION_LANGUAGES
    from strongcities.listing import choice_labels, url_filler

    statuses = choice_labels(Registration.Status.choices)
    languages = choice_labels(INTERPRETATION_LANGUAGES)
    action_url = url_filler("events:registration-action", "pk", slug=event.slug)
    certificate_url = url_filler("events:registration-certificate", "pk", slug=event.slug)
    return [
        {
            "person_name": row.person_name,
            "is_guest": row.is_guest,
            "email": row.email,
            "guest_organisation": row.guest_organisation,
            "city": row.city.name if row.city else "",
            "status": row.status,
            "status_label": statuses.get(row.status, row.status),
            "accessibility_needs": row.accessibility_needs,
            "dietary_needs": row.dietary_needs,
            "interpretation_language": row.interpretation_language,
            "interpretation_label": languages.get(
                row.interpretation_language, row.interpretation_language
            ),
            "action_url": action_url(row.pk),
            "certificate_url": certificate_url(row.pk),
        }
        for row in registrations
    ]


def listed_count(counts: dict[str, int]) -> int:
    """How many registrations participants() lists, from participant_counts()."""
    return sum(n for status, n in counts.items() if status != Registration.Status.CANCELLED)


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
