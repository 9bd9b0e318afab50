"""iCalendar (RFC 5545) files for events, written by hand: escaping, UTC times, folding.

Times are written in UTC ("Z"), which every calendar program converts to the reader's
own zone, so no VTIMEZONE blocks are needed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags

from strongcities.text import absolute_url

PRODID = "-//Strong Cities Network//Events//EN"


def escape_text(value: str) -> str:
    """TEXT values: backslash, semicolon and comma escaped; newlines as \\n (RFC 5545 3.3.11)."""
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into parts of at most 75 octets, never splitting a character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, size, limit = [], [], 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def utc_stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _uid(event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "strongcities.example"
    return f"event-{event.pk}@{host}"


def vevent(event, *, include_online_link: bool = False, now=None) -> list[str]:
    now = now or timezone.now()
    url = absolute_url(event.get_absolute_url())
    description = strip_tags(event.description or "").strip()
    if include_online_link and event.online_url:
        description = f"{description}\n\n{event.online_url}".strip()
    description = f"{description}\n\n{url}".strip()
    location = ", ".join(part for part in (event.venue, event.place) if part)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_uid(event)}",
        f"DTSTAMP:{utc_stamp(now)}",
        f"DTSTART:{utc_stamp(event.starts_at)}",
        f"DTEND:{utc_stamp(event.ends_at)}",
        f"SUMMARY:{escape_text(event.title)}",
        f"DESCRIPTION:{escape_text(description)}",
        f"URL:{url}",
        "STATUS:CONFIRMED",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if event.time_zone and event.time_zone != "UTC":
        # Not needed for the times (they are UTC); tells the reader where the event is.
        lines.append(f"X-STRONGCITIES-TIMEZONE:{escape_text(event.time_zone)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable, *, name: str, online_link_for: set[int] | None = None) -> str:
    """A VCALENDAR with one VEVENT per event; CRLF line ends, folded lines."""
    online_link_for = online_link_for or set()
    now = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += vevent(event, include_online_link=event.pk in online_link_for, now=now)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
