import datetime

import pytest
from django.utils import timezone

from events.models import Event

_counter = iter(range(1, 1_000_000))


def make_event(**fields) -> Event:
    """A published public event three days ahead unless told otherwise."""
    n = next(_counter)
    now = timezone.now()
    defaults = {
        "slug": f"event-{n}",
        "kind": Event.Kind.WORKSHOP,
        "format": Event.Format.IN_PERSON,
        "title_en": f"Workshop {n}",
        "title_fr": f"Atelier {n}",
        "title_ar": f"ورشة عمل {n}",
        "starts_at": now + datetime.timedelta(days=3),
        "ends_at": now + datetime.timedelta(days=3, hours=3),
        "is_published": True,
    }
    defaults.update(fields)
    themes = defaults.pop("themes", [])
    event = Event.objects.create(**defaults)
    if themes:
        event.themes.set(themes)
    return event


@pytest.fixture
def event_factory(db):
    return make_event
