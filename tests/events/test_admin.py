"""The Management Unit manages events in the admin; bad input gets a clear error."""

import pytest

from events import services
from events.models import Event, Registration
from tests.events.conftest import make_event


def _form(**overrides):
    data = {
        "title_en": "Regional workshop",
        "title_fr": "Atelier régional",
        "title_ar": "ورشة عمل إقليمية",
        "slug": "regional-workshop",
        "kind": "workshop",
        "format": "hybrid",
        "audience": "members",
        "organiser": "network",
        "time_zone": "Africa/Nairobi",
        "starts_at_0": "2027-03-10",
        "starts_at_1": "09:00:00",
        "ends_at_0": "2027-03-10",
        "ends_at_1": "17:00:00",
        "capacity": "30",
        "interpretation_languages": ["ar", "fr"],
        "is_published": "on",
        "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
        "registrations-MIN_NUM_FORMS": "0",
        "registrations-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_the_management_unit_creates_an_event_in_the_admin(client_as, network):
    client = client_as(network.user("mu"))
    response = client.post("/admin/events/event/add/", _form())
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(slug="regional-workshop")
    assert event.interpretation_languages == ["ar", "fr"]
    assert event.title_fr == "Atelier régional"


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"ends_at_1": "08:00:00"}, "cannot end before it starts"),
        ({"time_zone": "Nowhere/Atlantis"}, "is not a known time zone"),
        ({"organiser": "partner"}, "Name the partner"),
    ],
)
def test_bad_event_input_gets_a_clear_error(client_as, network, overrides, message):
    client = client_as(network.user("mu"))
    response = client.post("/admin/events/event/add/", _form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_capacity_below_the_confirmed_is_refused_and_raising_it_promotes(client_as, network):
    event = make_event(capacity=1, slug="small-workshop")
    for role in ("focal_a", "focal_b"):
        services.register(event=event, person=network.user(role), registered_by=network.user(role))
    client = client_as(network.user("mu"))
    url = f"/admin/events/event/{event.pk}/change/"
    base = _form(
        slug="small-workshop",
        audience="public",
        starts_at_0=event.starts_at.date().isoformat(),
        ends_at_0=(event.ends_at.date()).isoformat(),
        starts_at_1="00:00:00",
        ends_at_1="23:00:00",
        **{
            "registrations-TOTAL_FORMS": "2",
            "registrations-INITIAL_FORMS": "2",
            "registrations-0-id": str(event.registrations.order_by("pk")[0].pk),
            "registrations-0-event": str(event.pk),
            "registrations-1-id": str(event.registrations.order_by("pk")[1].pk),
            "registrations-1-event": str(event.pk),
        },
    )
    response = client.post(url, {**base, "capacity": "0"})
    assert response.status_code == 200
    assert "the capacity cannot be lower" in response.content.decode()
    response = client.post(url, {**base, "capacity": "2"})
    assert response.status_code == 302
    statuses = set(event.registrations.values_list("status", flat=True))
    assert statuses == {Registration.Status.CONFIRMED}
