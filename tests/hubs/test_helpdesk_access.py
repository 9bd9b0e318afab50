"""Who may reach which helpdesk page, and who may act on a request (per role)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hubs.models import Ticket, TicketAttachment, TicketMessage
from tests.conftest import ROLES
from tests.hubs.factories import TicketFactory

pytestmark = pytest.mark.django_db


def outcome(response):
    if response.status_code == 302:
        return "login" if "/accounts/login/" in response["Location"] else "redirect"
    return response.status_code


LIST = {"anonymous": "login", "committee": 403}
NEW = {"anonymous": "login", "focal_a": 200, "focal_b": 200}
DETAIL_A = {"anonymous": "login", "focal_b": 404, "hub_b": 404, "committee": 403}


@pytest.mark.parametrize("role", ROLES)
def test_queue_page_per_role(network, client_as, role):
    response = client_as(network.user(role)).get("/en/helpdesk/")
    assert outcome(response) == LIST.get(role, 200)


@pytest.mark.parametrize("role", ROLES)
def test_only_focal_points_open_requests(network, client_as, role):
    response = client_as(network.user(role)).get("/en/helpdesk/new/")
    assert outcome(response) == NEW.get(role, 403)


@pytest.mark.parametrize("role", ROLES)
def test_request_page_per_role(network, client_as, ticket_a, role):
    response = client_as(network.user(role)).get(ticket_a.get_absolute_url())
    assert outcome(response) == DETAIL_A.get(role, 200)


def test_focal_point_of_city_b_cannot_read_city_a_request_even_with_its_reference(
    network, client_as, ticket_a
):
    client = client_as(network.user("focal_b"))
    assert client.get(ticket_a.get_absolute_url()).status_code == 404
    response = client.post(ticket_a.get_absolute_url(), {"action": "city_reply", "body": "hi"})
    assert response.status_code == 404
    assert not ticket_a.messages.exists()


def test_hub_b_staff_cannot_read_or_answer_hub_a_requests(network, client_as, ticket_a):
    client = client_as(network.user("hub_b"))
    html = client.get("/en/helpdesk/?status=all").content.decode()
    assert ticket_a.reference not in html
    assert client.get(ticket_a.get_absolute_url()).status_code == 404
    response = client.post(
        ticket_a.get_absolute_url(),
        {"action": "staff_reply", "body": "hi", "visibility": "public"},
    )
    assert response.status_code == 404
    assert not ticket_a.messages.exists()


def test_unknown_reference_is_not_found(network, client_as):
    assert client_as(network.user("mu")).get("/en/helpdesk/HD-NOPE-NOPE-NOPE/").status_code == 404


@pytest.mark.parametrize(
    "role,action,expected",
    [
        ("focal_a", "staff_reply", 403),
        ("focal_a", "assign", 403),
        ("focal_a", "status", 403),
        ("hub_a", "city_reply", 403),
        ("hub_a", "rate", 403),
        ("hub_a", "reopen", 403),
        ("mu", "city_reply", 403),
        ("focal_a", "no-such-action", 403),
    ],
)
def test_actions_are_for_the_right_side_only(network, client_as, ticket_a, role, action, expected):
    response = client_as(network.user(role)).post(
        ticket_a.get_absolute_url(),
        {"action": action, "body": "x", "visibility": "public", "status": "closed", "score": 5},
    )
    assert response.status_code == expected
    ticket_a.refresh_from_db()
    assert ticket_a.status == Ticket.Status.NEW
    assert not ticket_a.messages.exists()


def test_every_focal_point_of_the_city_sees_its_requests(network, client_as, ticket_a):
    from tests.factories import FocalPointFactory

    colleague = FocalPointFactory(city=network.city_a, is_primary=False).user
    html = client_as(colleague).get("/en/helpdesk/?status=all").content.decode()
    assert ticket_a.reference in html
    assert client_as(colleague).get(ticket_a.get_absolute_url()).status_code == 200


def test_focal_point_list_shows_only_own_city(network, client_as, ticket_a):
    other = TicketFactory(city=network.city_b, hub=network.hub_b, subject="Other city question")
    html = client_as(network.user("focal_a")).get("/en/helpdesk/?status=all").content.decode()
    assert ticket_a.reference in html
    assert other.reference not in html


def test_management_unit_sees_every_hub(network, client_as, ticket_a):
    other = TicketFactory(city=network.city_b, hub=network.hub_b)
    html = client_as(network.user("mu")).get("/en/helpdesk/").content.decode()
    assert ticket_a.reference in html and other.reference in html
    assert "Median first response" in html


@pytest.mark.parametrize("role", ROLES)
def test_internal_attachment_is_missing_for_the_city(
    network, client_as, ticket_a, media_root, role
):
    note = TicketMessage.objects.create(
        ticket=ticket_a, author=network.user("hub_a"), body="n", visibility="internal"
    )
    attachment = TicketAttachment.objects.create(
        ticket=ticket_a,
        message=note,
        file=SimpleUploadedFile("memo.txt", b"internal memo"),
        original_name="memo.txt",
        content_type="text/plain",
        size=13,
    )
    url = f"{ticket_a.get_absolute_url()}attachments/{attachment.pk}/"
    response = client_as(network.user(role)).get(url)
    expected = {"anonymous": "login", "committee": 403, "hub_a": 200, "mu": 200, "admin": 200}
    assert outcome(response) == expected.get(role, 404)
    if outcome(response) == 200:
        assert b"".join(response.streaming_content) == b"internal memo"
