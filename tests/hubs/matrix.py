"""Objects and URL arguments the role matrix (tests/test_role_matrix.py) needs for hubs."""

import datetime

from hubs.models import (
    CannedReply,
    Consultation,
    Need,
    PeerExchange,
    Stakeholder,
    SupportFundRequest,
    Ticket,
)
from members.models import StrategicPriority

# A fixed reference so the URL can be built before the ticket is looked up.
MATRIX_TICKET_REFERENCE = "HD-MATR-IX23-4567"


def add_hubs_matrix_objects(network) -> None:
    """A request from city A (hub A), and one row of every hubs model the admin shows."""
    hub, city = network.hub_a, network.city_a
    Ticket.objects.create(
        reference=MATRIX_TICKET_REFERENCE,
        hub=hub,
        city=city,
        opened_by=network.user("focal_a"),
        category=Ticket.Category.POLICY_ADVICE,
        subject="Matrix request",
        description="x",
        language="en",
    )
    Stakeholder.objects.create(hub=hub, kind="embassy", name="Embassy")
    CannedReply.objects.create(hub=hub, title_en="Thanks", body_en="Thank you.")
    Need.objects.create(hub=hub, city=city, description="Training")
    Consultation.objects.create(
        hub=hub, city=city, held_on=datetime.date.today(), participants="x", summary="x"
    )
    priority = StrategicPriority.objects.first() or StrategicPriority.objects.create(
        number=99, name_en="p"
    )
    exchange = PeerExchange.objects.create(hub=hub, city=city, topic="Youth councils", goals="x")
    exchange.peers.set([network.city_b])
    SupportFundRequest.objects.create(
        hub=hub,
        city=city,
        need="x",
        priority=priority,
        support_asked="x",
        estimated_budget=1000,
    )


def hubs_url_kwargs(net) -> dict:
    return {
        "hubs:stakeholder-list": {"slug": net.hub_a.slug},
        "hubs:needs": {"slug": net.hub_a.slug},
        "helpdesk:ticket-detail": {"reference": MATRIX_TICKET_REFERENCE},
        "api:helpdesk-ticket-detail": {"reference": MATRIX_TICKET_REFERENCE},
        "api:helpdesk-ticket-reply": {"reference": MATRIX_TICKET_REFERENCE},
        "helpdesk:attachment": {"reference": MATRIX_TICKET_REFERENCE, "pk": 999999},
        "helpdesk:exchange-detail": {"pk": PeerExchange.objects.order_by("pk").first().pk},
        "helpdesk:fund-detail": {"pk": SupportFundRequest.objects.order_by("pk").first().pk},
    }
