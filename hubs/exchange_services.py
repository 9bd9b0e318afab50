"""Peer exchanges: a city asks, its hub brokers, the exchange is held and reported."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hubs.models import PeerExchange
from members.models import City, EngagementRecord
from members.services import record_engagement

Status = PeerExchange.Status

TRANSITIONS: dict[str, set[str]] = {
    Status.REQUESTED: {Status.BROKERING, Status.DECLINED},
    Status.BROKERING: {Status.AGREED, Status.DECLINED},
    Status.AGREED: {Status.HELD, Status.DECLINED},
    Status.HELD: {Status.REPORTED},
    Status.REPORTED: set(),
    Status.DECLINED: set(),
}


@transaction.atomic
def request_exchange(*, user, city, peers, topic: str, goals: str, format: str) -> PeerExchange:
    peers = [peer for peer in peers if peer.pk != city.pk]
    if not peers:
        raise ValidationError(_("Choose at least one peer city."))
    if city.hub_id is None:
        raise ValidationError(_("This city is not yet covered by a regional hub."))
    public = set(
        City.objects.publicly_listed()
        .filter(pk__in=[p.pk for p in peers])
        .values_list("pk", flat=True)
    )
    if len(public) != len(peers):
        raise ValidationError(_("Peer cities must be members of the network."))
    exchange = PeerExchange.objects.create(
        hub_id=city.hub_id, city=city, topic=topic, goals=goals, format=format, requested_by=user
    )
    exchange.peers.set(peers)
    return exchange


@transaction.atomic
def advance(*, exchange: PeerExchange, user, status: str, **details) -> PeerExchange:
    """Move the exchange on and record what the hub agreed or learned.

    When it is held, taking part becomes an engagement record for every city involved.
    """
    exchange = PeerExchange.objects.select_for_update().get(pk=exchange.pk)
    if status not in TRANSITIONS.get(exchange.status, set()):
        raise ValidationError(_("This step is not possible at this stage."))
    for field in ("agreed_dates", "event", "held_on", "outcome", "lessons_learned"):
        value = details.get(field)
        if value not in (None, ""):
            setattr(exchange, field, value)
    if status == Status.HELD and exchange.held_on is None:
        exchange.held_on = timezone.localdate()
    if status == Status.REPORTED and not exchange.outcome:
        raise ValidationError(_("Record the outcome of the exchange first."))
    exchange.status = status
    exchange.save()
    if status == Status.HELD:
        for city in [exchange.city, *exchange.peers.all()]:
            record_engagement(
                city=city,
                kind=EngagementRecord.Kind.EXCHANGE_JOINED,
                occurred_on=exchange.held_on,
                source=exchange,
                title=exchange.topic[:250],
                recorded_by=user,
            )
    return exchange
