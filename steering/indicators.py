"""Monitoring, evaluation and learning: the portal's figures behind the indicators.

`scopes` say once what "a member at the end of the year", "an event held" or "a
resolved request" means, so the annual report and the indicators count the same
things. `computed_values()` finds the value of every computed rule for several years
with one grouped query per rule, never one per year or per row.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from steering.models import Indicator

Rule = Indicator.Rule


# --- what the report counts -------------------------------------------------------------


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


def members_at_end_of(year: int) -> QuerySet:
    """Current members that had joined by the end of `year` (a member with no recorded
    date counts as a member all along). The portal keeps no history of withdrawals,
    so a city that has since left is not counted for earlier years."""
    from members.models import City

    return City.objects.members().filter(
        Q(member_since__lte=year_end(year)) | Q(member_since__isnull=True)
    )


def events_held() -> QuerySet:
    """Published events that have started (held, not only planned)."""
    from events.models import Event

    return Event.objects.filter(is_published=True, starts_at__lte=timezone.now())


def resources_published() -> QuerySet:
    from resources.models import Resource

    return Resource.objects.filter(status=Resource.Status.PUBLISHED, published_at__isnull=False)


FUND_APPROVED_STATUSES = ("approved", "delivered")


# --- computed rules ---------------------------------------------------------------------


def _by_year(queryset: QuerySet, date_field: str, years: list[int]) -> dict[int, int]:
    return dict(
        queryset.filter(**{f"{date_field}__year__in": years})
        .annotate(y=ExtractYear(date_field))
        .order_by()
        .values("y")
        .annotate(n=Count("pk"))
        .values_list("y", "n")
    )


def _members(years: list[int]) -> dict[int, int]:
    from members.models import City

    totals = City.objects.members().aggregate(
        **{
            f"y{y}": Count(
                "pk", filter=Q(member_since__lte=year_end(y)) | Q(member_since__isnull=True)
            )
            for y in years
        }
    )
    return {y: totals[f"y{y}"] for y in years}


def _new_members(years: list[int]) -> dict[int, int]:
    from members.models import City

    return _by_year(City.objects.members(), "member_since", years)


def _events_held(years: list[int]) -> dict[int, int]:
    return _by_year(events_held(), "starts_at", years)


def _event_attendance(years: list[int]) -> dict[int, int]:
    from events.models import Registration

    attended = Registration.objects.filter(
        status=Registration.Status.ATTENDED, event__in=events_held()
    )
    return _by_year(attended, "event__starts_at", years)


def _tickets_resolved(years: list[int]) -> dict[int, int]:
    from hubs.models import Ticket

    return _by_year(Ticket.objects.all(), "resolved_at", years)


def _resources_published(years: list[int]) -> dict[int, int]:
    return _by_year(resources_published(), "published_at", years)


def _fund_approved(years: list[int]) -> dict[int, int]:
    from hubs.models import SupportFundRequest

    approved = SupportFundRequest.objects.filter(status__in=FUND_APPROVED_STATUSES)
    return _by_year(approved, "decided_at", years)


# Rules computed for any number of years in one query. The share of members meeting
# expectations needs every member's full check for a year (members.engagement), so
# it is computed for the report's year only and passed in.
YEARLY_RULES = {
    Rule.MEMBERS: _members,
    Rule.NEW_MEMBERS: _new_members,
    Rule.EVENTS_HELD: _events_held,
    Rule.EVENT_ATTENDANCE: _event_attendance,
    Rule.TICKETS_RESOLVED: _tickets_resolved,
    Rule.RESOURCES_PUBLISHED: _resources_published,
    Rule.FUND_REQUESTS_APPROVED: _fund_approved,
}


def computed_values(
    rules: set[str], years: list[int], *, share_meeting: dict[int, int] | None = None
) -> dict[tuple[str, int], Decimal]:
    """{(rule, year): value} for the years that have begun; one query per rule."""
    this_year = timezone.localdate().year
    past = [y for y in years if y <= this_year]
    values: dict[tuple[str, int], Decimal] = {}
    if not past:
        return values
    for rule in sorted(rules):
        if rule == Rule.SHARE_MEETING:
            for y, share in (share_meeting or {}).items():
                values[(rule, y)] = Decimal(share)
            continue
        compute = YEARLY_RULES.get(rule)
        if compute is None:
            continue
        found = compute(past)
        for y in past:
            values[(rule, y)] = Decimal(found.get(y, 0))
    return values


# --- indicators against targets ---------------------------------------------------------


@dataclass
class YearFigure:
    year: int
    value: Decimal | None
    target: Decimal | None
    source: str = ""

    @property
    def achieved(self) -> int | None:
        """Percent of the target reached (None without both figures)."""
        if self.value is None or not self.target:
            return None
        return round(100 * self.value / self.target)


@dataclass
class IndicatorRow:
    indicator: Indicator
    years: list[YearFigure] = field(default_factory=list)


def indicator_years(year: int) -> list[int]:
    """The years shown around the report's: two before, and the next one's target."""
    return [y for y in range(year - 2, year + 2) if y >= 2015]


def indicator_rows(year: int, *, share_meeting: int | None) -> list[IndicatorRow]:
    """Active indicators with value and target for each of indicator_years(year).

    Values: a computed rule's value where it is computed, else a value entered by
    hand for that year (with its source). Three queries plus one per rule in use."""
    years = indicator_years(year)
    indicators = list(
        Indicator.objects.filter(is_active=True).prefetch_related("targets", "values")
    )
    rules = {i.rule for i in indicators if i.is_computed}
    shares = {year: share_meeting} if share_meeting is not None else {}
    computed = computed_values(rules, years, share_meeting=shares)
    rows = []
    for indicator in indicators:
        targets = {t.year: t.target for t in indicator.targets.all()}
        entered = {v.year: v for v in indicator.values.all()}
        row = IndicatorRow(indicator)
        for y in years:
            value, source = computed.get((indicator.rule, y)), ""
            if value is None and y in entered:
                value, source = entered[y].value, entered[y].source
            row.years.append(YearFigure(y, value, targets.get(y), source))
        rows.append(row)
    return rows
