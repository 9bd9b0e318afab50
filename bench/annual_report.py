"""Benchmark: the Management Unit's annual report for 10,000 members and five years.

From the bench harness (bench/run.py; Django set up, a database whose name contains
"bench"): `import annual_report; figures = annual_report.run()` makes sure the data is
there (the members from bench/data.py's `build_members`, 10,000 of them with five
years of engagement, if the database has fewer; then `add_activity()`: five years of
events and attendance, helpdesk requests with response times, Technical Support Fund
requests, published resources and member submissions, surveys with responses, and
indicators with targets) and returns `measure()`'s figures; `table_rows(figures)`
gives (figure, value, unit, notes) rows for the harness's table.

By hand, on a database of its own:

    createdb -h 127.0.0.1 -U postgres strongcities_bench_report
    DEBUG=0 SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz \\
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/strongcities_bench_report \\
      .venv/bin/python bench/annual_report.py [--pdf] [--json out.json]

The figures, for last year (a whole year) and this year: the time to compute the report
(`steering.report.annual_report`), its SQL queries, the report page as Management Unit
staff through the test client, the CSV tables (zip), and with --pdf the PDF.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for path in (str(ROOT), str(ROOT / "bench")):
    if path not in sys.path:
        sys.path.insert(0, path)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strongcities.settings")

import django  # noqa: E402
from django.apps import apps  # noqa: E402

if not apps.ready:  # the harness imports this module with Django already set up
    django.setup()

YEARS = 5
MARK = "report-bench"  # slug and email prefix of the rows add_activity() makes
SEED = 20261201
BATCH = 5_000

# What a year of the network's activity looks like at 10,000 members (the real network
# has 230: these are the benchmark's "what if", not a forecast).
PER_YEAR = {
    "events": 400,
    "registrations_per_event": 25,
    "tickets": 3_000,
    "fund_requests": 150,
    "resources": 1_500,
    "submissions": 300,
    "surveys": 3,
}


# --- data ----------------------------------------------------------------------------


def ensure_members(size: str = "full", *, report=print) -> int:
    """The bench members of bench/data.py's `size` (full: 10,000 cities with five years of
    engagement), unless the database has them already."""
    from data import SEED as DATA_SEED
    from data import SIZES, build_members
    from django.db import transaction

    from members.models import City

    wanted = SIZES[size]
    if City.objects.filter(slug__startswith="bench-").count() >= wanted.cities:
        return City.objects.members().count()
    report(f"  building {wanted.cities:,} cities with {wanted.years} years of engagement ...")
    with transaction.atomic():
        build_members(wanted, random.Random(f"{DATA_SEED}:build_members"))
    return City.objects.members().count()


def add_activity(*, scale: float = 1.0, report=print) -> dict:
    """Five years of activity for the report's other sections (once: skipped if there),
    PER_YEAR times `scale` (the members there are over 10,000)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from events.models import Event

    this_year = timezone.localdate().year
    years = list(range(this_year - YEARS + 1, this_year + 1))
    if Event.objects.filter(slug__startswith=f"{MARK}-").exists():
        return {"years": years, "added": False}
    rng = random.Random(SEED)
    made = {"years": years, "added": True}
    per_year = {key: max(1, round(n * scale)) for key, n in PER_YEAR.items()}
    per_year["surveys"] = PER_YEAR["surveys"]
    per_year["registrations_per_event"] = PER_YEAR["registrations_per_event"]
    for step in (_events, _tickets, _fund_requests, _resources, _surveys, _indicators):
        report(f"  {step.__name__.strip('_')} ...")
        with transaction.atomic():
            made.update(step(rng, years, per_year))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # bulk inserts leave the planner without statistics
    return made


def _members():
    from members.models import City

    return list(City.objects.members().order_by("pk").values_list("pk", "hub_id"))


def _moment(rng, year: int) -> datetime.datetime:
    """A moment in `year`, never in the future."""
    from django.utils import timezone

    now = timezone.now()
    start = datetime.datetime(year, 1, 1, tzinfo=datetime.UTC)
    end = min(now, datetime.datetime(year + 1, 1, 1, tzinfo=datetime.UTC))
    return start + (end - start) * rng.random()


