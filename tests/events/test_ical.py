"""Calendar files: valid iCalendar (RFC 5545) that calendar programs import."""

import datetime
import re

import pytest
from django.utils import timezone

from events import ical, services
from events.models import CalendarFeed, Event
from tests.events.conftest import make_event


def parse(body: str) -> list[dict]:
    """A strict little reader: CRLF lines of at most 75 octets, folding, nesting, names."""
    assert body.endswith("\r\n")
    raw_lines = body[:-2].split("\r\n")
    for line in raw_lines:
        assert len(line.encode("utf-8")) <= 75, line
        assert "\n" not in line and "\r" not in line
    lines = []
    for line in raw_lines:
        if line.startswith((" ", "\t")):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    stack, events, current = [], [], None
    for line in lines:
        name, _, value = line.partition(":")
        assert re.fullmatch(r"[A-Z-]+(;[^:]*)?", name), line
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                current = {}
        elif name == "END":
            assert stack.pop() == value
            if value == "VEVENT":
                events.append(current)
                current = None
        elif current is not None:
            current[name] = value
    assert stack == []
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert required in event
        for stamp in ("DTSTAMP", "DTSTART", "DTEND"):
            assert re.fullmatch(r"\d{8}T\d{6}Z", event[stamp])
    return events


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def test_text_is_escaped_and_long_lines_are_folded_without_splitting_characters():
    assert ical.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "ورشة عمل إقليمية حول الاستجابة للحوادث " * 5
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_an_event_file_parses_and_keeps_times_in_utc(client, db):
    start = datetime.datetime(2027, 3, 10, 7, 0, tzinfo=datetime.UTC)
    event = make_event(
        title_en="Regional exchange: city-led incident response, recovery; healing",
        description_en="Line one\nLine two, with a comma",
        time_zone="Africa/Nairobi",
        venue_en="Kenyatta International Convention Centre",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=8),
    )
    response = client.get(f"/en/events/{event.slug}/event.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    (vevent,) = parse(response.content.decode())
    assert vevent["DTSTART"] == "20270310T070000Z"
    assert vevent["DTEND"] == "20270310T150000Z"
    assert unescape(vevent["SUMMARY"]) == event.title_en
    assert "Line one\nLine two, with a comma" in unescape(vevent["DESCRIPTION"])
    assert "Kenyatta" in unescape(vevent["LOCATION"])


def test_the_public_feed_lists_only_upcoming_published_public_events(client, db):
    now = timezone.now()
    make_event(title_en="Open webinar")
    make_event(title_en="Members only", audience=Event.Audience.MEMBERS)
    make_event(title_en="Draft", is_published=False)
    make_event(
        title_en="Last year",
        starts_at=now - datetime.timedelta(days=300),
        ends_at=now - datetime.timedelta(days=300) + datetime.timedelta(hours=2),
    )
    response = client.get("/en/events/feed.ics")
    summaries = {unescape(e["SUMMARY"]) for e in parse(response.content.decode())}
    assert summaries == {"Open webinar"}


def test_the_personal_feed_lists_my_registrations_with_the_link_only_when_confirmed(
    client, network
):
    person = network.user("focal_a")
    confirmed = make_event(
        title_en="Confirmed webinar",
        format=Event.Format.ONLINE,
        online_url="https://meet.example.org/confirmed-room",
        audience=Event.Audience.MEMBERS,
    )
    waiting = make_event(
        title_en="Full webinar",
        format=Event.Format.ONLINE,
        online_url="https://meet.example.org/full-room",
        capacity=0,
    )
    make_event(title_en="Not registered")
    services.register(event=confirmed, person=person, registered_by=person)
    services.register(event=waiting, person=person, registered_by=person)
    feed = CalendarFeed.objects.create(user=person)
    body = client.get(f"/en/events/feed/{feed.token}.ics").content.decode()
    events = {unescape(e["SUMMARY"]): unescape(e["DESCRIPTION"]) for e in parse(body)}
    assert set(events) == {"Confirmed webinar", "Full webinar"}
    assert "confirmed-room" in events["Confirmed webinar"]
    assert "full-room" not in events["Full webinar"]


def test_a_wrong_or_reset_feed_token_is_not_found(client, network):
    person = network.user("focal_a")
    client.force_login(person)
    page = client.get("/en/events/mine/").content.decode()
    feed = CalendarFeed.objects.get(user=person)
    assert f"/en/events/feed/{feed.token}.ics" in page
    old = feed.token
    client.post("/en/events/mine/", {"action": "reset-feed"})
    client.logout()
    assert client.get(f"/en/events/feed/{old}.ics").status_code == 404
    assert client.get("/en/events/feed/guess.ics").status_code == 404
    feed.refresh_from_db()
    assert client.get(f"/en/events/feed/{feed.token}.ics").status_code == 200


@pytest.mark.parametrize("role", ["anonymous", "focal_b"])
def test_a_draft_or_members_event_file_is_not_found_for_outsiders(client_as, network, role):
    draft = make_event(is_published=False, hub=network.hub_a)
    members = make_event(audience=Event.Audience.MEMBERS)
    client = client_as(network.user(role))
    assert client.get(f"/en/events/{draft.slug}/event.ics").status_code == 404
    expected = 404 if role == "anonymous" else 200
    assert client.get(f"/en/events/{members.slug}/event.ics").status_code == expected
