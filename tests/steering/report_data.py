"""A year of network activity for the annual report's tests, at any size."""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from events.models import Registration
from hubs.models import SupportFundRequest, Ticket
from members.models import City, StrategicPriority
from resources.models import Resource
from steering.models import Indicator
from surveys.models import Response
from tests.events.conftest import make_event
from tests.factories import CityFactory, HubFactory
from tests.surveys.conftest import make_survey

YEAR = timezone.localdate().year - 1  # a past year: everything in it has happened
_batches = itertools.count(1)


def at(month: int, day: int, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(YEAR, month, day, hour, tzinfo=datetime.UTC)


def build_year(n: int, *, hubs=None) -> dict:
    """n members in two hubs (half joined during YEAR), n events each with one
    participant who attended and one who did not, n helpdesk requests (half resolved),
    n published resources and n member submissions, two surveys (all members; the
    first hub), n Technical Support Fund requests, and two indicators."""
    hub_a, hub_b = hubs or (HubFactory(), HubFactory())
    batch = next(_batches)
    priority, _ = StrategicPriority.objects.get_or_create(
        number=1, defaults={"name_en": "City-to-city engagement"}
    )
    cities = []
    for i in range(n):
        cities.append(
            CityFactory(
                hub=hub_a if i % 2 == 0 else hub_b,
                member_since=datetime.date(YEAR, 3, 1) if i % 2 else datetime.date(2019, 1, 1),
                authority_type=City.AuthorityType.CAPITAL
                if i % 2
                else City.AuthorityType.MUNICIPALITY,
            )
        )
    # one city that joined after the year: never counted
    CityFactory(hub=hub_a, member_since=datetime.date(YEAR + 1, 1, 5))
    for i, city in enumerate(cities):
        event = make_event(
            hub=city.hub if i % 2 else None,
            starts_at=at(2, 1 + i % 27),
            ends_at=at(2, 1 + i % 27, 12),
        )
        Registration.objects.create(
            event=event,
            guest_name="Guest",
            guest_email=f"guest{batch}-{i}@example.org",
            city=city,
            status=Registration.Status.ATTENDED,
        )
        Registration.objects.create(
            event=event,
            guest_name="Absent",
            guest_email=f"absent{batch}-{i}@example.org",
            city=city,
            status=Registration.Status.NO_SHOW,
        )
        opened = at(4, 1 + i % 27)
        Ticket.objects.create(
            hub=city.hub,
            city=city,
            category=Ticket.Category.POLICY_ADVICE,
            subject=f"Question {i}",
            description="Advice, please.",
            language="en",
            created_at=opened,
            first_response_at=opened + datetime.timedelta(hours=2),
            first_response_due=opened + datetime.timedelta(hours=4),
            resolved_at=opened + datetime.timedelta(hours=24) if i % 2 == 0 else None,
            status=Ticket.Status.RESOLVED if i % 2 == 0 else Ticket.Status.IN_PROGRESS,
        )
        Resource.objects.create(
            slug=f"published-{batch}-{i}",
            kind=Resource.Kind.TOOLKIT,
            title_en=f"Toolkit {i}",
            status=Resource.Status.PUBLISHED,
            published_at=at(5, 1 + i % 27),
        )
        submission = Resource.objects.create(
            slug=f"submitted-{batch}-{i}",
            kind=Resource.Kind.POLICY,
            title_en=f"Local policy {i}",
            status=Resource.Status.IN_REVIEW,
            submitted_city=city,
        )
        Resource.objects.filter(pk=submission.pk).update(created_at=at(6, 1 + i % 27))
        SupportFundRequest.objects.create(
            hub=city.hub,
            city=city,
            need="Training for youth workers",
            priority=priority,
            support_asked="Two workshops",
            estimated_budget=Decimal("1000.00"),
            status=SupportFundRequest.Status.APPROVED
            if i % 2 == 0
            else SupportFundRequest.Status.DECLINED,
            created_at=at(7, 1 + i % 27),
            decided_at=at(8, 1 + i % 27),
        )
    everyone = make_survey(
        status="closed", opens_on=datetime.date(YEAR, 3, 1), closes_on=datetime.date(YEAR, 4, 1)
    )
    regional = make_survey(
        status="closed",
        audience="hubs",
        opens_on=datetime.date(YEAR, 9, 1),
        closes_on=datetime.date(YEAR, 10, 1),
    )
    regional.hubs.set([hub_a])
    for city in cities[: n // 2]:
        Response.objects.create(
            survey=everyone, city=city, status=Response.Status.SUBMITTED, submitted_at=at(3, 10)
        )
    if Indicator.objects.filter(code="members").exists():
        return {"hubs": (hub_a, hub_b), "cities": cities, "surveys": (everyone, regional)}
    members_indicator = Indicator.objects.create(
        code="members", name_en="Member cities", rule=Indicator.Rule.MEMBERS, sort_order=1
    )
    members_indicator.targets.create(year=YEAR, target=n)
    trained = Indicator.objects.create(
        code="trained",
        name_en="People trained",
        rule=Indicator.Rule.MANUAL,
        sort_order=2,
    )
    trained.targets.create(year=YEAR, target=200)
    trained.values.create(year=YEAR, value=150, source="Training attendance sheets")
    return {"hubs": (hub_a, hub_b), "cities": cities, "surveys": (everyone, regional)}
