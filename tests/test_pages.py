"""Public pages: content, empty states, and constant query counts."""

import datetime

import pytest
from django.utils import timezone

from events.models import Event
from members.models import City
from resources.models import Resource
from steering.models import CommitteeMember
from tests.factories import CityFactory, CommitteeMemberFactory, HubFactory


def count_queries(django_assert_max_num_queries, client, url, limit=30):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/members/",
        "/en/hubs/",
        "/en/hubs/big/",
        "/en/steering/",
        "/en/resources/",
        "/en/events/",
    ],
)
def test_list_pages_make_the_same_number_of_queries_for_5_or_60_rows(
    client, url, django_assert_max_num_queries
):
    hub = HubFactory(slug="big")
    now = timezone.now()

    def add(n):
        for _ in range(n):
            city = CityFactory(hub=hub)
            CommitteeMemberFactory(city=city)
            Resource.objects.create(
                slug=f"r-{city.pk}",
                kind="toolkit",
                title_en="R",
                status="published",
                published_at=now,
            )
            Event.objects.create(
                slug=f"e-{city.pk}",
                kind="webinar",
                format="online",
                title_en="E",
                starts_at=now + datetime.timedelta(days=3),
                ends_at=now + datetime.timedelta(days=3, hours=2),
                is_published=True,
                hub=hub,
            )

    add(5)
    small = count_queries(django_assert_max_num_queries, client, url)
    add(55)
    with django_assert_max_num_queries(small):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_home_shows_figures_and_empty_states(client):
    CityFactory.create_batch(3, country="KE")
    CityFactory(country="JO")
    CityFactory(country="JO", membership_status=City.MembershipStatus.PROSPECTIVE)
    html = client.get("/en/").content.decode()
    assert "No resources have been published yet" in html
    assert "No upcoming events are announced yet" in html
    from members.selectors import network_figures

    assert network_figures()["members"] == 4
    assert network_figures()["countries"] == 2


@pytest.mark.django_db
def test_home_links_the_latest_resources_and_upcoming_events(client):
    from django.utils import timezone

    from tests.events.conftest import make_event

    Resource.objects.create(
        slug="mediation", kind="toolkit", title_en="Mediation guide", title_ar="دليل الوساطة",
        status="published", published_at=timezone.now(),
    )  # fmt: skip
    event = make_event(title_en="Regional workshop", title_ar="")
    arabic = client.get("/ar/").content.decode()
    assert '<a href="/ar/resources/mediation/"><strong>دليل الوساطة</strong></a>' in arabic
    # an event with no Arabic title is shown in English, marked so
    assert (
        f'<a href="/ar/events/{event.slug}/" lang="en" dir="ltr"><strong>Regional workshop</strong>'
        in arabic
    )


@pytest.mark.django_db
def test_home_leads_from_each_priority_and_theme_to_its_resources(client):
    from members.models import StrategicPriority, ThematicArea

    StrategicPriority.objects.create(number=4, name_en="City–youth engagement")
    ThematicArea.objects.create(slug="young-cities", name_en="Young Cities")
    html = client.get("/en/").content.decode()
    assert '<a href="/en/resources/?priority=4">City–youth engagement</a>' in html
    assert '<a href="/en/resources/?theme=young-cities">Young Cities</a>' in html


@pytest.mark.django_db
def test_drafts_are_never_public(client):
    Resource.objects.create(slug="d", kind="toolkit", title_en="Secret draft", status="draft")
    Resource.objects.create(
        slug="p",
        kind="toolkit",
        title_en="Open toolkit",
        status="published",
        published_at=timezone.now(),
    )
    for url in ("/en/", "/en/resources/"):
        html = client.get(url).content.decode()
        assert "Open toolkit" in html
        assert "Secret draft" not in html


@pytest.mark.django_db
def test_members_only_and_unpublished_events_are_not_listed(client):
    now = timezone.now()
    common = {
        "kind": "workshop",
        "format": "in_person",
        "starts_at": now + datetime.timedelta(days=1),
        "ends_at": now + datetime.timedelta(days=2),
    }
    Event.objects.create(slug="a", title_en="Open workshop", is_published=True, **common)
    Event.objects.create(
        slug="b", title_en="Members workshop", is_published=True, audience="members", **common
    )
    Event.objects.create(slug="c", title_en="Unpublished workshop", **common)
    html = client.get("/en/events/").content.decode()
    assert "Open workshop" in html
    assert "Members workshop" not in html and "Unpublished workshop" not in html


@pytest.mark.django_db
def test_a_prospective_city_page_is_not_found_for_the_public(client):
    city = CityFactory(membership_status=City.MembershipStatus.PROSPECTIVE)
    assert client.get(city.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_committee_page_states_it_is_advisory_and_lists_current_members_only(client):
    current = CommitteeMemberFactory()
    CommitteeMemberFactory(term_end=datetime.date(2020, 1, 1), term_start=datetime.date(2018, 1, 1))
    html = client.get("/en/steering/").content.decode()
    assert "advisory only" in html
    assert current.user.display_name in html
    assert CommitteeMember.objects.active().count() == 1


@pytest.mark.django_db
def test_directory_filters_keep_what_the_visitor_typed(client):
    CityFactory(name_en="Kumanovo")
    html = client.get("/en/members/?q=kuma&hub=nowhere").content.decode()
    assert 'value="kuma"' in html
    assert "No city matches these filters." in html


@pytest.mark.django_db
def test_api_lists_only_public_cities(client):
    CityFactory(name_en="Public City")
    CityFactory(name_en="Hidden City", membership_status=City.MembershipStatus.PROSPECTIVE)
    names = [c["name"] for c in client.get("/api/v1/cities/").json()["results"]]
    assert "Public City" in names and "Hidden City" not in names
