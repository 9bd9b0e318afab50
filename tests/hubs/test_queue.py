"""The helpdesk queue: filters, scope, and constant query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hubs.models import Ticket
from tests.factories import CityFactory
from tests.hubs.factories import TicketFactory

pytestmark = pytest.mark.django_db


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("role", ["hub_a", "mu", "focal_a"])
@pytest.mark.parametrize("query", ["", "?status=all&priority=high", "?q=Question"])
def test_queue_makes_the_same_number_of_queries_for_5_or_60_requests(
    network, client_as, django_assert_max_num_queries, role, query
):
    client = client_as(network.user(role))
    city = network.city_a

    def add(n):
        for _ in range(n):
            ticket = TicketFactory(city=city, hub=network.hub_a, priority="high")
            ticket.assignee = network.user("hub_a")
            ticket.save()

    add(5)
    small = queries_for(client, f"/en/helpdesk/{query}")
    add(55)
    with django_assert_max_num_queries(small):
        response = client.get(f"/en/helpdesk/{query}")
    assert response.context["page"].paginator.count == 60


def test_queue_filters(network, client_as):
    a1 = TicketFactory(city=network.city_a, hub=network.hub_a, priority="urgent", subject="Flood")
    a2 = TicketFactory(city=network.city_a, hub=network.hub_a, category="training")
    a3 = TicketFactory(city=network.city_a, hub=network.hub_a, status=Ticket.Status.CLOSED)
    a2.assignee = network.user("hub_a")
    a2.save()
    client = client_as(network.user("hub_a"))

    def refs(query):
        page = client.get(f"/en/helpdesk/{query}").context["page"]
        return {t.reference for t in page}

    assert refs("") == {a1.reference, a2.reference}  # open only by default
    assert refs("?status=all") == {a1.reference, a2.reference, a3.reference}
    assert refs("?status=closed") == {a3.reference}
    assert refs("?priority=urgent") == {a1.reference}
    assert refs("?category=training") == {a2.reference}
    assert refs("?assignee=me") == {a2.reference}
    assert refs("?assignee=none") == {a1.reference}
    assert refs("?q=flood") == {a1.reference}
    assert refs(f"?q={a2.reference}") == {a2.reference}
    # nonsense filters are ignored, never a 500
    assert client.get("/en/helpdesk/?status=bogus&priority=x&page=abc").status_code == 200


def test_management_unit_filters_by_hub_and_sees_a_summary(network, client_as):
    TicketFactory(city=network.city_a, hub=network.hub_a)
    b = TicketFactory(city=network.city_b, hub=network.hub_b)
    client = client_as(network.user("mu"))
    page = client.get(f"/en/helpdesk/?hub={network.hub_b.slug}").context["page"]
    assert [t.reference for t in page] == [b.reference]
    summaries = client.get("/en/helpdesk/").context["summaries"]
    assert {row["hub"].slug: row["open"] for row in summaries} == {"hub-a": 1, "hub-b": 1}


def test_hub_staff_queue_holds_only_their_hub(network, client_as):
    other_city = CityFactory(hub=network.hub_b)
    mine = TicketFactory(city=network.city_a, hub=network.hub_a)
    TicketFactory(city=other_city, hub=network.hub_b)
    page = client_as(network.user("hub_a")).get("/en/helpdesk/?status=all").context["page"]
    assert [t.reference for t in page] == [mine.reference]


@pytest.mark.parametrize("role", ["hub_a", "focal_a"])
def test_request_page_makes_the_same_number_of_queries_for_5_or_40_messages(
    network, client_as, ticket_a, media_root, django_assert_max_num_queries, role
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hubs import helpdesk_services as services

    def add(n):
        for i in range(n):
            services.reply_as_staff(
                ticket=ticket_a,
                user=network.user("hub_a"),
                body=f"Message {i}",
                internal=bool(i % 2),
                files=[SimpleUploadedFile(f"n{i}.txt", b"hello")],
            )

    client = client_as(network.user(role))
    add(5)
    small = queries_for(client, ticket_a.get_absolute_url())
    add(35)
    with django_assert_max_num_queries(small):
        assert client.get(ticket_a.get_absolute_url()).status_code == 200


def test_support_fund_list_makes_the_same_number_of_queries_for_5_or_60_rows(
    network, client_as, django_assert_max_num_queries
):
    from hubs.models import SupportFundRequest
    from members.models import StrategicPriority

    priority = StrategicPriority.objects.create(number=1, name_en="p")

    def add(n):
        for _ in range(n):
            SupportFundRequest.objects.create(
                hub=network.hub_a,
                city=network.city_a,
                need="n",
                priority=priority,
                support_asked="s",
                estimated_budget=1,
            )

    client = client_as(network.user("mu"))
    add(5)
    small = queries_for(client, "/en/helpdesk/support-fund/")
    add(55)
    with django_assert_max_num_queries(small):
        assert client.get("/en/helpdesk/support-fund/").status_code == 200


def test_the_open_queue_and_its_count_can_use_the_open_requests_index(network):
    """The index's condition must be the queue's own, or PostgreSQL cannot use it and
    counts a hub's open requests by reading every request it ever had."""
    from hubs import helpdesk_selectors

    done = TicketFactory(city=network.city_a, hub=network.hub_a, status="closed")
    TicketFactory(city=network.city_a, hub=network.hub_a)  # open
    fields = {f.attname: getattr(done, f.attname) for f in Ticket._meta.concrete_fields}
    Ticket.objects.bulk_create(  # a hub with years of closed requests
        Ticket(**{**fields, "id": None, "reference": f"OLD-{n}"}) for n in range(2000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE hubs_ticket")
    tickets = helpdesk_selectors.queue(network.user("hub_a"))
    count_sql, params = tickets.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN SELECT count(*) FROM ({count_sql}) AS q", params)  # noqa: S608
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "ticket_open_queue_idx" in plan, plan


def test_the_finished_statuses_are_the_resolved_and_closed_ones():
    from hubs.models.helpdesk import FINISHED_STATUSES

    assert set(FINISHED_STATUSES) == {Ticket.Status.RESOLVED, Ticket.Status.CLOSED}
    assert set(FINISHED_STATUSES) <= set(Ticket.Status.values)
