"""Helpdesk API: same scope and rules as the pages."""

import pytest
from django.core import mail

from hubs.models import Ticket
from tests.factories import HubStaffFactory
from tests.hubs.factories import TicketFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/helpdesk/tickets/"


def test_focal_point_lists_only_own_city_requests(network, client_as, ticket_a):
    TicketFactory(city=network.city_b, hub=network.hub_b)
    data = client_as(network.user("focal_a")).get(API).json()
    assert [t["reference"] for t in data["results"]] == [ticket_a.reference]


def test_focal_point_opens_a_request_through_the_api(
    network, client_as, django_capture_on_commit_callbacks
):
    client = client_as(network.user("focal_a"))
    payload = {
        "category": "training",
        "subject": "Training on hate speech",
        "description": "Please help.",
        "language": "ar",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(API, payload, content_type="application/json")
    assert response.status_code == 201
    ticket = Ticket.objects.get(reference=response.json()["reference"])
    assert ticket.hub == network.hub_a and ticket.language == "ar"
    assert [m.to for m in mail.outbox] == [[network.user("hub_a").email]]
    bad = client.post(API, {**payload, "category": "nonsense"}, content_type="application/json")
    assert bad.status_code == 400


def test_hub_staff_cannot_open_requests_through_the_api(network, client_as):
    response = client_as(network.user("hub_a")).post(
        API,
        {"category": "other", "subject": "s", "description": "d", "language": "en"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_internal_notes_are_not_in_the_city_payload(network, client_as, ticket_a):
    staff = client_as(network.user("hub_a"))
    url = f"{API}{ticket_a.reference}/reply/"
    staff.post(url, {"body": "SECRET-NOTE", "internal": True}, content_type="application/json")
    staff.post(url, {"body": "PUBLIC-ANSWER"}, content_type="application/json")
    city = client_as(network.user("focal_a")).get(f"{API}{ticket_a.reference}/").json()
    bodies = [m["body"] for m in city["messages"]]
    assert bodies == ["PUBLIC-ANSWER"]
    staff_view = client_as(network.user("hub_a")).get(f"{API}{ticket_a.reference}/").json()
    assert {m["body"] for m in staff_view["messages"]} == {"SECRET-NOTE", "PUBLIC-ANSWER"}


def test_a_focal_point_cannot_post_an_internal_note(network, client_as, ticket_a):
    client = client_as(network.user("focal_a"))
    response = client.post(
        f"{API}{ticket_a.reference}/reply/",
        {"body": "from the city", "internal": True},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert ticket_a.messages.get().visibility == "public"


@pytest.mark.parametrize("role", ["focal_b", "hub_b"])
def test_other_city_and_other_hub_get_404_by_reference(network, client_as, ticket_a, role):
    client = client_as(network.user(role))
    assert client.get(f"{API}{ticket_a.reference}/").status_code == 404
    response = client.post(
        f"{API}{ticket_a.reference}/reply/", {"body": "x"}, content_type="application/json"
    )
    assert response.status_code == 404
    assert not ticket_a.messages.exists()


def test_staff_without_mfa_are_refused(network, client_as, ticket_a):
    staff = HubStaffFactory(hub=network.hub_a).user
    assert client_as(staff).get(API).status_code == 403


def test_queue_api_makes_constant_queries(network, client_as, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(network.user("hub_a"))
    for _ in range(5):
        TicketFactory(city=network.city_a, hub=network.hub_a)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(API).status_code == 200
    for _ in range(45):
        TicketFactory(city=network.city_a, hub=network.hub_a)
    with django_assert_max_num_queries(len(captured.captured_queries)):
        assert len(client.get(API).json()["results"]) == 50


def test_schema_documents_the_helpdesk(client):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/helpdesk/tickets/" in schema
    assert "/api/v1/helpdesk/tickets/{reference}/reply/" in schema
