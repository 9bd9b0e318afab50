"""Events' part of the demo: the convenings in events/demo_data.py, with registrations
of demo focal points and the attendance of past events (reported to members as
engagement facts through members.services.record_engagement).

Idempotent: events are looked up by slug and registrations by (event, person), so a
second run keeps the counts. No email is sent while seeding.
"""

import datetime
import zlib
import zoneinfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from events.demo_data import EVENTS
from events.models import Event, Registration
from hubs.models import Hub
from members.models import City, EngagementRecord, FocalPoint, ThematicArea
from members.services import record_engagement

DEMO_DOMAIN = "demo.strongcities.example"
LANGUAGES = ("ar", "en", "fr")
Status = Registration.Status


def _translated(field: str, values: dict | None) -> dict:
    values = values or {}
    return {f"{field}_{code}": values.get(code, "") for code in LANGUAGES}


def _when(data: dict, today: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    day = (
        datetime.date.fromisoformat(data["on"])
        if "on" in data
        else today + datetime.timedelta(days=data["days"])
    )
    hour, minute = map(int, data["start"].split(":"))
    starts = datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(data["time_zone"])
    )
    return starts, starts + datetime.timedelta(hours=data["hours"])


def _people(specs: list[str]) -> list:
    """`focal.capetown` is a demo account; `hub:<slug>:N` the first N focal points of the
    hub's members; `*:N` N focal points across the network (chosen deterministically)."""
    User = get_user_model()
    people = []
    for spec in specs:
        if ":" not in spec:
            user = User.objects.filter(email=f"{spec}@{DEMO_DOMAIN}").first()
            if user:
                people.append(user)
            continue
        scope, _, count = spec.rpartition(":")
        focal_points = FocalPoint.objects.filter(
            is_active=True, city__membership_status=City.MembershipStatus.MEMBER
        ).select_related("user", "city")
        if scope.startswith("hub:"):
            focal_points = focal_points.filter(city__hub__slug=scope[4:])
        chosen = sorted(
            focal_points,
            key=lambda fp: zlib.crc32(f"{scope}:{fp.city.country}/{fp.city.slug}".encode()),
        )
        seen = {p.pk for p in people}
        chosen = [fp.user for fp in chosen if fp.user_id not in seen]
        people += chosen[: int(count)]
    return people


def _city_of(user):
    focal_point = (
        FocalPoint.objects.filter(user=user, is_active=True).select_related("city").first()
    )
    return focal_point.city if focal_point else None


@transaction.atomic
def seed_demo_events() -> int:
    """Create or refresh the demo events; returns how many there are."""
    today = timezone.localdate()
    themes = {t.slug: t for t in ThematicArea.objects.all()}
    hubs = {h.slug: h for h in Hub.objects.all()}
    for data in EVENTS:
        starts, ends = _when(data, today)
        city = None
        if data.get("city"):
            country, slug = data["city"].split("/")
            city = City.objects.filter(country=country, slug=slug).first()
        is_past = ends < timezone.now()
        event, _created = Event.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "kind": data["kind"],
                "format": data["format"],
                "audience": data["audience"],
                "organiser": data["organiser"],
                "partner_name": data.get("partner_name", ""),
                "hub": hubs.get(data["hub"]) if data["hub"] else None,
                "city": city,
                "time_zone": data["time_zone"],
                "starts_at": starts,
                "ends_at": ends,
                "capacity": data.get("capacity"),
                "registration_opens_at": None,
                "registration_closes_at": None if is_past else starts - datetime.timedelta(days=1),
                "online_url": data.get("online_url", ""),
                "feedback_url": data.get("feedback_url", ""),
                "interpretation_languages": data.get("interpretation", []),
                "is_published": True,
                **_translated("title", data["title"]),
                **_translated("description", data.get("description")),
                **_translated("venue", data.get("venue")),
            },
        )
        event.themes.set([themes[s] for s in data.get("themes", []) if s in themes])
        _seed_registrations(event, data, is_past)
    return len(EVENTS)


def _register(event, user, status, order: int) -> Registration:
    registration, _created = Registration.objects.update_or_create(
        event=event,
        user=user,
        defaults={
            "city": _city_of(user),
            "status": status,
            "registered_by": user,
            "queued_at": (
                event.created_at + datetime.timedelta(minutes=order)
                if status == Status.WAITING
                else None
            ),
        },
    )
    return registration


def _seed_registrations(event, data, is_past: bool) -> None:
    if is_past:
        attendees = _people(data.get("attendees", []))
        no_shows = [p for p in _people(data.get("no_shows", [])) if p not in attendees]
        for order, user in enumerate(attendees):
            registration = _register(event, user, Status.ATTENDED, order)
            if registration.city:
                record_engagement(
                    city=registration.city,
                    kind=EngagementRecord.Kind.EVENT_ATTENDED,
                    occurred_on=event.starts_at.astimezone(event.zone).date(),
                    source=event,
                    title=event.title_en,
                )
        for order, user in enumerate(no_shows):
            _register(event, user, Status.NO_SHOW, order)
        return
    for order, user in enumerate(_people(data.get("registered", []))):
        full = event.capacity is not None and order >= event.capacity
        _register(event, user, Status.WAITING if full else Status.CONFIRMED, order)
    for order, user in enumerate(_people(data.get("pending", []))):
        _register(event, user, Status.PENDING, order)
