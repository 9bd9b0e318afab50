"""Deterministic benchmark data, inserted in bulk (fixed seed: the same rows every run).

Sizes follow issue 11; `smoke` is tiny so CI can run the whole harness in a minute.
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

    def as_dict(self) -> dict:
        return asdict(self)


SIZES = {
    "smoke": Size("smoke", cities=200, years=2, records_per_city_year=2),
    "full": Size("full", cities=10_000),
}

BATCH = 5_000


def build(size: Size) -> dict:
    """Fill an empty, migrated database. Returns what was made (for the report)."""
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

    rng = random.Random(SEED)
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
    return {
        "hubs": len(hubs),
        "cities": len(cities),
        "engagement_records": len(records),
        "focal_points": FocalPoint.objects.count(),
    }
