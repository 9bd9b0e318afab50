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
import logging

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

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
# ... except these, which no public page shows (the helpdesk, engagement bookkeeping,
# notices sent): under load, every answered request or recorded engagement would
# otherwise empty the cache of every public page.
PRIVATE_MODELS = frozenset(
    {
        "members.EngagementRecord",
        "members.FocalPointHandover",
        "members.ContinuityAlert",
        "members.ProfileRevision",
        "hubs.Ticket",
        "hubs.TicketMessage",
        "hubs.TicketAttachment",
        "hubs.CannedReply",
        "hubs.HelpdeskNotification",
        "hubs.SupportFundRequest",
        "hubs.SupportFundNotification",
        "resources.SubmissionNotice",
        "resources.SearchTermFrequency",
        "events.EventNotice",
        "events.CalendarFeed",
    }
)


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
    except RedisError:
        # A write must not fail because the cache is down; its stored pages expire
        # within PAGE_CACHE_SECONDS.
        log.warning("page cache generation not bumped", exc_info=True)


def connect_invalidation() -> None:
    """Called once at start-up (StrongCitiesConfig.ready)."""
    for app_label in CONTENT_APPS:
        if not apps.is_installed(app_label):
            continue
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.label in PRIVATE_MODELS:
                continue
            uid = f"pagecache:{model._meta.label}"
            post_save.connect(bump_generation, sender=model, dispatch_uid=uid + ":save")
            post_delete.connect(bump_generation, sender=model, dispatch_uid=uid + ":delete")
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.label in PRIVATE_MODELS:
                continue
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    bump_generation,
                    sender=field.remote_field.through,
                    dispatch_uid=f"pagecache:{model._meta.label}.{field.name}",
                )


def _key(request, language: str) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    # "v2": the entry's shape (generation, content, headers); a new shape takes a new
    # name, so pages stored by the previous release are never read as this one's.
    return f"pagecache:page:v2:{language}:{path}"


# Headers the request-id middleware (outside this one) sets per request.
PER_REQUEST_HEADERS = frozenset({"x-request-id", "set-cookie"})


class AnonymousPageCacheMiddleware:
    """Serves and stores anonymous public pages, near the top of the stack.

    A hit skips the session, locale, CSRF, authentication and CSP machinery: it is
    answered from one Redis round trip with the headers the inner middleware gave the
    page when it was rendered (its security policy, Vary, Content-Language). Only
    visitors who carry no session or messages cookie are answered from the cache, and
    only pages rendered for such visitors are stored, so a page can never hold one
    person's messages or name.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            lookup = self._lookup(request)
        except RedisError:  # the cache is down: pages are rendered, never refused
            log.warning("page cache unavailable", exc_info=True)
            lookup = None
        if lookup is None:
            return self.get_response(request)
        key, current, cached = lookup
        if cached is not None and cached[0] == current:
            return _response_from(cached)
        # stored under the generation read *before* rendering: a write during the
        # render makes the stored page stale at once, never fresh by mistake
        response = self.get_response(request)
        if _storable(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() not in PER_REQUEST_HEADERS]
            try:
                cache.set(key, (current, response.content, headers), settings.PAGE_CACHE_SECONDS)
            except RedisError:
                log.warning("page cache unavailable", exc_info=True)
            else:
                response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _lookup(request):
        """(key, current generation, stored entry or None), or None if the request may
        not be answered from the cache."""
        if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
            return None
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return None
        language = translation.get_language_from_path(request.path_info)
        if not language:
            return None
        # Which view answers is known only after rendering (a stored page is always
        # one of CACHED_PAGES): resolving the URL here would cost a hit more than the
        # lookup a page off the list pays for nothing.
        key = _key(request, language)
        found = cache_get_many([GENERATION_KEY, key])
        current = found.get(GENERATION_KEY)
        if current is None:
            current = generation()
        return key, current, found.get(key)


def _response_from(cached) -> HttpResponse:
    _generation, content, headers = cached
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


# The page cache talks to Redis through one client per process: Django's Redis backend
# builds a client object per call, a measurable share of a hit's cost.
_client: tuple = (None, None)  # (the backend, its client)


def _redis_client(backend: RedisCache):
    global _client
    if _client[0] is not backend:  # first use, or the cache settings changed (tests)
        _client = (backend, backend._cache.get_client(write=True))  # noqa: SLF001
    return _client[1]


def cache_get_many(keys: list[str]) -> dict:
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return backend.get_many(keys)
    names = [backend.make_and_validate_key(k) for k in keys]
    values = _redis_client(backend).mget(names)
    loads = backend._cache._serializer.loads  # noqa: SLF001
    return {k: loads(v) for k, v in zip(keys, values, strict=True) if v is not None}


def _storable(request, response) -> bool:
    """Only a plain page that is the same for every anonymous visitor."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.view_name not in CACHED_PAGES:
        return False
    if response.status_code != 200 or getattr(response, "streaming", False):
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a CSRF token or a cookie in it belongs to one visitor
    if getattr(request, "_messages", None) is not None and len(request._messages._queued_messages):
        return False
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    # Cookie and Accept-Language vary for the session and locale machinery; for an
    # anonymous visitor on a language-prefixed URL the page is the same.
    return vary <= {"cookie", "accept-language"}
