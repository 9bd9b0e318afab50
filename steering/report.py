"""The Management Unit's annual report: one selector per section.

Every section is computed with a fixed number of aggregate queries (grouped by hub,
type or status), whatever the size of the network: the report for 10,000 members
costs the same number of queries as for ten. The sections are plain data (figures,
tables, charts) so the page, the CSV tables and the PDF show the same numbers.
Strings are translated when the report is built, in the reader's language.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from steering import indicators as mel
from strongcities.text import colon_mark

FIRST_YEAR = 2015  # the network was founded in 2015


def report_years() -> list[int]:
    """Years a report can be asked for, newest first."""
    return list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))


# --- the shape of a report --------------------------------------------------------------


@dataclass
class Table:
    slug: str
    title: str
    columns: list[str]
    rows: list[list]


@dataclass
class Chart:
    id: str
    title: str
    labels: list[str]
    datasets: list[dict]  # {"label": str, "data": [numbers]}
    stacked: bool = False
    percent: bool = False

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "labels": self.labels,
            "datasets": self.datasets,
            "stacked": self.stacked,
            "percent": self.percent,
        }

    def bars(self) -> list[dict]:
        """Rows for bars drawn on the server (the PDF): each label with its bars (one
        stacked bar, or one bar per series), widths in percent of the longest bar."""
        if self.percent:
            longest = 100
        elif self.stacked:
            longest = max(
                (sum(d["data"][i] or 0 for d in self.datasets) for i in range(len(self.labels))),
                default=0,
            )
        else:
            longest = max((v or 0 for d in self.datasets for v in d["data"]), default=0)
        rows = []
        for i, label in enumerate(self.labels):
            segments = [
                {
                    "value": d["data"][i],
                    "width": _width(d["data"][i], longest),
                    "series": n,
                    "label": d["label"],
                }
                for n, d in enumerate(self.datasets)
            ]
            bars = [segments] if self.stacked else [[segment] for segment in segments]
            rows.append({"label": label, "bars": bars})
        return rows


def _width(value, longest) -> float:
    if not value or not longest:
        return 0
    return round(min(100, 100 * float(value) / float(longest)), 1)


@dataclass
class Section:
    slug: str
    title: str
    figures: list[tuple[str, object]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    note: str = ""
    empty: str = ""  # shown instead of figures when the section has nothing to report


@dataclass
class AnnualReport:
    year: int
    generated_at: datetime.datetime
    sections: list[Section]
    indicators: list[mel.IndicatorRow]
    indicator_years: list[int]

    def charts_json(self) -> list[dict]:
        return [chart.as_json() for section in self.sections for chart in section.charts]


# --- helpers ----------------------------------------------------------------------------


def percent(part, whole) -> int:
    return round(100 * part / whole) if whole else 0


def hours(duration: datetime.timedelta | None):
    if duration is None:
        return "—"
    return round(duration.total_seconds() / 3600, 1)


def hub_names() -> dict[int | None, str]:
    from hubs.models import Hub

    names = {hub.pk: str(hub.name) for hub in Hub.objects.only("pk", *_name_fields())}
    return names


def _name_fields() -> list[str]:
    return ["name", "name_ar", "name_en", "name_fr"]


def _hubs_first(rows, hubs: dict) -> list[list]:
    """Rows whose first cell is a hub's name, by name; then the row of what no hub
    serves or organised (members without a hub, the network's own events), whatever
    its label sorts as in the language (in French, "Aucun pôle régional" came first)."""
    names = set(hubs.values())
    return sorted(rows, key=lambda row: (row[0] not in names, str(row[0]), row[1:]))


# --- sections ---------------------------------------------------------------------------


def membership_section(year: int, hubs: dict) -> Section:
    from members.models import City

    members = mel.members_at_end_of(year)
    counts = {"total": Count("pk"), "new": Count("pk", filter=Q(member_since__year=year))}
    by_hub = list(members.order_by().values("hub_id").annotate(**counts))
    by_type = list(members.order_by().values("authority_type").annotate(**counts))
    total = sum(r["total"] for r in by_hub)
    new = sum(r["new"] for r in by_hub)
    no_hub = _("No regional hub")
    hub_rows = _hubs_first(
        [[hubs.get(r["hub_id"], no_hub), r["total"], r["new"]] for r in by_hub], hubs
    )
    types = dict(City.AuthorityType.choices)
    type_rows = sorted(
        ([str(types.get(r["authority_type"], r["authority_type"])), r["total"], r["new"]])
        for r in by_type
    )
    columns = [_("Members"), _("New in the year")]
    return Section(
        slug="membership",
        title=_("Membership"),
        figures=[
            (_("Members at the end of the year"), total),
            (_("New members"), new),
            (_("Regional hubs with members"), len([r for r in by_hub if r["hub_id"]])),
        ],
        tables=[
            Table(
                "membership-by-hub",
                _("Members by regional hub"),
                [_("Regional hub"), *columns],
                hub_rows,
            ),
            Table(
                "membership-by-authority-type",
                _("Members by authority type"),
                [_("Authority type"), *columns],
                type_rows,
            ),
        ],
        charts=[
            Chart(
                "chart-membership",
                _("Members by regional hub"),
                [row[0] for row in hub_rows],
                [
                    {"label": _("Members"), "data": [row[1] for row in hub_rows]},
                    {"label": _("New in the year"), "data": [row[2] for row in hub_rows]},
                ],
            )
        ],
        note=_(
            "Cities that are members today and had joined by the end of the year; the "
            "portal keeps no record of earlier withdrawals."
        ),
    )


def engagement_section(year: int) -> tuple[Section, int | None]:
    from members.engagement import Status, engagement_rows, status_totals

    rows = engagement_rows(mel.members_at_end_of(year), year)
    totals = status_totals(rows)
    labels = {s: str(Status.LABELS[s]) for s in Status.ALL}
    hub_rows = []
    for hub, counts in totals["by_hub"].items():
        count = sum(counts.values())
        hub_rows.append(
            [hub, count, *(counts[s] for s in Status.ALL), percent(counts[Status.MEETS], count)]
        )
    section = Section(
        slug="engagement",
        title=_("Engagement"),
        figures=[
            (_("Share of members meeting expectations"), f"{totals['share_meeting']}%"),
            *((labels[s], totals["by_status"][s]) for s in Status.ALL),
        ],
        tables=[
            Table(
                "engagement-by-hub",
                _("Members meeting expectations by regional hub"),
                [
                    _("Regional hub"),
                    _("Members"),
                    *(labels[s] for s in Status.ALL),
                    _("Share meeting expectations (%)"),
                ],
                hub_rows,
            )
        ],
        charts=[
            Chart(
                "chart-engagement",
                _("Members by regional hub and status"),
                [row[0] for row in hub_rows],
                [
                    {"label": labels[s], "data": [row[2 + i] for row in hub_rows]}
                    for i, s in enumerate(Status.ALL)
                ],
                stacked=True,
            )
        ],
    )
    if not rows:
        section.empty = _("No members in this year.")
    return section, (totals["share_meeting"] if rows else None)


def events_section(year: int, hubs: dict) -> Section:
    from events.models import Event, Registration

    held = mel.events_held().filter(starts_at__year=year)
    status = Registration.Status
    attended = Q(registrations__status=status.ATTENDED)
    by_hub = list(
        held.order_by()
        .values("hub_id")
        .annotate(
            events=Count("pk", distinct=True),
            registered=Count(
                "registrations",
                filter=Q(
                    registrations__status__in=[status.CONFIRMED, status.ATTENDED, status.NO_SHOW]
                ),
            ),
            attended=Count("registrations", filter=attended),
        )
    )
    by_kind = list(held.order_by().values("kind").annotate(n=Count("pk")))
    people = Registration.objects.filter(event__in=held).aggregate(
        attended=Count("pk", filter=Q(status=status.ATTENDED)),
        no_show=Count("pk", filter=Q(status=status.NO_SHOW)),
        cities=Count("city", filter=Q(status=status.ATTENDED), distinct=True),
    )
    network = _("Strong Cities Network")
    hub_rows = _hubs_first(
        [
            [hubs.get(r["hub_id"], network), r["events"], r["registered"], r["attended"]]
            for r in by_hub
        ],
        hubs,
    )
    kinds = dict(Event.Kind.choices)
    kind_rows = sorted([str(kinds.get(r["kind"], r["kind"])), r["n"]] for r in by_kind)
    total = sum(r["events"] for r in by_hub)
    marked = people["attended"] + people["no_show"]
    section = Section(
        slug="events",
        title=_("Events and attendance"),
        figures=[
            (_("Events held"), total),
            (_("Participants who attended"), people["attended"]),
            (_("Member cities that attended"), people["cities"]),
            (
                _("Attendance rate"),
                f"{percent(people['attended'], marked)}%" if marked else "—",
            ),
        ],
        tables=[
            Table(
                "events-by-organiser",
                _("Events by organiser"),
                [_("Organiser"), _("Events held"), _("Registered"), _("Attended")],
                hub_rows,
            ),
            Table("events-by-type", _("Events by type"), [_("Type"), _("Events held")], kind_rows),
        ],
        charts=[
            Chart(
                "chart-events",
                _("Events by type"),
                [row[0] for row in kind_rows],
                [{"label": _("Events held"), "data": [row[1] for row in kind_rows]}],
            )
        ],
    )
    if not total:
        section.empty = _("No events were held in this year.")
    return section


def helpdesk_section(year: int, hubs: dict) -> Section:
    from hubs.models import Ticket

    opened = Ticket.objects.filter(created_at__year=year)

    def since_opened(field_name):
        return ExpressionWrapper(F(field_name) - F("created_at"), output_field=DurationField())

    figures = {
        "opened": Count("pk"),
        "answered": Count("pk", filter=Q(first_response_at__isnull=False)),
        "on_time": Count(
            "pk",
            filter=Q(
                first_response_at__isnull=False,
                first_response_due__isnull=False,
                first_response_at__lte=F("first_response_due"),
            ),
        ),
        "resolved": Count("pk", filter=Q(resolved_at__isnull=False)),
        "first_response": Avg(since_opened("first_response_at")),
        "resolution": Avg(since_opened("resolved_at")),
    }
    total = opened.aggregate(**figures)
    by_hub = list(opened.order_by().values("hub_id").annotate(**figures))
    by_category = list(opened.order_by().values("category").annotate(n=Count("pk")))
    categories = dict(Ticket.Category.choices)
    hub_rows = _hubs_first(
        [
            [
                hubs.get(r["hub_id"], "—"),
                r["opened"],
                r["resolved"],
                hours(r["first_response"]),
                hours(r["resolution"]),
                percent(r["on_time"], r["answered"]),
            ]
            for r in by_hub
        ],
        hubs,
    )
    category_rows = sorted(
        [str(categories.get(r["category"], r["category"])), r["n"]] for r in by_category
    )
    section = Section(
        slug="helpdesk",
        title=_("Helpdesk"),
        figures=[
            (_("Requests opened"), total["opened"]),
            (_("Requests resolved"), total["resolved"]),
            (_("Average first response (hours)"), hours(total["first_response"])),
            (_("Average resolution (hours)"), hours(total["resolution"])),
            (
                _("First responses on time"),
                f"{percent(total['on_time'], total['answered'])}%" if total["answered"] else "—",
            ),
        ],
        tables=[
            Table(
                "helpdesk-by-hub",
                _("Helpdesk requests by regional hub"),
                [
                    _("Regional hub"),
                    _("Opened"),
                    _("Resolved"),
                    _("Average first response (hours)"),
                    _("Average resolution (hours)"),
                    _("First responses on time (%)"),
                ],
                hub_rows,
            ),
            Table(
                "helpdesk-by-category",
                _("Helpdesk requests by category"),
                [_("Category"), _("Opened")],
                category_rows,
            ),
        ],
        charts=[
            Chart(
                "chart-helpdesk",
                _("Helpdesk requests by regional hub"),
                [row[0] for row in hub_rows],
                [
                    {"label": _("Opened"), "data": [row[1] for row in hub_rows]},
                    {"label": _("Resolved"), "data": [row[2] for row in hub_rows]},
                ],
            )
        ],
    )
    if not total["opened"]:
        section.empty = _("No helpdesk requests were opened in this year.")
    return section


def resources_section(year: int) -> Section:
    from resources.models import Resource

    published = mel.resources_published().filter(published_at__year=year)
    by_kind = list(published.order_by().values("kind").annotate(n=Count("pk")))
    submissions = Resource.objects.filter(submitted_city__isnull=False, created_at__year=year)
    by_status = list(
        submissions.order_by()
        .values("status")
        .annotate(n=Count("pk"), cities=Count("submitted_city", distinct=True))
    )
    submitting = submissions.aggregate(cities=Count("submitted_city", distinct=True))["cities"]
    kinds = dict(Resource.Kind.choices)
    statuses = dict(Resource.Status.choices)
    kind_rows = sorted([str(kinds.get(r["kind"], r["kind"])), r["n"]] for r in by_kind)
    status_rows = sorted([str(statuses.get(r["status"], r["status"])), r["n"]] for r in by_status)
    return Section(
        slug="resources",
        title=_("Online resource hub"),
        figures=[
            (_("Resources published"), sum(r["n"] for r in by_kind)),
            (_("Submissions from members"), sum(r["n"] for r in by_status)),
            (_("Member cities that submitted"), submitting),
        ],
        tables=[
            Table(
                "resources-by-type",
                _("Resources published by type"),
                [_("Type"), _("Published")],
                kind_rows,
            ),
            Table(
                "resources-submissions",
                _("Submissions from members by status"),
                [_("Status"), _("Submissions")],
                status_rows,
            ),
        ],
        charts=[
            Chart(
                "chart-resources",
                _("Resources published by type"),
                [row[0] for row in kind_rows],
                [{"label": _("Published"), "data": [row[1] for row in kind_rows]}],
            )
        ],
    )


def _survey_models():
    """The surveys app's models, or None when it is not installed (yet)."""
    if not apps.is_installed("surveys"):
        return None
    try:
        return apps.get_model("surveys", "Survey"), apps.get_model("surveys", "Response")
    except LookupError:
        return None


def surveys_section(year: int) -> Section:
    section = Section(slug="surveys", title=_("Surveys"))
    models = _survey_models()
    if models is None:
        section.empty = _("Surveys are not part of the portal yet.")
        return section
    Survey, Response = models
    surveys = list(
        Survey.objects.filter(opens_on__year=year)
        .exclude(status=Survey.Status.DRAFT)
        .order_by("opens_on", "pk")
    )
    if not surveys:
        section.empty = _("No surveys were sent in this year.")
        return section
    # Who each survey was addressed to, as surveys.services.audience_cities() says but
    # among the members of that year, counted for all surveys at once.
    members = mel.members_at_end_of(year)
    per_hub = dict(
        members.order_by().values("hub_id").annotate(n=Count("pk")).values_list("hub_id", "n")
    )
    all_members = sum(per_hub.values())
    survey_hubs: dict[int, list[int]] = {}
    for survey_id, hub_id in Survey.hubs.through.objects.filter(survey__in=surveys).values_list(
        "survey_id", "hub_id"
    ):
        survey_hubs.setdefault(survey_id, []).append(hub_id)
    chosen_cities = dict(
        Survey.cities.through.objects.filter(survey__in=surveys, city__in=members)
        .order_by()
        .values("survey_id")
        .annotate(n=Count("pk"))
        .values_list("survey_id", "n")
    )
    submitted = dict(
        Response.objects.filter(
            survey__in=surveys, status=Response.Status.SUBMITTED, city__in=members
        )
        .order_by()
        .values("survey_id")
        .annotate(n=Count("pk"))
        .values_list("survey_id", "n")
    )
    rows = []
    for survey in surveys:
        if survey.audience == Survey.Audience.HUBS:
            addressed = sum(per_hub.get(h, 0) for h in survey_hubs.get(survey.pk, []))
        elif survey.audience == Survey.Audience.CITIES:
            addressed = chosen_cities.get(survey.pk, 0)
        else:
            addressed = all_members
        answered = min(submitted.get(survey.pk, 0), addressed)
        rows.append([str(survey.title), addressed, answered, percent(answered, addressed)])
    addressed_total = sum(r[1] for r in rows)
    answered_total = sum(r[2] for r in rows)
    section.figures = [
        (_("Surveys sent"), len(rows)),
        (_("Response rate"), f"{percent(answered_total, addressed_total)}%"),
    ]
    section.tables = [
        Table(
            "surveys",
            _("Surveys and response rates"),
            [_("Survey"), _("Members asked"), _("Members who answered"), _("Response rate (%)")],
            rows,
        )
    ]
    section.charts = [
        Chart(
            "chart-surveys",
            _("Response rate by survey (%)"),
            [r[0] for r in rows],
            [{"label": _("Response rate (%)"), "data": [r[3] for r in rows]}],
            percent=True,
        )
    ]
    return section


def support_fund_section(year: int, hubs: dict) -> Section:
    from hubs.models import SupportFundRequest

    requests = SupportFundRequest.objects.filter(created_at__year=year)
    approved = Q(status__in=mel.FUND_APPROVED_STATUSES)
    by_hub = list(
        requests.order_by()
        .values("hub_id")
        .annotate(
            n=Count("pk"),
            approved=Count("pk", filter=approved),
            delivered=Count("pk", filter=Q(status=SupportFundRequest.Status.DELIVERED)),
            asked=Sum("estimated_budget"),
            granted=Sum("estimated_budget", filter=approved),
        )
    )
    by_status = list(requests.order_by().values("status").annotate(n=Count("pk")))
    statuses = dict(SupportFundRequest.Status.choices)

    def money(value):
        return (value or Decimal(0)).quantize(Decimal(1))

    hub_rows = _hubs_first(
        [
            [
                hubs.get(r["hub_id"], "—"),
                r["n"],
                r["approved"],
                r["delivered"],
                money(r["asked"]),
                money(r["granted"]),
            ]
            for r in by_hub
        ],
        hubs,
    )
    status_rows = [
        [str(label), next((r["n"] for r in by_status if r["status"] == value), 0)]
        for value, label in statuses.items()
    ]
    total = sum(r[1] for r in hub_rows)
    section = Section(
        slug="support-fund",
        title=_("Technical Support Fund"),
        figures=[
            (_("Requests received"), total),
            (_("Requests approved"), sum(r[2] for r in hub_rows)),
            (_("Support delivered"), sum(r[3] for r in hub_rows)),
            (_("Budget approved (EUR)"), sum((r[5] for r in hub_rows), Decimal(0))),
        ],
        tables=[
            Table(
                "support-fund-by-hub",
                _("Technical Support Fund requests by regional hub"),
                [
                    _("Regional hub"),
                    _("Requests"),
                    _("Approved"),
                    _("Delivered"),
                    _("Budget asked (EUR)"),
                    _("Budget approved (EUR)"),
                ],
                hub_rows,
            ),
            Table(
                "support-fund-by-status",
                _("Technical Support Fund requests by status"),
                [_("Status"), _("Requests")],
                status_rows,
            ),
        ],
        charts=[
            Chart(
                "chart-support-fund",
                _("Technical Support Fund requests by regional hub"),
                [row[0] for row in hub_rows],
                [
                    {"label": _("Requests"), "data": [row[1] for row in hub_rows]},
                    {"label": _("Approved"), "data": [row[2] for row in hub_rows]},
                ],
            )
        ],
    )
    if not total:
        section.empty = _("No Technical Support Fund requests in this year.")
    return section


def indicators_table(rows: list[mel.IndicatorRow], years: list[int]) -> Table:
    columns = [_("Indicator"), _("Unit")]
    for y in years:
        columns += [_("%(year)s value") % {"year": y}, _("%(year)s target") % {"year": y}]
    columns.append(_("Source"))
    table_rows = []
    for row in rows:
        cells = [str(row.indicator.name), str(row.indicator.get_unit_display())]
        sources = []
        for figure in row.years:
            cells += [_blank(figure.value), _blank(figure.target)]
            if figure.source:
                sources.append(f"{figure.year}{colon_mark()} {figure.source}")
        cells.append(" · ".join(sources) or str(row.indicator.get_rule_display()))
        table_rows.append(cells)
    return Table("indicators", _("Indicators against targets"), columns, table_rows)


def _blank(value):
    if value is None:
        return ""
    return value.normalize() if isinstance(value, Decimal) else value


# --- the report -------------------------------------------------------------------------


def annual_report(year: int) -> AnnualReport:
    hubs = hub_names()
    engagement, share_meeting = engagement_section(year)
    sections = [
        membership_section(year, hubs),
        engagement,
        events_section(year, hubs),
        helpdesk_section(year, hubs),
        resources_section(year),
        surveys_section(year),
        support_fund_section(year, hubs),
    ]
    years = mel.indicator_years(year)
    rows = mel.indicator_rows(year, share_meeting=share_meeting)
    return AnnualReport(
        year=year,
        generated_at=timezone.now(),
        sections=sections,
        indicators=rows,
        indicator_years=years,
    )


def all_tables(report: AnnualReport) -> list[tuple[str, Table]]:
    """Every table of the report with its section's slug, the figures first."""
    summary = Table(
        "figures",
        _("Key figures"),
        [_("Section"), _("Figure"), _("Value")],
        [
            [section.title, label, value]
            for section in report.sections
            for label, value in section.figures
        ],
    )
    tables = [("summary", summary)]
    for section in report.sections:
        tables += [(section.slug, table) for table in section.tables]
    tables.append(("indicators", indicators_table(report.indicators, report.indicator_years)))
    return tables
