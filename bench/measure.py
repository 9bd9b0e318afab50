"""In-process figures, run by bench/run.py in a child process with the bench environment
(each prints one JSON line for the parent):

    --pages SIZE     SQL queries per page (page cache off) and the pages' URLs
    --search SIZE    resource search timings per language, with and without facets
    --growth SIZE    engagement dashboard and annual report, time per page
    --cookies SIZE   session cookies of the bench people, for the HTTP load
    --people SIZE    the bench people only (creates them once)
    --prepare SIZE   what Celery beat keeps ready (engagement snapshot, annual reports)
    --load-people SIZE  accounts and URLs for `make bench-load`
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote_plus

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def setup() -> None:
    for path in (str(ROOT), str(BENCH)):
        if path not in sys.path:
            sys.path.insert(0, path)
    import django

    django.setup()


# --- people and pages ------------------------------------------------------------------


def bench_people() -> dict:
    """Management Unit staff and hub staff (with TOTP), a focal point: for signed-in pages."""
    from data import bench_hub, bench_user

    from hubs.models import HubStaff
    from members.models import FocalPoint

    staff = bench_user("bench.mu@bench.example", "Bench staff (fictional)", is_management_unit=True)
    hub_staff = bench_user("bench.hub@bench.example", "Bench hub staff (fictional)")
    HubStaff.objects.get_or_create(
        hub=bench_hub(), user=hub_staff, defaults={"role": HubStaff.Role.LEAD}
    )
    focal = (
        FocalPoint.objects.select_related("user")
        .filter(is_primary=True, city__membership_status="member")
        .order_by("pk")
        .first()
        .user
    )
    return {"staff": staff, "hub_staff": hub_staff, "focal": focal}


LANGUAGES = ("ar", "en", "fr")


def page_urls(people) -> dict[str, tuple[str, str, str]]:
    """label -> (who, url, kind). kind: public, signed-in, search, report."""
    from django.db.models import Count
    from django.utils import timezone

    from events.models import Event
    from hubs.models import Hub
    from members.models import City
    from resources.models import Resource

    city = City.objects.members().filter(slug__startswith="bench-").order_by("pk").first()
    detail = city.get_absolute_url()[3:]  # without the language prefix
    mine = City.objects.filter(focal_points__user=people["focal"]).first()
    hub = Hub.objects.filter(pk=city.hub_id).first()
    # the event with the most participants (2,000 at full size)
    big_event = (
        Event.objects.filter(slug__startswith="bench-")
        .annotate(n=Count("registrations"))
        .order_by("-n", "pk")
        .first()
    )
    pages = {}
    for lang in LANGUAGES:
        resource = (
            Resource.objects.published()
            .filter(**{f"in_{lang}": True}, slug__startswith="bench-")
            .order_by("pk")
            .first()
        )
        pages[f"home ({lang})"] = ("anonymous", f"/{lang}/", "public")
        pages[f"directory ({lang})"] = ("anonymous", f"/{lang}/members/", "public")
        pages[f"city page ({lang})"] = ("anonymous", f"/{lang}{detail}", "public")
        pages[f"resource list ({lang})"] = ("anonymous", f"/{lang}/resources/", "public")
        if resource:
            pages[f"resource detail ({lang})"] = (
                "anonymous",
                f"/{lang}/resources/{resource.slug}/",
                "public",
            )
        pages[f"calendar ({lang})"] = ("anonymous", f"/{lang}/events/", "public")
        if hub:
            pages[f"hub page ({lang})"] = ("anonymous", f"/{lang}/hubs/{hub.slug}/", "public")
    pages["member map (en)"] = ("anonymous", "/en/members/map/", "public")
    for lang in LANGUAGES:
        query = quote_plus(SEARCHES[lang][0])
        pages[f"resource search ({lang})"] = (
            "anonymous",
            f"/{lang}/resources/?q={query}",
            "search",
        )
    pages["My city (focal point)"] = (
        "focal",
        f"/en/members/{mine.country.code.lower()}/{mine.slug}/edit/",
        "signed-in",
    )
    pages["engagement dashboard (staff)"] = ("staff", "/en/dashboard/engagement/", "signed-in")
    pages["helpdesk queue (hub staff)"] = ("hub_staff", "/en/helpdesk/", "helpdesk")
    if big_event:
        pages["participants list (staff)"] = (
            "staff",
            f"/en/events/{big_event.slug}/participants/",
            "signed-in",
        )
    year = timezone.localdate().year
    pages["annual report (staff)"] = ("staff", f"/en/dashboard/report/{year}/", "report")
    return pages


SEARCHES = {
    "ar": ["مشاركة الشباب في المدن", "التعافي بعد الهجوم", "الكراهية عبر الإنترنت"],
    "en": ["how can cities work with young people", "recovery after an attack", "online hate"],
    "fr": ["les villes et les jeunes", "rétablissement après un attentat", "la haine en ligne"],
}


def clients(people):
    from django.test import Client

    made = {"anonymous": Client()}
    for who in ("staff", "hub_staff", "focal"):
        made[who] = Client()
        made[who].force_login(people[who])
    return made


def measure_pages() -> dict:
    """SQL queries of each page, as its visitor, with the page cache off (the settings
    read PAGE_CACHE_SECONDS=0 from the parent), after one warm-up request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    people = bench_people()
    pages = page_urls(people)
    by_who = clients(people)
    results = {}
    for label, (who, url, kind) in pages.items():
        by_who[who].get(url)  # warm caches and lazy imports
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            status = by_who[who].get(url).status_code
            elapsed = time.perf_counter() - started
        results[label] = {
            "count": len(queries),
            "status": status,
            "kind": kind,
            "url": url,
            "ms": round(elapsed * 1000, 1),
        }
    return results


