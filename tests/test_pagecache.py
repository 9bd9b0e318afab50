"""Anonymous public pages come from the cache, and are never stale after a change."""

import pytest
from django.urls import reverse

from members import services
from tests.factories import CityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_an_anonymous_page_is_cached_per_language(client):
    CityFactory(name_en="Irbid", name_ar="إربد", slug="irbid", country="JO")
    first = client.get("/en/members/")
    second = client.get("/en/members/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    arabic = client.get("/ar/members/")
    assert arabic["X-Page-Cache"] == "miss"
    assert "إربد" in arabic.content.decode()
    # the outer middleware still adds headers to a cached page
    assert second["Content-Security-Policy"]


def test_a_change_shows_at_once(client, network):
    city = network.city_a
    url = city.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    services.update_city_profile(
        city=city,
        data={"summary_en": "Freshly changed"},
        expected_version=city.version,
        changed_by=network.users["focal_a"],
    )
    page = client.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert "Freshly changed" in page.content.decode()


def test_many_to_many_changes_invalidate_too(client, network):
    from members.models import ThematicArea

    theme = ThematicArea.objects.create(slug="youth", name_en="Youth engagement")
    url = network.city_a.get_absolute_url()
    client.get(url)
    network.city_a.themes.add(theme)
    assert "Youth engagement" in client.get(url).content.decode()


def test_signed_in_people_never_get_a_cached_page(client_as, network):
    url = network.city_a.get_absolute_url()
    client_as(None).get(url)
    response = client_as(network.users["hub_a"]).get(url)
    assert "X-Page-Cache" not in response
    assert network.users["hub_a"].display_name in response.content.decode()


def test_pages_off_the_list_and_errors_are_not_cached(client):
    assert "X-Page-Cache" not in client.get(reverse("account_login"))
    assert "X-Page-Cache" not in client.get("/en/members/xx/no-such-city/")


def test_the_cache_can_be_switched_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/en/members/")
    assert "X-Page-Cache" not in client.get("/en/members/")
