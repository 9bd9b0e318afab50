"""The demo convenings: trilingual, past and upcoming, idempotent."""

import pytest
from django.core import mail
from django.utils import timezone

from events.demo import seed_demo_events
from events.models import Event, Registration
from members.models import EngagementRecord
from strongcities.demo import seed_demo_network


def counts():
    return (
        Event.objects.count(),
        Registration.objects.count(),
        EngagementRecord.objects.filter(kind=EngagementRecord.Kind.EVENT_ATTENDED).count(),
    )


@pytest.mark.django_db
def test_demo_events_are_trilingual_past_and_upcoming_and_idempotent():
    seed_demo_network()  # calls seed_demo_events once
    first = counts()
    seed_demo_events()
    assert counts() == first
    events = Event.objects.all()
    assert events.count() >= 10
    for event in events:
        assert event.title_ar and event.title_en and event.title_fr, event.slug
    now = timezone.now()
    assert events.filter(ends_at__lt=now).count() >= 4
    assert events.filter(starts_at__gt=now).count() >= 4
    assert {e.hub.slug for e in events if e.hub} >= {
        "east-southern-africa",
        "mena",
        "western-balkans",
    }
    summit = Event.objects.get(slug="fourth-global-summit-new-york")
    assert summit.starts_at.astimezone(summit.zone).strftime("%Y-%m-%d %H:%M") == "2023-09-19 09:00"
    # The demo focal points have registrations; past attendance counts for their cities.
    amman = Registration.objects.filter(user__email="focal.amman@demo.strongcities.example")
    assert amman.filter(status="attended").exists() and amman.filter(status="confirmed").exists()
    assert EngagementRecord.objects.filter(
        kind=EngagementRecord.Kind.EVENT_ATTENDED, city__slug="amman"
    ).exists()
    full = Event.objects.get(slug="esa-workshop-cape-town-incident-response")
    assert full.registrations.filter(status="waiting").exists()
    assert full.registrations.filter(status="confirmed").count() == full.capacity
    assert mail.outbox == []  # seeding sends nothing
