"""The engagement status of every member for a year, computed in the background.

The dashboard's totals, status filter, "needs attention" list and trend read this
snapshot, so a request no longer judges all 10,000 members in Python: it counts over a
list of (city, hub) pairs and judges only the 50 members on the page, live. A Celery
task refreshes the snapshot every few minutes (CELERY_BEAT_SCHEDULE in the settings);
the page says how old it is. Kept in the shared cache (Redis with CACHE_URL): every web
node reads the same one. Until the task has run (or if it is evicted) the dashboard
judges every member live, as it did before: slower, never wrong.
"""

from __future__ import annotations

from collections import Counter
from itertools import islice

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import timezone

from members.engagement import FULFILLED_BY, NO_HUB, engagement_rows, hubs_in_order
from members.models import City, EngagementRecord, Expectation
from strongcities.release import code_release

# Seconds a snapshot is kept: well above the refresh period, so it is always there.
KEEP_SECONDS = 60 * 60
REFRESH_MINUTES = 5
CHUNK = 2_000  # members judged per query batch while computing
TREND_YEARS = 5


# Per member a plain tuple (status, reachable, years attended as a bit mask from the
# trend's first year): 10,000 of them unpickle in a few milliseconds, where objects
# with sets took most of the page's time.
STATUS, REACHABLE, ATTENDED = 0, 1, 2


def _mask(years, first_year: int) -> int:
    return sum(1 << (y - first_year) for y in years if y >= first_year)


def _key(year: int) -> str:
    return f"engagement:snapshot:{code_release()}:{year}"  # each release its own shape


def compute(year: int) -> dict:
    """Judge every member for `year`, CHUNK at a time (bounded memory)."""
    statuses: dict[int, tuple[str, bool, int]] = {}
    attended: dict[int, set[int]] = {}
    years = list(range(year - TREND_YEARS + 1, year + 1))
    for city_id, record_year in (
        EngagementRecord.objects.filter(
            city__in=City.objects.members().values("pk"),
            kind__in=FULFILLED_BY[Expectation.ANNUAL_EVENT],
            occurred_on__year__in=years,
        )
        .annotate(year=ExtractYear("occurred_on"))
        .order_by()
        .values("city_id", "year")
        .annotate(n=Count("id"))
        .values_list("city_id", "year")
    ):
        attended.setdefault(city_id, set()).add(record_year)
    ids = list(City.objects.members().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = City.objects.filter(pk__in=ids[start : start + CHUNK]).order_by("pk")
        for row in engagement_rows(chunk, year):
            statuses[row.city.pk] = (
                row.status,
                bool(row.city.reachable),
                _mask(attended.get(row.city.pk, ()), years[0]),
            )
    return {"year": year, "computed_at": timezone.now(), "statuses": statuses}


def refresh(year: int) -> dict:
    data = compute(year)
    cache.set(_key(year), data, KEEP_SECONDS)
    return data


def stored(year: int) -> dict | None:
    """The snapshot the task stored, if any (None before its first run, or evicted)."""
    return cache.get(_key(year))


def refresh_current() -> int:
    """For the task: this year's and last year's (the dashboard's usual two)."""
    this_year = timezone.localdate().year
    for year in (this_year, this_year - 1):
        refresh(year)
    return 2


def dashboard(
    cities, year: int, *, status: str, page_number, page_size: int, hub_names: dict
) -> dict | None:
    """The engagement dashboard's figures for `cities` (the viewer's filtered scope,
    ordered for display): totals by status and region, the trend, members needing
    attention, and the page of rows (judged live). Queries do not grow with the scope.
    `hub_names`: id -> name of the scope's hubs (the page lists them anyway). None while
    no snapshot is stored: the caller judges every member live."""
    from django.core.paginator import Paginator

    from members.engagement import Status

    data = stored(year)
    if data is None:
        return None
    statuses = data["statuses"]
    # Plain tuples: modeltranslation's values_list() reads every row through its fallback
    # machinery (translated fields), which these two columns do not need.
    scoped = list(cities.rewrite(False).values_list("pk", "hub_id"))
    missing = [pk for pk, _hub in scoped if pk not in statuses]
    if missing:  # members since the last refresh: judged now
        statuses = dict(statuses)
        for row in engagement_rows(City.objects.filter(pk__in=missing).order_by("pk"), year):
            statuses[row.city.pk] = (row.status, bool(row.city.reachable), 0)
    in_scope = len(scoped)
    attention_ids = list(islice((pk for pk, _hub in scoped if not statuses[pk][REACHABLE]), 50))
    first_year = year - TREND_YEARS + 1
    # Members per set of years attended (a few dozen distinct masks), then per year: the
    # loops over every member stay as short as can be (they run on each request).
    masks = Counter([statuses[pk][ATTENDED] for pk, _hub in scoped])
    attended = [sum(n for mask, n in masks.items() if mask >> i & 1) for i in range(TREND_YEARS)]
    trend = [
        {"year": first_year + i, "share": round(100 * n / in_scope) if in_scope else 0}
        for i, n in enumerate(attended)
    ]
    if status in Status.ALL:
        scoped = [(pk, hub) for pk, hub in scoped if statuses[pk][STATUS] == status]

    by_status = dict.fromkeys(Status.ALL, 0)
    by_hub: dict[str, dict[str, int]] = {}
    per_hub_and_status = Counter([(hub_id, statuses[pk][STATUS]) for pk, hub_id in scoped])
    for (hub_id, state), n in per_hub_and_status.items():
        by_status[state] += n
        name = hub_names.get(hub_id) or str(NO_HUB)
        by_hub.setdefault(name, dict.fromkeys(Status.ALL, 0))[state] += n
    count = len(scoped)
    totals = {
        "count": count,
        "by_status": by_status,
        "share_meeting": round(100 * by_status[Status.MEETS] / count) if count else 0,
        "by_hub": hubs_in_order(by_hub),
    }
    page = Paginator(scoped, page_size).get_page(page_number)
    ids = [pk for pk, _hub in page.object_list]
    # the page's members and those needing attention, judged in one go (same queries
    # whether anyone needs attention or not)
    wanted = set(ids) | set(attention_ids)
    rows = engagement_rows(cities.filter(pk__in=wanted), year) if wanted else []
    on_page, needing_attention = set(ids), set(attention_ids)
    page.object_list = [row for row in rows if row.city.pk in on_page]
    attention = [row.city for row in rows if row.city.pk in needing_attention]
    return {
        "in_scope": in_scope,
        "attention": attention,
        "totals": totals,
        "trend": trend,
        "page": page,
        "computed_at": data["computed_at"],
    }