def measure_search(repeat: int = 5) -> dict:
    """`search_resources` plus the first page of 20 (its cards), as the list page runs it."""
    from django.db import transaction
    from django.http import QueryDict
    from resources_search import QUERIES

    from resources.selectors import search_resources

    results = {}
    for lang, queries in QUERIES.items():
        for label, with_facets in (("with facets", True), ("without facets", False)):
            timings = []
            for q in queries:
                params = QueryDict(mutable=True)
                params.update({"q": q, "sort": "relevance"})
                for run in range(repeat + 1):
                    started = time.perf_counter()
                    with transaction.atomic():
                        found = search_resources(params, with_facets=with_facets, cards=True)
                        list(found.results[:20])
                        found.total  # noqa: B018 - the count is part of the page
                    if run:  # the first run warms the plan and the buffers
                        timings.append((time.perf_counter() - started) * 1000)
            timings.sort()
            results[f"{lang} {label}"] = {
                "median_ms": statistics.median(timings),
                "p95_ms": timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))],
                "runs": len(timings),
            }
    return results


def measure_growth(repeat: int = 5) -> dict:
    """Median time of the engagement dashboard and the annual report, as staff."""
    from members.models import City

    people = bench_people()
    pages = page_urls(people)
    by_who = clients(people)
    results = {"members": City.objects.members().count()}
    for label in ("engagement dashboard (staff)", "annual report (staff)"):
        who, url, _kind = pages[label]
        by_who[who].get(url)
        timings = []
        for _ in range(repeat):
            started = time.perf_counter()
            status = by_who[who].get(url).status_code
            timings.append(time.perf_counter() - started)
        results[label] = {"median_s": statistics.median(timings), "status": status}
    return results


