"""Whole-page cache for anonymous visitors on public pages, per language.

Public pages are most of the traffic and the same for every anonymous visitor in a
language, so they are rendered once and served from the cache (Redis when
`CACHE_URL` is set, shared by every web node). Freshness does not depend on a
timeout: the content is split into areas (city profiles, city names, resources,
events...), each with a generation that every write to its tables bumps; a stored
page carries the generations of the areas it shows, as they were when it was
rendered, and is served only while they are all current. So a change made on one node
shows at once everywhere, and a focal point's edit of a city's profile leaves the
resource and event pages cached. The generations and the page are read in one round
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
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import translation
from redis.exceptions import RedisError

from strongcities.release import release

log = logging.getLogger(__name__)

# Content areas. A write bumps its area's generation; a page is stale when one of the
# areas it shows has moved on.
CITIES = "cities"  # everything about a city, its profile included
CITY_NAMES = "city-names"  # what other pages show of a city: its name, address, hub, status
CITY_INTERESTS = "city-interests"  # a city's strategic priorities and thematic interests
TAXONOMY = "taxonomy"  # strategic priorities, thematic areas, guiding principles
HUBS, RESOURCES, EVENTS, STEERING = "hubs", "resources", "events", "steering"
PEOPLE = "people"  # the names of hub staff and committee members
AREAS = (CITIES, CITY_NAMES, CITY_INTERESTS, TAXONOMY, HUBS, RESOURCES, EVENTS, STEERING, PEOPLE)
GENERATION_KEYS = {area: f"pagecache:generation:{area}" for area in AREAS}

# URL names of pages that are the same for every anonymous visitor, with the areas
# each shows (tests/test_pagecache_areas.py checks these against what the pages read).
PAGE_AREAS = {
    "home": frozenset({CITY_NAMES, TAXONOMY, HUBS, RESOURCES, EVENTS}),
    # The directory lists names and filters by priorities and themes: a focal point
    # editing their city's profile text leaves it cached.
    "members:city-list": frozenset({CITY_NAMES, CITY_INTERESTS, TAXONOMY, HUBS}),
    "members:city-map": frozenset({CITIES, CITY_NAMES, HUBS}),
    "members:city-detail": frozenset({CITIES, CITY_NAMES, TAXONOMY, HUBS}),
    "hubs:hub-list": frozenset({CITY_NAMES, HUBS}),
    "hubs:hub-detail": frozenset({CITY_NAMES, HUBS, RESOURCES, EVENTS, PEOPLE}),
    "resources:resource-list": frozenset({CITY_NAMES, TAXONOMY, HUBS, RESOURCES}),
    "resources:resource-detail": frozenset({CITY_NAMES, TAXONOMY, HUBS, RESOURCES}),
    "events:event-list": frozenset({CITY_NAMES, TAXONOMY, HUBS, EVENTS}),
    "events:event-detail": frozenset({CITY_NAMES, TAXONOMY, HUBS, RESOURCES, EVENTS}),
    "steering:committee": frozenset({CITY_NAMES, HUBS, STEERING, PEOPLE}),
}
CACHED_PAGES = frozenset(PAGE_AREAS)

# Apps whose rows appear on public pages: a write to any of their models bumps an area.
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
        "hubs.Stakeholder",
        "hubs.Need",
        "hubs.Consultation",
        "hubs.PeerExchange",
        "hubs.ServiceLevel",
        "resources.SubmissionNotice",
        "events.EventNotice",
        "events.CalendarFeed",
    }
)
TAXONOMY_MODELS = frozenset(
    {"members.StrategicPriority", "members.ThematicArea", "members.GuidingPrinciples"}
)
# A city's bookkeeping, which no page shows.
CITY_BOOKKEEPING_FIELDS = frozenset(
    {"profile_reviewed_at", "version", "updated_at", "hub_overridden"}
)
# A city's fields that only its own pages (profile, directory, map) show, or none: a
# change to nothing else leaves the other pages cached. Every other field (its names,
# address, hub, membership) is shown across the portal.
CITY_PROFILE_FIELDS = (
    frozenset(
        {"summary", "approach", "local_priorities", "contact_page", "website", "population", "logo"}
    )
    | CITY_BOOKKEEPING_FIELDS
)


def model_area(label: str) -> str:
    if label in TAXONOMY_MODELS:
        return TAXONOMY
    app_label = label.split(".", 1)[0]
    return CITIES if app_label == "members" else app_label


def generations() -> dict[str, int]:
    """Every area's current generation (one round trip; missing ones are started)."""
    found = cache.get_many(list(GENERATION_KEYS.values()))
    current = {}
    for area, key in GENERATION_KEYS.items():
        value = found.get(key)
        if value is None:
            cache.add(key, _fresh_generation(), timeout=None)
            value = cache.get(key, 0)
        current[area] = value
    return current


