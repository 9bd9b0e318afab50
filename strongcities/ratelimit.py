"""Rate limits for the portal's own forms (allauth limits sign-in and password reset).

A fixed window counted in the shared cache (CACHE_URL: Redis, so every web node counts
together). Someone over the limit gets the translated 429 page, never a 500. Limits are
per person when signed in, else per client address; RATE_LIMITS in the settings sets
them, e.g. {"helpdesk_ticket": "10/h"}.
"""

from __future__ import annotations

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'10/h' -> (10, 3600); '5/15m' -> (5, 900)."""
    count, _, period = rate.partition("/")
    unit = period[-1]
    multiplier = int(period[:-1] or 1)
    return int(count), multiplier * PERIODS[unit]


def client_ip(request) -> str:
    """The client's address; behind N trusted proxies, the Nth address from the end of
    X-Forwarded-For (the same setting allauth's limits use)."""
    proxies = int(getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0) or 0)
    forwarded = [ip.strip() for ip in request.headers.get("X-Forwarded-For", "").split(",")]
    forwarded = [ip for ip in forwarded if ip]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _identity(request, key: str) -> str:
    if key == "user" and request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{client_ip(request)}"


def hit(scope: str, identity: str) -> int | None:
    """Count one attempt; the seconds to wait when over the limit, else None."""
    limit, period = parse_rate(settings.RATE_LIMITS[scope])
    now = time.time()
    window = int(now // period)
    digest = hashlib.sha256(identity.encode()).hexdigest()[:24]
    cache_key = f"ratelimit:{scope}:{digest}:{window}"
    cache.add(cache_key, 0, timeout=period + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: this is the first of a new window
        cache.set(cache_key, 1, timeout=period + 5)
        count = 1
    if count > limit:
        return max(1, int((window + 1) * period - now))
    return None


def rate_limited(scope: str, *, key: str = "user", methods=("POST",)):
    """Limit a view's `methods` by `scope` (a key of settings.RATE_LIMITS).

    key="user": per signed-in person, else per address; key="ip": per address.
    """
    if key not in {"user", "ip"}:
        raise ValueError(f"Unknown rate limit key {key!r}")

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method in methods:
                retry_after = hit(scope, _identity(request, key))
                if retry_after is not None:
                    from strongcities.ops_views import too_many_requests

                    return too_many_requests(request, retry_after=retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
