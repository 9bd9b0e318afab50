"""Whole-page cache for anonymous visitors on public pages, per language.

Public pages are most of the traffic and the same for every anonymous visitor in a
language, so they are rendered once and served from the cache (Redis when
`CACHE_URL` is set, shared by every web node). Freshness does not depend on a
timeout: every stored page carries the content generation it was rendered under, and
any write to the portal's content tables bumps the generation, so a change made on
one node shows at once everywhere. The generation and the page are read in one round
trip (MGET): on a loaded machine a Redis round trip is most of a hit's cost. The
timeout only bounds memory.

Never cached: signed-in people, anything but GET/HEAD, responses that set a CSRF
token or cookies, non-200 responses, and pages not on the list below.
"""

from __future__ import annotations

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation

GENERATION_KEY = "pagecache:generation"
# URL names of pages that are the same for every anonymous visitor.
CACHED_PAGES = {
    "home",
    "members:city-list",
    "members:city-map",
    "members:city-detail",
    "hubs:hub-list",
    "hubs:hub-detail",
    "resources:resource-list",
    "resources:resource-detail",
    "events:event-list",
    "events:event-detail",
    "steering:committee",
}
# Apps whose rows appear on public pages: a write to any of them bumps the generation.
CONTENT_APPS = ("members", "hubs", "resources", "events", "steering")


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def bump_generation(**kwargs) -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates
        cache.set(GENERATION_KEY, 2, timeout=None)


def connect_invalidation() -> None:
    """Called once at start-up (StrongCitiesConfig.ready)."""
    for app_label in CONTENT_APPS:
        if not apps.is_installed(app_label):
            continue
        for model in apps.get_app_config(app_label).get_models():
            uid = f"pagecache:{model._meta.label}"
            post_save.connect(bump_generation, sender=model, dispatch_uid=uid + ":save")
            post_delete.connect(bump_generation, sender=model, dispatch_uid=uid + ":delete")
        for model in apps.get_app_config(app_label).get_models():
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    bump_generation,
                    sender=field.remote_field.through,
                    dispatch_uid=f"pagecache:{model._meta.label}.{field.name}",
                )


def _key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"pagecache:page:{translation.get_language()}:{path}"


class AnonymousPageCacheMiddleware:
    """Innermost middleware: outer ones (security headers, CSP, language cookie)
    still run on a cached response, so only the rendered page is reused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key and "X-Page-Cache" not in response and _storable(request, response):
            cache.set(
                key,
                (request._page_cache_generation, response.content, response["Content-Type"]),
                settings.PAGE_CACHE_SECONDS,
            )
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if not (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method in ("GET", "HEAD")
            and not request.user.is_authenticated
            and match is not None
            and match.view_name in CACHED_PAGES
        ):
            return None
        key = _key(request)
        found = cache.get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY)
        if current is None:
            current = generation()
        # stored under the generation read *before* rendering: a write during the
        # render makes the stored page stale at once, never fresh by mistake
        request._page_cache_key, request._page_cache_generation = key, current
        cached = found.get(key)
        if cached is None or cached[0] != current:
            return None
        _generation, content, content_type = cached
        response = HttpResponse(content, content_type=content_type)
        response["X-Page-Cache"] = "hit"
        return response


def _storable(request, response) -> bool:
    """Only a plain page that is the same for every anonymous visitor."""
    if response.status_code != 200 or getattr(response, "streaming", False):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a CSRF token or a cookie in it belongs to one visitor
    if getattr(request, "_messages", None) is not None and len(request._messages._queued_messages):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    # Cookie and Accept-Language vary for the session and locale machinery; for an
    # anonymous visitor on a language-prefixed URL the page is the same.
    return vary <= {"cookie", "accept-language"}