def generation(*areas: str) -> str:
    """A token that changes when any of these areas (all, if none named) changes: for
    caches kept beside the pages (resources' browse results)."""
    current = generations()
    return ".".join(str(current[area]) for area in areas or AREAS)


def bump_generation(*areas: str) -> None:
    """Mark these areas (every area, if none named) as changed: now, and again when the
    surrounding transaction commits. A visitor whose page is rendered between the two
    reads the new generation but the old rows; the second bump makes that page stale."""
    _bump(areas)
    from django.db import transaction

    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump(areas), robust=True)


def _bump(areas: tuple[str, ...]) -> None:
    for area in areas or AREAS:
        key = GENERATION_KEYS[area]
        try:
            try:
                cache.incr(key)
            except ValueError:  # not set yet (or evicted): start past any stored page
                cache.set(key, _fresh_generation(), timeout=None)
        except RedisError:
            # A write must not fail because the cache is down; its stored pages expire
            # within PAGE_CACHE_SECONDS. The other areas are still tried.
            log.warning("page cache generation of %s not bumped", area, exc_info=True)


def _fresh_generation() -> int:
    # A restarted counter must not land on a number a stored page already carries:
    # start from the clock (stored pages hold small counters or older clock readings).
    import time

    return int(time.time() * 1000)


def _bump_area_of(sender, **kwargs) -> None:
    bump_generation(model_area(sender._meta.label))


def _remember_city_identity(sender, instance, raw=False, **kwargs) -> None:
    """Before a city is saved: does the save change what other pages show of it?"""
    if raw or instance._state.adding or instance.pk is None:
        instance._pagecache_identity_changed = True
        return
    fields = _city_identity_fields(sender)
    if instance.get_deferred_fields() & set(fields):  # loaded in part: assume it changed
        instance._pagecache_identity_changed = True
        return
    stored = sender.objects.rewrite(False).filter(pk=instance.pk).values_list(*fields).first()
    current = tuple(getattr(instance, name) for name in fields)
    instance._pagecache_identity_changed = stored is None or _normalised(stored) != _normalised(
        current
    )


def _normalised(values) -> tuple:
    return tuple(getattr(v, "code", v) for v in values)  # a Country compares by its code


def _city_identity_fields(model) -> list[str]:
    """The columns other pages show. A translated field is compared by its language
    columns (name_ar, name_en, name_fr): the bare column only mirrors one of them."""
    from modeltranslation.translator import translator

    translated = set(translator.get_options_for_model(model).all_fields)
    names = []
    for field in model._meta.concrete_fields:
        base = getattr(field, "translated_field", field).name
        if base in CITY_PROFILE_FIELDS or field.name in translated:
            continue
        names.append(field.attname)
    return names


def _city_saved(sender, instance, **kwargs) -> None:
    if getattr(instance, "_pagecache_identity_changed", True):
        bump_generation(CITIES, CITY_NAMES)
    else:
        bump_generation(CITIES)


def _city_deleted(sender, **kwargs) -> None:
    bump_generation(CITIES, CITY_NAMES)


# A person's row changes at every sign-in (its last login): only other changes (their
# name) can show on a public page.
PERSON_BOOKKEEPING_FIELDS = frozenset({"last_login", "password"})


