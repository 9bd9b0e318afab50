"""Regional hubs, their helpdesk, and the support they give members."""

from hubs.models.exchange import PeerExchange
from hubs.models.helpdesk import (
    CannedReply,
    HelpdeskNotification,
    ServiceLevel,
    Ticket,
    TicketAttachment,
    TicketMessage,
)
from hubs.models.hub import Hub, HubCountry, HubStaff, Stakeholder
from hubs.models.support import (
    Consultation,
    Need,
    SupportFundNotification,
    SupportFundRequest,
)

__all__ = [
    "CannedReply",
    "Consultation",
    "HelpdeskNotification",
    "Hub",
    "HubCountry",
    "HubStaff",
    "Need",
    "PeerExchange",
    "ServiceLevel",
    "Stakeholder",
    "SupportFundNotification",
    "SupportFundRequest",
    "Ticket",
    "TicketAttachment",
    "TicketMessage",
]
