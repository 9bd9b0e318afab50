"""After a deploy (each release keeps its own pages) the public pages every visit passes
through are rendered into the page cache before visitors come."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from members import engagement_snapshot, services
from steering import report_cache
from strongcities.pagecache import CACHED_PAGES
from strongcities.pagewarm import WARMED_PAGES, warm_public_pages, warm_urls

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.SITE_URL = "http://testserver"  # the test client's host


def test_the_first_visitors_after_a_deploy_get_stored_pages(client, network):
    urls = warm_urls()
    hubs = 2  # the network fixture's
    assert len(urls) == 3 * (len(WARMED_PAGES) + hubs)
    assert "/ar/hubs/hub-a/" in urls and "/fr/resources/" in urls
    assert warm_public_pages() == {"stored": len(urls)}
    for url in ("/ar/", "/en/members/", "/fr/hubs/hub-b/", "/ar/members/map/"):
        assert client.get(url)["X-Page-Cache"] == "hit", url
    assert warm_public_pages() == {"kept": len(urls)}


def test_a_change_since_is_rendered_again(client, network):
    warm_public_pages()
    city = network.city_a
    services.update_city_profile(
        city=city,
        data={"name_en": "Renamed city"},
        expected_version=city.version,
        changed_by=network.users["mu"],
    )
    # every warmed page names cities (directory, hubs, lists, committee's members)
    assert warm_public_pages() == {"stored": len(warm_urls())}
    page = client.get("/en/members/")
    assert page["X-Page-Cache"] == "hit"
    assert "Renamed city" in page.content.decode()


def test_pages_are_warmed_as_the_public_site_serves_them(client, settings, network):
    """On SITE_URL's host and scheme, behind the TLS proxy: with https enforced, a warm-up
    over plain http would store nothing but redirects."""
    settings.SITE_URL = "https://portal.strongcities.example"
    settings.ALLOWED_HOSTS = ["portal.strongcities.example"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert warm_public_pages() == {"stored": len(warm_urls())}
    page = client.get(
        "/en/hubs/hub-a/",
        HTTP_HOST="portal.strongcities.example",
        HTTP_X_FORWARDED_PROTO="https",
    )
    assert page["X-Page-Cache"] == "hit"


def test_every_warmed_page_is_one_the_cache_keeps():
    assert set(WARMED_PAGES) | {"hubs:hub-detail"} <= CACHED_PAGES


def test_an_answer_that_is_not_a_page_is_counted_by_its_status(network, monkeypatch):
    from strongcities import pagewarm

    # a hub removed between reading the list and asking for its page
    monkeypatch.setattr(pagewarm, "warm_urls", lambda: ["/en/", "/en/hubs/gone/"])
    assert warm_public_pages() == {"stored": 1, "HTTP 404": 1}


def test_with_the_page_cache_off_nothing_is_stored(settings, network):
    settings.PAGE_CACHE_SECONDS = 0
    assert warm_public_pages() == {"not stored": len(warm_urls())}


def test_the_command_readies_the_shared_cache(network, capsys, redis_cache):
    call_command("warm_cache")
    count = len(warm_urls())
    said = capsys.readouterr().out
    assert "Engagement snapshot and 6 annual reports computed." in said  # 2 years x 3
    assert engagement_snapshot.stored(timezone.localdate().year) is not None
    assert redis_cache.get(report_cache._key(timezone.localdate().year, "fr")) is not None
    assert f"Public pages: {count} stored." in said
    call_command("warm_cache", "--pages-only")
    said = capsys.readouterr().out
    assert f"Public pages: {count} kept." in said
    assert "annual reports" not in said


def test_the_command_says_once_why_it_cannot_warm(settings, network, capsys, redis_cache):
    settings.ALLOWED_HOSTS = ["portal.strongcities.example"]
    settings.SITE_URL = "https://elsewhere.example"
    call_command("warm_cache")
    said = capsys.readouterr().out
    assert "The host of SITE_URL (elsewhere.example) is not one of ALLOWED_HOSTS" in said
    assert "Public pages" not in said
    settings.SITE_URL = "https://portal.strongcities.example"
    settings.PAGE_CACHE_SECONDS = 0
    call_command("warm_cache")
    assert "The page cache is off" in capsys.readouterr().out


def test_the_command_says_a_cache_of_its_own_warms_nothing(settings, capsys):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    call_command("warm_cache")
    assert "No shared cache" in capsys.readouterr().out