def _events(rng, years, per_year) -> dict:
    from events.models import Event, Registration
    from hubs.models import Hub

    hubs = list(Hub.objects.values_list("pk", flat=True)) or [None]
    members = _members()
    statuses = [Registration.Status.ATTENDED] * 12 + [Registration.Status.NO_SHOW] * 3
    statuses += [Registration.Status.CONFIRMED] * 5
    events = []
    for year in years:
        for n in range(per_year["events"]):
            starts = _moment(rng, year)
            events.append(
                Event(
                    slug=f"{MARK}-{year}-{n}",
                    kind=rng.choice(Event.Kind.values),
                    format=rng.choice(Event.Format.values),
                    title_en=f"Report bench event {year}/{n}",
                    title_fr=f"Événement d'essai {year}/{n}",
                    title_ar=f"فعالية تجريبية {year}/{n}",
                    hub_id=rng.choice(hubs) if n % 3 else None,
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=3),
                    is_published=True,
                )
            )
    events = Event.objects.bulk_create(events, batch_size=BATCH)
    registrations = [
        Registration(
            event_id=event.pk,
            guest_name="Bench guest (fictional)",
            guest_email=f"{MARK}.{event.pk}.{n}@bench.example",
            city_id=rng.choice(members)[0],
            status=rng.choice(statuses),
        )
        for event in events
        for n in range(per_year["registrations_per_event"])
    ]
    Registration.objects.bulk_create(registrations, batch_size=BATCH)
    return {"events": len(events), "registrations": len(registrations)}


def _tickets(rng, years, per_year) -> dict:
    from hubs.models import Ticket

    members = [m for m in _members() if m[1]]
    tickets = []
    for year in years:
        for n in range(per_year["tickets"]):
            city_id, hub_id = rng.choice(members)
            opened = _moment(rng, year)
            answered = rng.random() < 0.9
            resolved = answered and rng.random() < 0.7
            tickets.append(
                Ticket(
                    hub_id=hub_id,
                    city_id=city_id,
                    category=rng.choice(Ticket.Category.values),
                    subject=f"Report bench request {year}/{n}",
                    description="A request of the benchmark (fictional).",
                    language=rng.choice(("ar", "en", "fr")),
                    created_at=opened,
                    first_response_due=opened + datetime.timedelta(hours=48),
                    first_response_at=opened + datetime.timedelta(hours=rng.randint(1, 96))
                    if answered
                    else None,
                    resolved_at=opened + datetime.timedelta(days=rng.randint(1, 30))
                    if resolved
                    else None,
                    status=Ticket.Status.RESOLVED if resolved else Ticket.Status.IN_PROGRESS,
                )
            )
    Ticket.objects.bulk_create(tickets, batch_size=BATCH)
    return {"tickets": len(tickets)}


def _fund_requests(rng, years, per_year) -> dict:
    from hubs.models import SupportFundRequest
    from members.models import StrategicPriority

    priority, _created = StrategicPriority.objects.get_or_create(
        number=1, defaults={"name_en": "City-to-city engagement"}
    )
    members = [m for m in _members() if m[1]]
    statuses = SupportFundRequest.Status.values
    rows = []
    for year in years:
        for n in range(per_year["fund_requests"]):
            city_id, hub_id = rng.choice(members)
            created = _moment(rng, year)
            rows.append(
                SupportFundRequest(
                    hub_id=hub_id,
                    city_id=city_id,
                    need=f"Report bench need {year}/{n}",
                    priority=priority,
                    support_asked="Training and mentoring",
                    estimated_budget=Decimal(rng.randrange(2_000, 40_000, 500)),
                    status=rng.choice(statuses),
                    created_at=created,
                    decided_at=created + datetime.timedelta(days=rng.randint(5, 40)),
                )
            )
    SupportFundRequest.objects.bulk_create(rows, batch_size=BATCH)
    return {"fund_requests": len(rows)}


def _resources(rng, years, per_year) -> dict:
    from resources.models import Resource

    members = _members()
    rows = []
    for year in years:
        for n in range(per_year["resources"]):
            rows.append(
                Resource(
                    slug=f"{MARK}-{year}-{n}",
                    kind=rng.choice(Resource.Kind.values),
                    title_en=f"Report bench resource {year}/{n}",
                    in_en=True,
                    status=Resource.Status.PUBLISHED,
                    published_at=_moment(rng, year),
                )
            )
        for n in range(per_year["submissions"]):
            rows.append(
                Resource(
                    slug=f"{MARK}-{year}-submission-{n}",
                    kind=Resource.Kind.POLICY,
                    title_en=f"Report bench submission {year}/{n}",
                    in_en=True,
                    status=rng.choice([Resource.Status.IN_REVIEW, Resource.Status.PUBLISHED]),
                    submitted_city_id=rng.choice(members)[0],
                    submitted_language="en",
                )
            )
    created = Resource.objects.bulk_create(rows, batch_size=BATCH)
    # created_at is set on insert: move each submission into its year
    for year in years:
        Resource.objects.filter(
            slug__startswith=f"{MARK}-{year}-submission-", pk__in=[r.pk for r in created]
        ).update(created_at=_moment(rng, year))
    return {"resources": len(created)}


