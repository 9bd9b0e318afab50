"""Peer exchanges: a city asks, its hub brokers, taking part is an engagement record."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hubs import exchange_services as services
from hubs.models import PeerExchange
from members.models import City, EngagementRecord
from tests.conftest import ROLES
from tests.factories import CityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def exchange(network):
    exchange = PeerExchange.objects.create(
        hub=network.hub_a, city=network.city_a, topic="Local youth councils", goals="Learn"
    )
    exchange.peers.set([network.city_b])
    return exchange


def test_focal_point_asks_for_an_exchange_with_member_cities(network, client_as):
    prospective = CityFactory(membership_status=City.MembershipStatus.PROSPECTIVE)
    client = client_as(network.user("focal_a"))
    data = {
        "city": network.city_a.pk,
        "peers": [network.city_b.pk],
        "topic": "Youth councils",
        "goals": "How do they work?",
        "format": "visit",
    }
    response = client.post("/en/helpdesk/exchanges/new/", {**data, "peers": [prospective.pk]})
    assert response.status_code == 200 and not PeerExchange.objects.exists()
    response = client.post("/en/helpdesk/exchanges/new/", data)
    exchange = PeerExchange.objects.get()
    assert response.status_code == 302
    assert exchange.hub == network.hub_a and list(exchange.peers.all()) == [network.city_b]


def test_a_city_cannot_be_its_own_peer(network):
    with pytest.raises(ValidationError):
        services.request_exchange(
            user=network.user("focal_a"),
            city=network.city_a,
            peers=[network.city_a],
            topic="t",
            goals="g",
            format="visit",
        )


DETAIL = {"anonymous": "login", "hub_b": 404, "committee": 403}


@pytest.mark.parametrize("role", ROLES)
def test_exchange_page_per_role_the_peer_city_sees_it_too(network, client_as, exchange, role):
    response = client_as(network.user(role)).get(exchange.get_absolute_url())
    status = "login" if response.status_code == 302 else response.status_code
    assert status == DETAIL.get(role, 200)


@pytest.mark.parametrize("role", ["focal_a", "focal_b", "hub_b"])
def test_only_the_brokering_hub_or_the_mu_moves_it_on(network, client_as, exchange, role):
    response = client_as(network.user(role)).post(
        exchange.get_absolute_url(), {"status": "brokering"}
    )
    assert response.status_code in (403, 404)
    exchange.refresh_from_db()
    assert exchange.status == "requested"


def test_hub_brokers_and_every_city_gets_an_engagement_record_once(network, client_as, exchange):
    client = client_as(network.user("hub_a"))
    url = exchange.get_absolute_url()
    client.post(url, {"status": "brokering"})
    client.post(url, {"status": "agreed", "agreed_dates": "3–5 March"})
    # reporting before it is held is refused
    client.post(url, {"status": "reported", "outcome": "x"})
    exchange.refresh_from_db()
    assert exchange.status == "agreed" and exchange.agreed_dates == "3–5 March"
    client.post(url, {"status": "held", "held_on": "2026-03-04"})
    records = EngagementRecord.objects.filter(kind=EngagementRecord.Kind.EXCHANGE_JOINED)
    assert {r.city for r in records} == {network.city_a, network.city_b}
    assert {r.occurred_on for r in records} == {datetime.date(2026, 3, 4)}
    response = client.post(url, {"status": "reported"}, follow=True)
    assert "Record the outcome" in response.content.decode()
    client.post(url, {"status": "reported", "outcome": "Set up a council", "lessons_learned": "L"})
    exchange.refresh_from_db()
    assert exchange.status == "reported" and exchange.lessons_learned == "L"
    assert records.count() == 2


def test_exchange_list_is_scoped_and_constant_in_queries(
    network, client_as, exchange, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert (
        "Local youth councils"
        in client_as(network.user("focal_b")).get("/en/helpdesk/exchanges/").content.decode()
    )
    assert (
        "Local youth councils"
        not in client_as(network.user("hub_b")).get("/en/helpdesk/exchanges/").content.decode()
    )
    client = client_as(network.user("mu"))
    with CaptureQueriesContext(connection) as captured:
        client.get("/en/helpdesk/exchanges/")
    for _ in range(30):
        more = PeerExchange.objects.create(
            hub=network.hub_a, city=network.city_a, topic="t", goals="g"
        )
        more.peers.set([network.city_b, CityFactory()])
    with django_assert_max_num_queries(len(captured.captured_queries)):
        assert client.get("/en/helpdesk/exchanges/").status_code == 200