def session_cookie(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def cookies() -> dict:
    people = bench_people()
    return {
        "cookies": {who: session_cookie(user) for who, user in people.items()},
        "pages": page_urls(people),
    }


LOAD_PASSWORD = "bench-load-password-not-secret-42"  # bench databases only


def load_people(focal_points: int = 40, hub_staff: int = 10, staff: int = 10) -> dict:
    """Accounts that sign in through the login form during `make bench-load` (password,
    verified address; staff with the bench's TOTP secret), and the URLs they visit."""
    from allauth.account.models import EmailAddress
    from data import bench_hub, bench_user
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from events.models import Event
    from hubs.models import HubStaff, Ticket
    from members.models import City, FocalPoint
    from resources.models import Resource

    password = make_password(LOAD_PASSWORD)  # hashed once, shared by every load account
    hub = bench_hub()
    accounts = []
    focal = (
        FocalPoint.objects.filter(is_primary=True, city__membership_status="member")
        .select_related("user", "city")
        .order_by("pk")[:focal_points]
    )
    for n, fp in enumerate(focal):  # each edits their city in one of the languages
        lang = LANGUAGES[n % 3]
        edit = f"/{lang}{fp.city.get_absolute_url()[3:]}edit/"
        accounts.append({"role": "focal", "email": fp.user.email, "edit": edit})
    for n in range(hub_staff):
        user = bench_user(f"load.hub{n}@bench.example", f"Load hub staff {n} (fictional)")
        HubStaff.objects.get_or_create(hub=hub, user=user, defaults={"role": "expert"})
        accounts.append({"role": "hub_staff", "email": user.email})
    for n in range(staff):
        user = bench_user(
            f"load.mu{n}@bench.example", f"Load staff {n} (fictional)", is_management_unit=True
        )
        accounts.append({"role": "staff", "email": user.email})
    from django.contrib.auth import get_user_model

    emails = [a["email"] for a in accounts]
    get_user_model().objects.filter(email__in=emails).update(password=password)
    for user in get_user_model().objects.filter(email__in=emails):
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    cities = [
        c.get_absolute_url()[3:]
        for c in City.objects.members().filter(slug__startswith="bench-").order_by("pk")[:300]
    ]
    resources = {
        lang: list(
            Resource.objects.published()
            .filter(**{f"in_{lang}": True}, slug__startswith="bench-")
            .order_by("pk")
            .values_list("slug", flat=True)[:300]
        )
        for lang in LANGUAGES
    }
    tickets = list(
        Ticket.objects.filter(hub=hub)
        .open()
        .order_by("-created_at")
        .values_list("reference", flat=True)[:300]
    )
    events = list(
        Event.objects.filter(slug__startswith="bench-", starts_at__gte=timezone.now())
        .order_by("starts_at")
        .values_list("slug", flat=True)[:100]
    )
    from data import TOTP_SECRET

    from hubs.models import Hub

    return {
        "password": LOAD_PASSWORD,
        "totp_secret": TOTP_SECRET,
        "accounts": accounts,
        "cities": cities,
        "resources": resources,
        "searches": SEARCHES,
        "tickets": tickets,
        "events": events,
        "hubs": list(Hub.objects.order_by("pk").values_list("slug", flat=True)),
    }


def prepare() -> dict:
    """What Celery beat keeps ready in production, done once before measuring: the
    engagement snapshot, the annual reports and the nightly search word counts (timed:
    the background work's cost). Without the word counts a fresh bench database searches
    as a portal before its first night does: every word "new", so every word matches."""
    from members import engagement_snapshot
    from resources.search import refresh_term_frequencies
    from steering import report_cache

    timings = {}
    for label, refresh in (
        ("engagement snapshot", engagement_snapshot.refresh_current),
        ("annual reports", report_cache.refresh_current),
        ("search word counts", refresh_term_frequencies),
    ):
        started = time.perf_counter()
        refresh()
        timings[label] = time.perf_counter() - started
    return timings


def main() -> None:
    flag, _size = sys.argv[1], sys.argv[2]
    setup()
    handlers = {
        "--pages": measure_pages,
        "--search": measure_search,
        "--growth": measure_growth,
        "--cookies": cookies,
        "--load-people": load_people,
        "--prepare": prepare,
        "--people": lambda: {k: v.email for k, v in bench_people().items()},
    }
    print(json.dumps(handlers[flag](), default=str))


if __name__ == "__main__":
    main()