def _surveys(rng, years, per_year) -> dict:
    from hubs.models import Hub
    from surveys.models import Response, Survey

    members = _members()
    hubs = list(Hub.objects.values_list("pk", flat=True))
    responses = 0
    for year in years:
        for n in range(per_year["surveys"]):
            opens = datetime.date(year, 1 + 4 * n, 1)
            if opens > datetime.date.today() - datetime.timedelta(days=31):
                continue  # not sent yet this year
            survey = Survey.objects.create(
                title_en=f"Report bench survey {year}/{n}",
                title_fr=f"Enquête d'essai {year}/{n}",
                title_ar=f"استطلاع تجريبي {year}/{n}",
                opens_on=opens,
                closes_on=opens + datetime.timedelta(days=30),
                status=Survey.Status.CLOSED,
                audience=Survey.Audience.HUBS if n == 2 and hubs else Survey.Audience.ALL_MEMBERS,
            )
            if survey.audience == Survey.Audience.HUBS:
                survey.hubs.set(hubs[:2])
            share = rng.uniform(0.4, 0.75)
            answered = [pk for pk, _hub in members if rng.random() < share]
            Response.objects.bulk_create(
                [
                    Response(
                        survey=survey,
                        city_id=pk,
                        status=Response.Status.SUBMITTED,
                        submitted_at=datetime.datetime(year, opens.month, 10, tzinfo=datetime.UTC),
                    )
                    for pk in answered
                ],
                batch_size=BATCH,
            )
            responses += len(answered)
    return {"survey_responses": responses}


def _indicators(rng, years, per_year) -> dict:
    from steering.models import Indicator

    Rule = Indicator.Rule
    made = 0
    for order, (code, name, rule, unit, base) in enumerate(
        [
            ("bench-members", "Member cities", Rule.MEMBERS, "number", 9_000),
            ("bench-new-members", "New members", Rule.NEW_MEMBERS, "number", 500),
            ("bench-share", "Members meeting expectations", Rule.SHARE_MEETING, "percent", 60),
            ("bench-events", "Events held", Rule.EVENTS_HELD, "number", 350),
            ("bench-attended", "Participants who attended", Rule.EVENT_ATTENDANCE, "number", 6000),
            ("bench-resolved", "Helpdesk requests resolved", Rule.TICKETS_RESOLVED, "number", 2000),
            ("bench-trained", "Officials trained", Rule.MANUAL, "number", 400),
        ]
    ):
        indicator, created = Indicator.objects.get_or_create(
            code=code,
            defaults={"name_en": name, "rule": rule, "unit": unit, "sort_order": order},
        )
        made += created
        for year in [*years, years[-1] + 1]:
            indicator.targets.get_or_create(year=year, defaults={"target": base})
            if rule == Rule.MANUAL and year <= years[-1]:
                indicator.values.get_or_create(
                    year=year,
                    defaults={"value": base * rng.uniform(0.6, 1.2), "source": "Bench sheets"},
                )
    return {"indicators": made}


# --- figures -------------------------------------------------------------------------


def _staff_client():
    from data import bench_user
    from django.test import Client

    staff = bench_user("bench.mu@bench.example", "Bench staff (fictional)", is_management_unit=True)
    client = Client()
    client.force_login(staff)
    return client


def _timed(function, repeat: int) -> dict:
    function()  # warm the plans, the buffers and lazy imports
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "median_ms": round(statistics.median(timings), 1),
        "max_ms": round(timings[-1], 1),
        "runs": repeat,
    }


