"""Anonymous public pages come from the cache, and are never stale after a change."""

import pytest
from django import http as django_http
from django.conf import settings as django_settings
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


def test_a_visitor_with_a_session_is_never_answered_from_the_cache(client, network):
    url = "/en/members/"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "someone-elses-session"
    response = client.get(url)
    assert "X-Page-Cache" not in response
    assert response.status_code == 200


def test_a_page_showing_a_message_is_never_stored(client, network):
    """A message (say "You have signed out") rides on the session or a cookie: the
    page it appears on belongs to that visitor."""
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.test import RequestFactory

    storage = CookieStorage(RequestFactory().get("/"))
    storage.add(20, "A message for one visitor only")
    response = django_http.HttpResponse()
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value
    page = client.get("/en/members/")
    assert "A message for one visitor only" in page.content.decode()
    assert "X-Page-Cache" not in page
    del client.cookies["messages"]
    fresh = client.get("/en/members/")
    assert fresh["X-Page-Cache"] == "miss"
    assert "A message for one visitor only" not in fresh.content.decode()


def test_a_cached_page_keeps_its_language_and_security_headers(client):
    first = client.get("/ar/members/")
    second = client.get("/ar/members/")
    assert second["X-Page-Cache"] == "hit"
    for header in ("Content-Language", "Content-Security-Policy", "Content-Type"):
        assert second[header] == first[header]
    assert second["Content-Language"] == "ar"
    assert second["X-Request-ID"] != first["X-Request-ID"]


def test_pages_are_served_from_redis_and_rendered_when_it_is_down(client, settings, redis_cache):
    """The production shape: the page cache in Redis; if Redis goes away, visitors
    still get their pages (rendered), never an error."""
    assert client.get("/fr/members/")["X-Page-Cache"] == "miss"
    assert client.get("/fr/members/")["X-Page-Cache"] == "hit"
    settings.CACHES = {
        "default": {
            "BACKEND": "strongcities.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    down = client.get("/fr/members/")
    assert down.status_code == 200
    assert "X-Page-Cache" not in down
    # the resource list keeps its browsing results in the same cache
    assert client.get("/fr/resources/").status_code == 200


def test_content_can_be_changed_while_the_cache_is_down(settings, network):
    settings.CACHES = {
        "default": {
            "BACKEND": "strongcities.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    city = network.city_a
    services.update_city_profile(
        city=city,
        data={"summary_en": "Changed while the cache was down"},
        expected_version=city.version,
        changed_by=network.users["focal_a"],
    )
    city.refresh_from_db()
    assert city.summary_en == "Changed while the cache was down"


def test_helpdesk_work_leaves_public_pages_cached(client, network):
    """No public page shows the helpdesk: answering a request must not empty the cache."""
    from hubs import helpdesk_services
    from hubs.models import Ticket

    url = network.city_a.get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    ticket = Ticket.objects.create(
        hub=network.hub_a, city=network.city_a, subject="Help", description="Please"
    )
    helpdesk_services.reply_as_staff(
        ticket=ticket, user=network.user("hub_a"), body="Here is how", internal=False
    )
    assert client.get(url)["X-Page-Cache"] == "hit"
