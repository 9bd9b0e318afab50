"""The organisers' participant list: pages of 100, a status filter, a fixed number of queries."""

import datetime
import itertools

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from events.models import Registration
from tests.events.conftest import make_event
from tests.events.test_views import STAFF_ONLY, run

Status = Registration.Status
_people = itertools.count(1)


@pytest.fixture
def event(network):
    now = timezone.now()
    # under way, so the attendance buttons and certificate links are on the page too
    return make_event(
        hub=network.hub_a,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=2),
    )


def add_guests(event, count, status=Status.CONFIRMED, name="Guest"):
    """``count`` guests, named in the order the list shows them (by id within a status)."""
    return Registration.objects.bulk_create(
        Registration(
            event=event,
            guest_name=f"{name} {i:03d}",
            guest_email=f"{name.lower()}-{next(_people)}@example.org",
            guest_organisation="Partner (fictional)",
            status=status,
        )
        for i in range(1, count + 1)
    )


def add_members(event, city, count, status=Status.CONFIRMED):
    """``count`` people with accounts, registered for ``city``, who need interpretation."""
    users = get_user_model().objects.bulk_create(
        get_user_model()(email=f"member-{n}@example.org", display_name=f"Member {n}", password="!")
        for n in (next(_people) for _ in range(count))
    )
    return Registration.objects.bulk_create(
        Registration(
            event=event,
            user=user,
            city=city,
            status=status,
            registered_by=user,
            interpretation_language="fr",
            dietary_needs="Vegetarian",
        )
        for user in users
    )


def url(event, query="", language="en"):
    return f"/{language}/events/{event.slug}/participants/{query}"


@pytest.mark.parametrize("query", ["", "?status=pending"])
def test_the_list_makes_the_same_number_of_queries_for_10_or_500_people(
    client_as, network, event, query, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        # every kind of row: members with a city, guests, and each status
        for status in Registration.ACTIVE_STATUSES:
            add_members(event, network.city_a, n, status)
            add_guests(event, n, status)

    client = client_as(network.user("hub_a"))
    add(1)  # 10 registrations: a member and a guest of each status
    with CaptureQueriesContext(connection) as small:
        assert client.get(url(event, query)).status_code == 200
    add(49)  # 500
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url(event, query))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<span class="muted"><bdi>') == 100  # one full page of rows
    assert "Confirmed: 100 · attended: 100 · did not attend: 100" in html


def test_row_101_is_on_page_2(client_as, network, event):
    add_guests(event, 101)
    client = client_as(network.user("hub_a"))
    first = client.get(url(event)).content.decode()
    assert "Guest 001" in first and "Guest 100" in first and "Guest 101" not in first
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    second = client.get(url(event, "?page=2")).content.decode()
    assert "Guest 101" in second and "Guest 100" not in second
    assert "Page 2 of 2" in second


def test_the_csv_still_has_every_row(client_as, network, event):
    add_guests(event, 150)
    csv_text = client_as(network.user("mu")).get(f"/en/events/{event.slug}/participants.csv")
    lines = csv_text.content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 1 + 150


def test_staff_filter_the_list_by_status_and_the_page_links_keep_it(client_as, network, event):
    add_guests(event, 3, Status.CONFIRMED, name="Confirmed")
    add_guests(event, 101, Status.PENDING, name="Pending")
    add_guests(event, 2, Status.CANCELLED, name="Cancelled")
    client = client_as(network.user("hub_a"))
    html = client.get(url(event, "?status=pending")).content.decode()
    assert "Pending 001" in html and "Confirmed 001" not in html
    assert "Page 1 of 2" in html
    assert 'href="?status=pending&amp;page=2"' in html  # the filter stays on the next page
    assert '<option value="pending" selected>' in html
    # the counts are the whole list's, whatever the filter
    assert "Confirmed: 3 · attended: 0 · did not attend: 0 · waiting list: 0" in html
    assert "awaiting approval: 101" in html
    second = client.get(url(event, "?status=pending&page=2")).content.decode()
    assert "Pending 101" in second and "Confirmed" not in second.split("<tbody>")[1]
    confirmed = client.get(url(event, "?status=confirmed")).content.decode()
    assert "Confirmed 003" in confirmed and "Pending 001" not in confirmed
    assert "Page 1 of" not in confirmed  # one page, no page links
    waiting = client.get(url(event, "?status=waiting")).content.decode()
    assert "Nobody on the list has this status." in waiting


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=0",
        "?page=999",
        "?page=-1",
        "?status=bogus",
        "?status=cancelled",
        "?status=",
        "?status=bogus&page=2.5",
    ],
)
def test_a_bad_page_or_status_shows_a_page_not_an_error(client_as, network, event, query):
    add_guests(event, 2, Status.CONFIRMED, name="Confirmed")
    add_guests(event, 1, Status.CANCELLED, name="Cancelled")
    response = client_as(network.user("mu")).get(url(event, query))
    assert response.status_code == 200
    html = response.content.decode()
    # an unknown status is ignored: everyone but the cancelled is listed
    assert "Confirmed 001" in html and "Confirmed 002" in html and "Cancelled 001" not in html


def test_a_nul_character_in_the_filter_gets_the_bad_request_page(client_as, network, event):
    # as on every page (tests/test_bad_input_matrix.py): not a list, not an error
    response = client_as(network.user("mu")).get(url(event, "?status=pending%00"))
    assert response.status_code == 400
    assert "This address cannot be read" in response.content.decode()


@pytest.mark.parametrize("query", ["?status=pending", "?page=2", "?status=bogus&page=x"])
def test_the_filtered_list_is_still_only_for_the_organisers(client_as, network, event, query):
    add_guests(event, 101, Status.PENDING)
    assert run(client_as, network, url(event, query)) == STAFF_ONLY


def test_cities_are_in_the_alphabetical_order_of_the_pages_language(client_as, network, event):
    from tests.factories import CityFactory

    # Two cities whose order differs between the languages: A before T, but ت before ع.
    tunis = CityFactory(name_en="Tunis", name_ar="تونس", name_fr="Tunis", slug="tunis")
    amman = CityFactory(name_en="Amman", name_ar="عمّان", name_fr="Amman", slug="amman")
    add_members(event, tunis, 1)
    add_members(event, amman, 1)
    client = client_as(network.user("mu"))
    english = client.get(url(event, "", language="en")).content.decode()
    arabic = client.get(url(event, "", language="ar")).content.decode()
    assert english.index("Amman") < english.index("Tunis")
    assert arabic.index("تونس") < arabic.index("عمّان")  # ت before ع