def measure(years: list[int] | None = None, *, repeat: int = 3, pdf: bool = False, report=print):
    """Time the report for each of `years` (last year and this year by default)."""
    from django.conf import settings
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone, translation

    from members.models import City
    from steering import report as annual
    from steering import report_exports

    this_year = timezone.localdate().year
    years = years or [this_year - 1, this_year]
    figures = {"members": City.objects.members().count(), "years": {}}
    with override_settings(
        SECURE_SSL_REDIRECT=False, ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]
    ):
        client = _staff_client()
        for year in years:
            with translation.override("en"), CaptureQueriesContext(connection) as queries:
                annual.annual_report(year)
            by_year = {"queries": len(queries)}
            with translation.override("en"):
                by_year["compute"] = _timed(lambda y=year: annual.annual_report(y), repeat)
                data = annual.annual_report(year)
                by_year["csv_zip"] = _timed(lambda d=data: report_exports.tables_zip(d), repeat)
            for language in ("en", "ar"):

                def page(y=year, lang=language):
                    response = client.get(f"/{lang}/dashboard/report/{y}/")
                    assert response.status_code == 200, response.status_code

                by_year[f"page_{language}"] = _timed(page, repeat)
            if pdf:
                with translation.override("ar"):
                    html = report_exports.standalone_html(annual.annual_report(year))
                    by_year["pdf_ar"] = _timed(lambda h=html: report_exports.print_pdf(h), 1)
            figures["years"][year] = by_year
            report(
                f"  {year}: compute {by_year['compute']['median_ms']:.0f} ms "
                f"({by_year['queries']} queries), page (en) "
                f"{by_year['page_en']['median_ms']:.0f} ms, page (ar) "
                f"{by_year['page_ar']['median_ms']:.0f} ms"
            )
    return figures


def run(size: str = "full", *, repeat: int = 3, pdf: bool = False, report=print) -> dict:
    """Make sure of the data, then measure: the entry point for bench/run.py. `size` is
    one of bench/data.py's SIZES (smoke: 200 cities, a fiftieth of the activity)."""
    from data import SIZES
    from django.db import connection

    if connection.vendor != "postgresql" or "bench" not in connection.settings_dict["NAME"]:
        raise RuntimeError("Run against a PostgreSQL database whose name contains 'bench'.")
    started = time.perf_counter()
    ensure_members(size, report=report)
    made = add_activity(scale=SIZES[size].cities / 10_000, report=report)
    figures = measure(repeat=repeat, pdf=pdf, report=report)
    figures["data"] = {**made, "seconds": round(time.perf_counter() - started, 1)}
    return figures


def table_rows(figures: dict) -> list[tuple[str, float, str, str]]:
    rows = []
    for year, by_year in figures["years"].items():
        members = f"{figures['members']:,} members"
        rows.append(
            (
                f"annual report {year}: compute",
                by_year["compute"]["median_ms"],
                "ms",
                f"{by_year['queries']} queries, {members}, max {by_year['compute']['max_ms']} ms",
            )
        )
        for language in ("en", "ar"):
            timing = by_year[f"page_{language}"]
            rows.append(
                (
                    f"annual report {year}: page ({language}, staff)",
                    timing["median_ms"],
                    "ms",
                    f"max {timing['max_ms']} ms",
                )
            )
        rows.append(
            (f"annual report {year}: CSV tables", by_year["csv_zip"]["median_ms"], "ms", "")
        )
        if "pdf_ar" in by_year:
            rows.append(
                (f"annual report {year}: PDF (ar)", by_year["pdf_ar"]["median_ms"], "ms", "")
            )
    return rows


def main() -> None:
    from django.core.management import call_command
    from django.db import connection

    parser = argparse.ArgumentParser(description="Annual report benchmark.")
    parser.add_argument("--size", default="full", help="a size of bench/data.py (full, smoke)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pdf", action="store_true", help="also time the PDF (Chromium)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if connection.vendor != "postgresql" or "bench" not in connection.settings_dict["NAME"]:
        sys.exit("Run against a PostgreSQL database whose name contains 'bench'.")
    call_command("migrate", verbosity=0)
    figures = run(
        args.size, repeat=args.repeat, pdf=args.pdf, report=lambda line: print(line, flush=True)
    )
    print(f"\n{figures['members']:,} members; data: {figures['data']}")
    print(f"\n{'figure':<48}{'value':>10}  {'unit':<6}notes")
    for figure, value, unit, notes in table_rows(figures):
        print(f"{figure:<48}{value:>10}  {unit:<6}{notes}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, default=str))


if __name__ == "__main__":
    main()
