"""Puts the public pages every visit passes through into the page cache.

Each release keeps its own pages (strongcities/release.py), so after a deploy the page
cache starts empty, and the first visitor of each page and language waits for it to be
rendered. `manage.py warm_cache` renders them first: the home page, the directory,
the member map, the regional hubs and each hub's page, the resource hub, the calendar
and the Steering Committee, in every language. The one-shot `migrate` service runs it
(docker/entrypoint.sh) before the new release's web nodes serve; a single `web` node
warms beside its server. Pages of one city,
resource or event are rendered at their first visit, as before: there are too many of
them to render at every deploy.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import validate_host
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hubs.models import Hub

WARMED_PAGES = (
    "home",
    "members:city-list",
    "members:city-map",
    "hubs:hub-list",
    "resources:resource-list",
    "events:event-list",
    "steering:committee",
)


def shared_cache() -> bool:
    """Whether the page cache outlives this process (Redis): warming a cache of this
    process's own would warm nothing a visitor reaches."""
    backend = settings.CACHES["default"]["BACKEND"]
    return not backend.endswith(("LocMemCache", "DummyCache"))


def warm_urls() -> list[str]:
    hub_slugs = list(Hub.objects.order_by("sort_order").values_list("slug", flat=True))
    urls = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            urls += [reverse(name) for name in WARMED_PAGES]
            urls += [reverse("hubs:hub-detail", args=[slug]) for slug in hub_slugs]
    return urls


def cannot_warm() -> str:
    """Why no page could be stored, said once rather than as an error per page; "" if
    nothing stands in the way."""
    if not shared_cache():
        return "No shared cache (CACHE_URL): each process keeps its own pages."
    if settings.PAGE_CACHE_SECONDS <= 0:
        return "The page cache is off (PAGE_CACHE_SECONDS=0)."
    host = urlsplit(settings.SITE_URL).hostname or ""
    if not validate_host(host, settings.ALLOWED_HOSTS):
        return f"The host of SITE_URL ({host}) is not one of ALLOWED_HOSTS: nothing to warm."
    return ""


def warm_public_pages() -> Counter:
    """Requests each page as an anonymous visitor of SITE_URL would (its host, https if
    it is https) through the whole middleware stack, so what is stored is exactly what
    a visitor would have caused. Counts the outcomes: "stored" (rendered now), "kept"
    (already current), "HTTP <status>" (an answer that is not a page), "not stored"
    (a page the cache could not take: Redis unreachable)."""
    site = urlsplit(settings.SITE_URL)
    client = Client(HTTP_HOST=site.netloc, raise_request_exception=False)
    outcomes = Counter()
    for url in warm_urls():
        client.cookies.clear()  # a fresh visitor each time: no cookie of an earlier answer
        response = client.get(url, secure=site.scheme == "https")
        if response.status_code != 200:
            outcomes[f"HTTP {response.status_code}"] += 1
            continue
        cached = response.get("X-Page-Cache")
        outcomes[{"miss": "stored", "hit": "kept"}.get(cached, "not stored")] += 1
    return outcomes
