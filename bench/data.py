"""Deterministic benchmark data, inserted in bulk (fixed seed: the same rows every run).

Sizes follow issue 11; `smoke` is tiny so CI can run the whole harness in a minute;
`growth` is a tenth of `full` (1,000 members), for the cost-growth figures.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import asdict, dataclass

SEED = 20261125


@dataclass(frozen=True)
class Size:
    name: str
    cities: int
    years: int = 5
    records_per_city_year: int = 3
    resources: int = 0
    tickets: int = 0
    events: int = 0
    registrations: int = 0
    # reachable focal points of member cities: the survey's audience
    survey_recipients: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


SIZES = {
    "smoke": Size(
        "smoke",
        cities=200,
        years=2,
        records_per_city_year=2,
        resources=300,
        tickets=300,
        events=40,
        registrations=1_000,
        survey_recipients=200,
    ),
    "growth": Size(
        "growth",
        cities=1_000,
        resources=10_000,
        tickets=5_000,
        events=500,
        registrations=20_000,
        survey_recipients=1_000,
    ),
    "full": Size(
        "full",
        cities=10_000,
        resources=100_000,
        tickets=50_000,
        events=5_000,
        registrations=200_000,
        survey_recipients=10_000,
    ),
}

BATCH = 5_000


def build(size: Size, progress=print) -> dict:
    """Fill an empty, migrated database, one section per transaction. Returns what was
    made (for the report). Each section has its own seeded generator, so changing one
    leaves the rows of the others as they were."""
    from django.db import transaction

    made = {}
    for section in (build_members, build_resources, build_tickets, build_events, build_survey):
        progress(f"  {section.__name__} ...")
        with transaction.atomic():
            made.update(section(size, random.Random(f"{SEED}:{section.__name__}")))
    return made


def build_members(size: Size, rng: random.Random) -> dict:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from hubs.models import Hub, HubCountry
    from members.models import (
        ADDITIONAL_EXPECTATIONS,
        AgreedExpectations,
        City,
        EngagementRecord,
        FocalPoint,
        GuidingPrinciples,
        PrinciplesAgreement,
        StrategicPriority,
        ThematicArea,
    )
    from strongcities.demo import seed_hubs, seed_taxonomy

    seed_taxonomy()
    seed_hubs()
    hubs = list(Hub.objects.order_by("pk"))
    countries = list(HubCountry.objects.order_by("country").values_list("country", "hub_id"))
    priorities = list(StrategicPriority.objects.order_by("pk"))
    themes = list(ThematicArea.objects.order_by("pk"))
    principles = GuidingPrinciples.objects.order_by("-version").first()
    types = [choice for choice, _label in City.AuthorityType.choices]
    this_year = timezone.localdate().year

    cities = []
    for i in range(size.cities):
        country, hub_id = countries[i % len(countries)]
        member = rng.random() < 0.95
        cities.append(
            City(
                name_en=f"Bench City {i}",
                name_ar=f"مدينة الاختبار {i}",
                name_fr=f"Ville d'essai {i}",
                slug=f"bench-{i}",
                country=country,
                hub_id=hub_id,
                authority_type=types[i % len(types)],
                population=rng.randint(5_000, 5_000_000),
                latitude=round(rng.uniform(-50, 65), 5),
                longitude=round(rng.uniform(-170, 170), 5),
                membership_status="member" if member else "prospective",
                member_since=datetime.date(rng.randint(2015, this_year), 1, 1) if member else None,
                summary_en="A member city of the benchmark network.",
                summary_ar="مدينة عضو في شبكة الاختبار.",
                summary_fr="Une ville membre du réseau d'essai.",
            )
        )
    City.objects.bulk_create(cities, batch_size=BATCH)
    cities = list(City.objects.filter(slug__startswith="bench-").order_by("pk"))

    City.priorities.through.objects.bulk_create(
        [
            City.priorities.through(city_id=c.pk, strategicpriority_id=p.pk)
            for c in cities
            for p in rng.sample(priorities, rng.randint(1, 3))
        ],
        batch_size=BATCH,
    )
    City.themes.through.objects.bulk_create(
        [
            City.themes.through(city_id=c.pk, thematicarea_id=t.pk)
            for c in cities
            for t in rng.sample(themes, rng.randint(1, 4))
        ],
        batch_size=BATCH,
    )

    User = get_user_model()
    User.objects.bulk_create(
        [
            User(
                email=f"focal.{c.slug}@bench.example",
                display_name=f"Bench focal point {c.pk} (fictional)",
                password="!",  # cannot sign in with a password
            )
            for c in cities
        ],
        batch_size=BATCH,
    )
    users = dict(User.objects.filter(email__endswith="@bench.example").values_list("email", "pk"))
    FocalPoint.objects.bulk_create(
        [
            FocalPoint(
                city_id=c.pk,
                user_id=users[f"focal.{c.slug}@bench.example"],
                is_primary=True,
                job_title="Prevention coordinator",
            )
            for c in cities
            if rng.random() < 0.93
        ],
        batch_size=BATCH,
    )
    if principles:
        PrinciplesAgreement.objects.bulk_create(
            [
                PrinciplesAgreement(city_id=c.pk, principles=principles, agreed_by_name="Bench")
                for c in cities
                if rng.random() < 0.85
            ],
            batch_size=BATCH,
        )
    AgreedExpectations.objects.bulk_create(
        [
            AgreedExpectations(
                city_id=c.pk,
                year=this_year,
                additional=[e.value for e in rng.sample(ADDITIONAL_EXPECTATIONS, 2)],
            )
            for c in cities
            if rng.random() < 0.5
        ],
        batch_size=BATCH,
    )
    kinds = [k for k, _label in EngagementRecord.Kind.choices]
    records = []
    for c in cities:
        for year in range(this_year - size.years + 1, this_year + 1):
            for _ in range(rng.randint(0, 2 * size.records_per_city_year)):
                records.append(
                    EngagementRecord(
                        city_id=c.pk,
                        kind=rng.choice(kinds),
                        occurred_on=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                        title="Bench engagement",
                    )
                )
    EngagementRecord.objects.bulk_create(records, batch_size=BATCH)
    secondary = add_secondary_focal_points(size, rng, cities, users)
    return {
        "secondary_focal_points": secondary,
        "hubs": len(hubs),
        "cities": len(cities),
        "engagement_records": len(records),
        "focal_points": FocalPoint.objects.count(),
    }


def add_secondary_focal_points(size: Size, rng, cities, users) -> int:
    """Second focal points for member cities until the survey's audience (reachable
    focal points of members) is `size.survey_recipients` people."""
    from django.contrib.auth import get_user_model

    from members.models import FocalPoint
    from members.services import reachable_focal_points

    audience = reachable_focal_points().filter(city__membership_status="member").count()
    missing = size.survey_recipients - audience
    if missing <= 0:
        return 0
    User = get_user_model()
    members = [c for c in cities if c.membership_status == "member"]
    chosen = [members[i % len(members)] for i in range(missing)]
    User.objects.bulk_create(
        [
            User(
                email=f"focal2.{n}.{c.slug}@bench.example",
                display_name=f"Bench second focal point {n} (fictional)",
                preferred_language=("ar", "en", "fr")[n % 3],
                password="!",
            )
            for n, c in enumerate(chosen)
        ],
        batch_size=BATCH,
    )
    second = dict(User.objects.filter(email__startswith="focal2.").values_list("email", "pk"))
    FocalPoint.objects.bulk_create(
        [
            FocalPoint(
                city_id=c.pk,
                user_id=second[f"focal2.{n}.{c.slug}@bench.example"],
                job_title="Deputy coordinator",
            )
            for n, c in enumerate(chosen)
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    return missing


def build_resources(size: Size, rng: random.Random) -> dict:
    """The resource hub: the search benchmark's generator (bench/resources_search.py),
    with its Zipfian vocabulary in ar/en/fr and the stored search vectors."""
    if not size.resources:
        return {"resources": 0}
    from resources_search import load

    from resources.models import Resource

    load(size.resources, seed=7, vacuum=False, report=lambda _line: None)
    return {
        "resources": size.resources,
        "resources_published": Resource.objects.published().count(),
    }


def build_tickets(size: Size, rng: random.Random) -> dict:
    """Helpdesk requests, all in the hub of the first bench city: its staff's queue is
    the whole `size.tickets` (the hardest case for the queue page)."""
    from django.utils import timezone

    from hubs.models import HubStaff, Ticket
    from hubs.models.helpdesk import REFERENCE_ALPHABET
    from members.models import City

    if not size.tickets:
        return {"tickets": 0}
    hub = bench_hub()
    cities = list(City.objects.filter(hub=hub, slug__startswith="bench-").order_by("pk"))
    staff = bench_user("bench.hub@bench.example", "Bench hub staff (fictional)")
    HubStaff.objects.get_or_create(hub=hub, user=staff, defaults={"role": HubStaff.Role.LEAD})
    now = timezone.now().replace(microsecond=0)
    categories, priorities = Ticket.Category.values, Ticket.Priority.values
    statuses = Ticket.Status.values
    batch = []
    for n in range(size.tickets):
        created = now - datetime.timedelta(minutes=17 * n)
        body = "".join(rng.choice(REFERENCE_ALPHABET) for _ in range(12))
        status = statuses[n % len(statuses)]
        batch.append(
            Ticket(
                reference=f"HD-{body[:4]}-{body[4:8]}-{body[8:]}",
                hub_id=hub.pk,
                city_id=cities[n % len(cities)].pk,
                category=categories[n % len(categories)],
                priority=priorities[n % len(priorities)],
                status=status,
                subject=f"Bench request {n}: {rng.choice(SUBJECTS)}",
                description="A request of the benchmark (fictional).",
                language=("ar", "en", "fr")[n % 3],
                created_at=created,
                first_response_due=created + datetime.timedelta(hours=48),
                resolution_due=created + datetime.timedelta(days=10),
                first_response_at=created + datetime.timedelta(hours=5) if n % 4 else None,
                assignee_id=staff.pk if n % 3 else None,
            )
        )
        if len(batch) == BATCH:
            Ticket.objects.bulk_create(batch)
            batch = []
    Ticket.objects.bulk_create(batch)
    return {"tickets": size.tickets, "ticket_hub": hub.slug}


SUBJECTS = [
    "training for youth workers",
    "help with the engagement report",
    "contact for a peer exchange",
    "translation of the action plan",
    "questions on the Technical Support Fund",
]


def build_events(size: Size, rng: random.Random) -> dict:
    """Events around today (half past, half to come) and their registrations; the
    event in the middle has 2,000 participants (the participants list figure)."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from events.models import Event, Registration

    if not size.events:
        return {"events": 0, "registrations": 0}
    User = get_user_model()
    people = list(
        User.objects.filter(email__endswith="@bench.example", password="!")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    hubs = list(bench_hubs())
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    kinds, formats = Event.Kind.values, Event.Format.values
    events = Event.objects.bulk_create(
        [
            Event(
                slug=f"bench-{i}",
                kind=kinds[i % len(kinds)],
                format=formats[i % len(formats)],
                title_en=f"Bench event {i}: {rng.choice(EVENT_TOPICS['en'])}",
                title_fr=f"Événement d'essai {i} : {rng.choice(EVENT_TOPICS['fr'])}",
                title_ar=f"فعالية تجريبية {i}: {rng.choice(EVENT_TOPICS['ar'])}",
                description_en="An event of the benchmark (fictional).",
                hub_id=hubs[i % len(hubs)].pk if i % 2 else None,
                starts_at=now + datetime.timedelta(hours=(i - size.events // 2) * 7),
                ends_at=now + datetime.timedelta(hours=(i - size.events // 2) * 7 + 3),
                capacity=None,
                is_published=True,
            )
            for i in range(size.events)
        ],
        batch_size=BATCH,
    )
    big = events[size.events // 2 + 1]
    big_count = min(2_000, len(people), size.registrations // 2)
    rows = [
        Registration(event_id=big.pk, user_id=person, status="confirmed")
        for person in people[:big_count]
    ]
    others = [e for e in events if e.pk != big.pk]
    per_event, extra = divmod(max(size.registrations - big_count, 0), len(others))
    for index, event in enumerate(others):
        count = min(per_event + (index < extra), len(people))
        start = (index * 37) % len(people)
        for offset in range(count):
            rows.append(
                Registration(
                    event_id=event.pk,
                    user_id=people[(start + offset) % len(people)],
                    status="confirmed" if offset % 10 else "waitlisted",
                )
            )
        if len(rows) >= 20_000:
            Registration.objects.bulk_create(rows, batch_size=BATCH)
            rows = []
    Registration.objects.bulk_create(rows, batch_size=BATCH)
    return {
        "events": size.events,
        "registrations": Registration.objects.count(),
        "big_event": big.slug,
        "big_event_participants": big_count,
    }


EVENT_TOPICS = {
    "en": ["youth resilience", "online hate", "crisis recovery", "social cohesion"],
    "fr": ["résilience des jeunes", "haine en ligne", "relèvement", "cohésion sociale"],
    "ar": ["صمود الشباب", "الكراهية عبر الإنترنت", "التعافي", "التماسك الاجتماعي"],
}


def build_survey(size: Size, rng: random.Random) -> dict:
    """A draft survey to every member city: the harness opens it to its audience."""
    from django.utils import timezone

    from surveys.models import Question, Survey

    if not size.survey_recipients:
        return {}
    today = timezone.localdate()
    survey = Survey.objects.create(
        title_en="Bench survey: prevention priorities",
        title_fr="Enquête d'essai : priorités de prévention",
        title_ar="استطلاع تجريبي: أولويات الوقاية",
        intro_en="A survey of the benchmark (fictional).",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=3650),
    )
    Question.objects.create(survey=survey, text_en="Your city's first priority?")
    return {"survey": survey.pk}


def bench_hubs():
    from hubs.models import Hub

    return Hub.objects.order_by("pk")


def bench_hub():
    """The hub of the first bench city: the hub staff's region."""
    from members.models import City

    return City.objects.filter(slug__startswith="bench-").order_by("pk").first().hub


def bench_user(email: str, name: str, **fields):
    """A staff account with TOTP set up (staff pages require two-factor authentication)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(
        email=email, defaults={"display_name": name, **fields}
    )
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TOTP_SECRET)
    return user


# A fixed TOTP secret for the bench's staff accounts (fictional, bench databases only):
# the load test computes codes from it to sign in like a person.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"
