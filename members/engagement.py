"""Engagement status: each member's agreed expectations checked against the facts.

Computed for a whole queryset of cities in a fixed number of queries, so the
dashboard costs the same for 5 members as for 10,000.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, DateTimeField, OuterRef, Subquery, Value
from django.db.models.functions import ExtractYear
from django.db.models.lookups import IsNull
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import (
    CORE_EXPECTATIONS,
    AgreedExpectations,
    City,
    EngagementRecord,
    Expectation,
    Leader,
    PrinciplesAgreement,
)
from members.services import current_principles, reachable_focal_points

# Members in regions without a hub are supported by the Management Unit directly: the
# dashboard counts them in a row of their own, after the hubs.
NO_HUB = gettext_lazy("No regional hub (Management Unit)")

Kind = EngagementRecord.Kind

# Which engagement facts fulfil each activity expectation.
FULFILLED_BY = {
    Expectation.ANNUAL_EVENT: {Kind.EVENT_ATTENDED, Kind.EXCHANGE_JOINED, Kind.TRAINING_JOINED},
    Expectation.SHARE_RESOURCES: {Kind.RESOURCE_SHARED},
    Expectation.ANSWER_SURVEYS: {Kind.SURVEY_ANSWERED},
    Expectation.CONTRIBUTE_TOOLS: {Kind.TOOLS_CONTRIBUTED},
    Expectation.CITY_EXCHANGES: {Kind.EXCHANGE_JOINED},
    Expectation.CAPACITY_BUILDING: {Kind.CAPACITY_BUILDING, Kind.TRAINING_JOINED},
}

MISSING_REASON = {
    Expectation.ANNUAL_EVENT: gettext_lazy("No network event attended in %(year)s"),
    Expectation.SHARE_RESOURCES: gettext_lazy("Nothing shared for the resource hub in %(year)s"),
    Expectation.ANSWER_SURVEYS: gettext_lazy("No survey answered in %(year)s"),
    Expectation.CONTRIBUTE_TOOLS: gettext_lazy("No contribution to tools or training in %(year)s"),
    Expectation.CITY_EXCHANGES: gettext_lazy("No city exchange joined in %(year)s"),
    Expectation.CAPACITY_BUILDING: gettext_lazy("No capacity-building taken up in %(year)s"),
}


CORE = frozenset(CORE_EXPECTATIONS)
# What a dashboard row shows of a city; the long profile texts stay in the database.
ROW_FIELDS = [
    "pk",
    "slug",
    "country",
    "membership_status",
    *[f"name{suffix}" for suffix in ("", "_ar", "_en", "_fr")],
    "hub__slug",
    *[f"hub__name{suffix}" for suffix in ("", "_ar", "_en", "_fr")],
]


class Status:
    MEETS = "meets"
    AT_RISK = "at_risk"
    NOT_MEETING = "not_meeting"

    LABELS = {
        MEETS: gettext_lazy("Meets expectations"),
        AT_RISK: gettext_lazy("At risk"),
        NOT_MEETING: gettext_lazy("Not meeting expectations"),
    }
    ALL = (MEETS, AT_RISK, NOT_MEETING)


@dataclass
class CheckItem:
    expectation: str
    label: str
    met: bool
    core: bool


@dataclass
class EngagementRow:
    city: City
    year: int
    status: str
    checklist: list[CheckItem]
    reasons: list[str]
    facts: dict[str, int] = field(default_factory=dict)
    notes: str = ""

    @property
    def status_label(self) -> str:
        return str(Status.LABELS[self.status])


def engagement_rows(cities, year: int) -> list[EngagementRow]:
    """One row per city of `cities` (a queryset), in its order, for `year`.

    Rules: the core expectations apply to every member, plus the additional ones
    agreed for the year. A past year is judged as it ended: anything unmet means
    "not meeting". In the current year a missing focal point or principles
    agreement is "not meeting" at once; activities not done yet are "at risk".
    """
    today = timezone.localdate()
    principles = current_principles()
    # One query for the cities with what the core expectations need, as subqueries of
    # the caller's queryset (never a list of ids, which grows with the network).
    no_date = Value(None, output_field=DateTimeField())
    annotated = (
        cities.select_related("hub")
        .only(*ROW_FIELDS)
        .annotate(
            # "Is there a first one?" rather than EXISTS: PostgreSQL answers EXISTS for a
            # page of members by hashing every focal point of the network (12 ms at 10,000
            # members), this one by an index lookup per member (under 1 ms).
            reachable=IsNull(
                Subquery(reachable_focal_points().filter(city=OuterRef("pk")).values("pk")[:1]),
                False,
            ),
            leader_since=Subquery(
                Leader.objects.filter(city=OuterRef("pk"), term_start__lte=today)
                .order_by("-term_start")
                .values("term_start")[:1]
            ),
            agreed_at=Subquery(
                PrinciplesAgreement.objects.filter(city=OuterRef("pk"), principles=principles)
                .order_by("-agreed_at")
                .values("agreed_at")[:1]
            )
            if principles
            else no_date,
        )
    )
    cities_list = list(annotated)
    if not cities_list:
        return []
    # A page of members (the dashboard): their ids, which PostgreSQL plans and serves
    # faster than the subquery used for a whole network.
    scope = [city.pk for city in cities_list] if len(cities_list) <= 500 else cities.values("pk")

    facts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        EngagementRecord.objects.filter(city__in=scope, occurred_on__year=year)
        .order_by()
        .values("city_id", "kind")
        .annotate(n=Count("id"))
    ):
        facts[row["city_id"]][row["kind"]] = row["n"]
    agreed = {a.city_id: a for a in AgreedExpectations.objects.filter(city__in=scope, year=year)}

    current_year = year >= today.year
    # Translated once per call, not once per city: at 10,000 members this matters.
    labels = {e: str(e.label) for e in Expectation}
    missing = {e: str(reason) % {"year": year} for e, reason in MISSING_REASON.items()}
    no_focal_point = _("No reachable focal point")
    as_expectation = {e.value: e for e in Expectation}
    rows = []
    for city in cities_list:
        agreement = agreed.get(city.pk)
        expectations = agreement.expectations if agreement else list(CORE_EXPECTATIONS)
        city_facts = facts.get(city.pk, {})
        checklist, reasons, hard_failure, soft_failure = [], [], False, False
        for expectation in expectations:
            expectation = as_expectation[expectation]
            if expectation == Expectation.PRINCIPLES:
                met, reason = _principles_met(principles, city.agreed_at, city.leader_since)
                hard = True
            elif expectation == Expectation.FOCAL_POINT:
                met = city.reachable
                reason = no_focal_point
                hard = True
            else:
                met = any(city_facts.get(kind) for kind in FULFILLED_BY[expectation])
                reason = missing[expectation]
                hard = not current_year
            checklist.append(
                CheckItem(expectation.value, labels[expectation], met, expectation in CORE)
            )
            if not met:
                reasons.append(reason)
                hard_failure |= hard
                soft_failure |= not hard
        status = (
            Status.NOT_MEETING if hard_failure else Status.AT_RISK if soft_failure else Status.MEETS
        )
        rows.append(
            EngagementRow(
                city=city,
                year=year,
                status=status,
                checklist=checklist,
                reasons=reasons,
                facts=city_facts,
                notes=agreement.notes if agreement else "",
            )
        )
    return rows


def table_rows(rows: list[EngagementRow]) -> list[dict]:
    """The engagement dashboard's table rows: links, names and labels worked out once for
    the page instead of in every cell of the template."""
    from members.selectors import country_name
    from strongcities.listing import url_filler

    url = url_filler("engagement:city", "country", "slug")
    labels = {status: str(label) for status, label in Status.LABELS.items()}
    table = []
    for row in rows:
        city = row.city
        code = city.country.code
        table.append(
            {
                "url": url(code.lower(), city.slug),
                "name": city.name,
                "country": country_name(code),
                "hub": city.hub.name if city.hub else str(NO_HUB),
                "status": row.status,
                "status_label": labels[row.status],
                "checklist": [{"met": item.met, "label": item.label} for item in row.checklist],
                "reasons": row.reasons,
            }
        )
    return table


def city_links(cities) -> list[dict]:
    """(name, link to the city's engagement page) for a list of cities."""
    from strongcities.listing import url_filler

    url = url_filler("engagement:city", "country", "slug")
    return [
        {"url": url(city.country.code.lower(), city.slug), "name": city.name} for city in cities
    ]


def _principles_met(principles, agreed_at, leader_since) -> tuple[bool, str]:
    if principles is None:
        return True, ""
    if agreed_at is None:
        return False, _("Guiding Principles version %(version)s not agreed") % {
            "version": principles.version
        }
    if leader_since and agreed_at.date() < leader_since:
        return False, _("Guiding Principles not agreed again since the new mayor took office")
    return True, ""


def hubs_in_order(by_hub: dict[str, dict]) -> dict[str, dict]:
    """Hubs by name, then the members without a hub."""
    no_hub = str(NO_HUB)
    return dict(sorted(by_hub.items(), key=lambda item: (item[0] == no_hub, item[0])))


def status_totals(rows: list[EngagementRow]) -> dict:
    totals = dict.fromkeys(Status.ALL, 0)
    by_hub: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(Status.ALL, 0))
    for row in rows:
        totals[row.status] += 1
        hub_name = row.city.hub.name if row.city.hub_id else str(NO_HUB)
        by_hub[hub_name][row.status] += 1
    count = len(rows)
    return {
        "count": count,
        "by_status": totals,
        "share_meeting": round(100 * totals[Status.MEETS] / count) if count else 0,
        "by_hub": hubs_in_order(by_hub),
    }


def yearly_trend(cities, years: list[int], *, total: int) -> list[dict]:
    """Share of `total` members with at least one attended event per year: a cheap
    trend line (one query) rather than the full status for every past year."""
    attended = dict(
        EngagementRecord.objects.filter(
            city__in=cities.values("pk"),
            kind__in=FULFILLED_BY[Expectation.ANNUAL_EVENT],
            occurred_on__year__in=years,
        )
        .annotate(year=ExtractYear("occurred_on"))
        .values("year")
        .annotate(n=Count("city_id", distinct=True))
        .values_list("year", "n")
    )
    return [
        {"year": y, "share": round(100 * attended.get(y, 0) / total) if total else 0} for y in years
    ]


def timeline(city, *, limit: int = 200):
    """Everything the city did, newest first, with what it fulfils."""
    return city.engagement_records.select_related("source_type").order_by("-occurred_on", "-id")[
        :limit
    ]