def _person_saved(sender, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) <= PERSON_BOOKKEEPING_FIELDS:
        return
    bump_generation(PEOPLE)


def _person_deleted(sender, **kwargs) -> None:
    bump_generation(PEOPLE)


def connect_invalidation() -> None:
    """Called once at start-up (StrongCitiesConfig.ready)."""
    from django.contrib.auth import get_user_model
    from django.db.models.signals import pre_save

    person = get_user_model()
    post_save.connect(_person_saved, sender=person, dispatch_uid="pagecache:person:save")
    post_delete.connect(_person_deleted, sender=person, dispatch_uid="pagecache:person:delete")

    for app_label in CONTENT_APPS:
        if not apps.is_installed(app_label):
            continue
        for model in apps.get_app_config(app_label).get_models():
            label = model._meta.label
            if label in PRIVATE_MODELS:
                continue
            uid = f"pagecache:{label}"
            if label == "members.City":
                pre_save.connect(_remember_city_identity, sender=model, dispatch_uid=uid + ":pre")
                post_save.connect(_city_saved, sender=model, dispatch_uid=uid + ":save")
                post_delete.connect(_city_deleted, sender=model, dispatch_uid=uid + ":delete")
            else:
                post_save.connect(_bump_area_of, sender=model, dispatch_uid=uid + ":save")
                post_delete.connect(_bump_area_of, sender=model, dispatch_uid=uid + ":delete")
            # A city's priorities and themes are its profile's, and the directory's filters.
            areas = (CITIES, CITY_INTERESTS) if label == "members.City" else (model_area(label),)
            for field in model._meta.many_to_many:
                m2m_changed.connect(
                    _bump_m2m(areas),
                    sender=field.remote_field.through,
                    dispatch_uid=f"pagecache:{label}.{field.name}",
                    weak=False,
                )


def _bump_m2m(areas: tuple[str, ...]):
    # The owning model's areas: a city's themes are its profile; a resource's cities are
    # the resource's.
    def receiver(sender, **kwargs):
        bump_generation(*areas)

    return receiver


def _key(request, language: str) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    # Per release: a page another release rendered links static files this one may not
    # have, and its entry may have another shape (strongcities/release.py).
    return f"pagecache:page:{release()}:{language}:{path}"


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
        if cached is not None and _is_current(cached[0], current):
            return _response_from(cached)
        # stored under the generations read *before* rendering: a write during the
        # render makes the stored page stale at once, never fresh by mistake
        response = self.get_response(request)
        areas = _storable(request, response)
        if areas:
            headers = [(k, v) for k, v in response.items() if k.lower() not in PER_REQUEST_HEADERS]
            shown = {area: current[area] for area in areas}
            try:
                cache.set(key, (shown, response.content, headers), settings.PAGE_CACHE_SECONDS)
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
        found = cache.get_many([*GENERATION_KEYS.values(), key])
        current = {area: found.get(k) for area, k in GENERATION_KEYS.items()}
        if None in current.values():
            current = generations()
        return key, current, found.get(key)


def _is_current(shown: dict, current: dict) -> bool:
    return all(current.get(area) == value for area, value in shown.items())


def _response_from(cached) -> HttpResponse:
    _generation, content, headers = cached
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def _storable(request, response) -> frozenset:
    """The areas the page shows, if it may be stored: only a plain page that is the same
    for every anonymous visitor (an empty set otherwise)."""
    match = getattr(request, "resolver_match", None)
    areas = PAGE_AREAS.get(match.view_name) if match is not None else None
    if not areas:
        return frozenset()
    if response.status_code != 200 or getattr(response, "streaming", False):
        return frozenset()
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return frozenset()  # a CSRF token or a cookie in it belongs to one visitor
    if getattr(request, "_messages", None) is not None and len(request._messages._queued_messages):
        return frozenset()
    user = getattr(request, "user", None)
    if user is None or user.is_authenticated:
        return frozenset()
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    # Cookie and Accept-Language vary for the session and locale machinery; for an
    # anonymous visitor on a language-prefixed URL the page is the same.
    return areas if vary <= {"cookie", "accept-language"} else frozenset()
