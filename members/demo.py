"""Members' part of the demo: agreements to the Guiding Principles and this year's
agreed expectations. Deterministic (derived from each city's slug) and idempotent.

Engagement facts are not invented here: they come from the demo events, resources,
helpdesk tickets and surveys, through members.services.record_engagement.
"""

import datetime
import zlib

from django.contrib.auth import get_user_model
from django.utils import timezone

from members.models import ADDITIONAL_EXPECTATIONS, City, PrinciplesAgreement
from members.services import add_focal_point, current_principles, set_agreed_expectations


def _bucket(city, salt: str, n: int) -> int:
    return zlib.crc32(f"{salt}:{city.country}/{city.slug}".encode()) % n


def seed_demo_focal_points() -> None:
    """A fictional focal point for most members without a demo account, so the
    dashboard looks like a real network; about one member in ten has none (a gap
    the continuity check shows). These accounts cannot sign in."""
    User = get_user_model()
    for city in City.objects.members().filter(focal_points__isnull=True).order_by("pk"):
        if not _bucket(city, "focal", 10):
            continue
        user, created = User.objects.get_or_create(
            email=f"focal.{city.slug}.{city.country.code.lower()}@demo.strongcities.example",
            defaults={
                "display_name": f"{city.name_en} focal point (fictional)",
                "preferred_language": "ar" if city.country.code in ARABIC_SPEAKING else "en",
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        add_focal_point(city=city, user=user, job_title="Prevention coordinator")


ARABIC_SPEAKING = {"JO", "LB", "TN", "MA", "IQ", "EG", "DZ", "LY", "PS", "SA", "AE", "QA", "OM"}


def seed_demo_members() -> None:
    seed_demo_focal_points()
    principles = current_principles()
    year = timezone.localdate().year
    members = City.objects.members().order_by("pk")
    for city in members:
        # Most members have agreed; about one in eight has not yet (the dashboard shows why).
        if (
            principles
            and _bucket(city, "principles", 8)
            and not city.principles_agreements.exists()
        ):
            focal_point = city.focal_points.filter(is_active=True).select_related("user").first()
            agreed_on = max(principles.published_on, city.member_since or principles.published_on)
            PrinciplesAgreement.objects.create(
                city=city,
                principles=principles,
                agreed_by=focal_point.user if focal_point else None,
                agreed_by_name=str(focal_point.user) if focal_point else str(city.name),
                agreed_at=timezone.make_aware(
                    datetime.datetime.combine(agreed_on, datetime.time(10, 0))
                ),
            )
        # About half the members agreed additional expectations this year.
        picks = _bucket(city, "expectations", 4)
        if picks and not city.agreed_expectations.filter(year=year).exists():
            start = _bucket(city, "offset", len(ADDITIONAL_EXPECTATIONS))
            chosen = [
                ADDITIONAL_EXPECTATIONS[(start + i) % len(ADDITIONAL_EXPECTATIONS)].value
                for i in range(picks)
            ]
            set_agreed_expectations(city=city, year=year, additional=chosen)
