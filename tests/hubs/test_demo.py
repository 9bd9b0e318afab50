import pytest
from django.core import mail

from hubs.models import CannedReply, PeerExchange, Stakeholder, Ticket, TicketMessage
from strongcities.demo import seed_demo_network

pytestmark = pytest.mark.django_db


def test_demo_helpdesk_is_trilingual_idempotent_and_sends_nothing():
    seed_demo_network()
    counts = (
        Ticket.objects.count(),
        TicketMessage.objects.count(),
        CannedReply.objects.count(),
        Stakeholder.objects.count(),
    )
    assert counts[0] == 6
    assert PeerExchange.objects.count() == 1
    assert set(Ticket.objects.values_list("language", flat=True)) == {"ar", "en", "fr"}
    # every demo request is in its city's hub, and internal notes exist to show the difference
    assert all(t.hub_id == t.city.hub_id for t in Ticket.objects.select_related("city"))
    assert TicketMessage.objects.filter(visibility="internal").exists()
    seed_demo_network()
    assert PeerExchange.objects.count() == 1
    assert counts == (
        Ticket.objects.count(),
        TicketMessage.objects.count(),
        CannedReply.objects.count(),
        Stakeholder.objects.count(),
    )
    assert mail.outbox == []


def test_demo_focal_point_of_amman_sees_the_reply_but_not_the_note(client):
    from django.contrib.auth import get_user_model

    seed_demo_network()
    focal = get_user_model().objects.get(email="focal.amman@demo.strongcities.example")
    client.force_login(focal)
    ticket = Ticket.objects.get(city__slug="amman", status="waiting")
    html = client.get(ticket.get_absolute_url()).content.decode()
    assert "نقترح التبادل مع مدينة تونس" in html
    assert "اقتراح: التواصل مع تونس" not in html
