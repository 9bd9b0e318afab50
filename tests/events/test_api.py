"""The events API: public events, and a person's own registrations."""

import pytest

from events import services
from events.models import Event
from tests.conftest import ROLES
from tests.events.conftest import make_event


@pytest.fixture
def api_events(network):
    return {
        "public": make_event(title_en="Open webinar", online_url="https://meet.example.org/x"),
        "members": make_event(title_en="Members workshop", audience=Event.Audience.MEMBERS),
        "draft": make_event(title_en="Draft", is_published=False),
    }


def test_the_public_list_shows_only_published_public_events_to_everyone(
    client_as, network, api_events
):
    for role in ROLES:
        data = client_as(network.user(role)).get("/api/v1/events/").json()
        titles = {e["title"] for e in data["results"]}
        assert titles == {"Open webinar"}, role
        assert "online_url" not in data["results"][0]
    members = client_as(network.user("mu")).get(f"/api/v1/events/{api_events['members'].slug}/")
    assert members.status_code == 404
    public = client_as(None).get(f"/api/v1/events/{api_events['public'].slug}/").json()
    assert public["title_fr"] == api_events["public"].title_fr


def test_my_registrations_are_mine_only(client_as, network, api_events):
    person = network.user("focal_a")
    registration = services.register(
        event=api_events["public"], person=person, registered_by=person
    )
    assert client_as(None).get("/api/v1/my-registrations/").status_code == 403
    mine = client_as(person).get("/api/v1/my-registrations/").json()["results"]
    assert [r["event"] for r in mine] == [api_events["public"].slug]
    assert mine[0]["online_url"] == "https://meet.example.org/x"
    other = client_as(network.user("focal_b"))
    assert other.get("/api/v1/my-registrations/").json()["results"] == []
    assert other.get(f"/api/v1/my-registrations/{registration.pk}/").status_code == 404


def test_the_schema_documents_the_events_endpoints(client, db):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/events/" in schema and "/api/v1/my-registrations/" in schema
