"""Build the demo network from members/demo_data.py and members/demo_taxonomy.py.

Idempotent: every row is looked up by its natural key and updated in place, so
running it twice gives the same counts.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.db import transaction

from events.demo import seed_demo_events
from hubs.helpdesk_demo import seed_demo_helpdesk
from hubs.models import Hub, HubCountry, HubStaff
from hubs.services import add_hub_staff, hub_for_country
from members import demo_data, demo_taxonomy
from members.demo import seed_demo_members
from members.models import City, GuidingPrinciples, StrategicPriority, ThematicArea
from members.services import add_focal_point
from resources.demo import seed_demo_resources
from steering.demo import seed_demo_steering
from steering.models import CommitteeMember
from steering.services import seat_committee_member
from strongcities.permissions import STAFF_ROLES, Role
from strongcities.services import make_management_unit_staff
from surveys.demo import seed_demo_surveys

DEMO_PASSWORD = "StrongCities-demo-2026"
# A fixed TOTP secret for the fictional staff accounts only, so a demo can sign in;
# `manage.py demo_totp EMAIL` prints the current code.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"
LANGUAGES = ("ar", "en", "fr")


def translated(field: str, values: dict) -> dict:
    return {f"{field}_{code}": values[code] for code in LANGUAGES}


@dataclass
class DemoAccount:
    role: str
    email: str
    display_name: str
    scope: str
    has_totp: bool


@transaction.atomic
def seed_demo_network() -> list[DemoAccount]:
    seed_taxonomy()
    seed_hubs()
    seed_cities()
    accounts = seed_people()
    seed_demo_members()
    seed_demo_steering()
    seed_demo_resources()
    seed_demo_helpdesk()
    seed_demo_events()
    seed_demo_surveys()
    return accounts


def seed_taxonomy() -> None:
    for priority in demo_taxonomy.PRIORITIES:
        StrategicPriority.objects.update_or_create(
            number=priority["number"],
            defaults={
                **translated("name", priority["name"]),
                **translated("description", priority["description"]),
            },
        )
    for order, theme in enumerate(demo_taxonomy.THEMES):
        ThematicArea.objects.update_or_create(
            slug=theme["slug"],
            defaults={
                "sort_order": order,
                **translated("name", theme["name"]),
                **translated("description", theme["description"]),
            },
        )
    principles = demo_taxonomy.GUIDING_PRINCIPLES
    GuidingPrinciples.objects.update_or_create(
        version=principles["version"],
        defaults={
            "published_on": datetime.date.fromisoformat(principles["published_on"]),
            **translated("text", principles["text"]),
        },
    )


def seed_hubs() -> None:
    for order, data in enumerate(demo_data.HUBS):
        hub, _ = Hub.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "status": data["status"],
                "launched_year": data["launched_year"],
                "contact_email": data["contact_email"],
                "sort_order": order,
                **translated("name", data["name"]),
                **translated("description", data["description"]),
            },
        )
        for country in data["countries"]:
            HubCountry.objects.update_or_create(country=country, defaults={"hub": hub})


def _coordinate(value: float) -> Decimal:
    # As the column stores it, so a re-run of seed_demo changes nothing the audit trail sees
    return Decimal(str(value)).quantize(Decimal("0.00001"))


def seed_cities() -> None:
    priorities = {p.number: p for p in StrategicPriority.objects.all()}
    themes = {t.slug: t for t in ThematicArea.objects.all()}
    for data in demo_data.CITIES:
        city, _ = City.objects.update_or_create(
            country=data["country"],
            slug=data["slug"],
            defaults={
                "authority_type": data["authority_type"],
                "hub": hub_for_country(data["country"]),
                "population": data["population"],
                "latitude": _coordinate(data["lat"]),
                "longitude": _coordinate(data["lon"]),
                "website": data["website"],
                "membership_status": data["status"],
                "member_since": (
                    datetime.date(data["member_since"], 1, 1)
                    if data["status"] != City.MembershipStatus.PROSPECTIVE
                    else None
                ),
                **translated("name", data["name"]),
                **translated("summary", data["summary"]),
            },
        )
        city.priorities.set([priorities[n] for n in data["priorities"]])
        city.themes.set([themes[s] for s in data["themes"]])


def seed_people() -> list[DemoAccount]:
    User = get_user_model()
    accounts = []
    for person in demo_data.PEOPLE:
        user, created = User.objects.get_or_create(
            email=person["email"],
            defaults={
                "display_name": person["display_name"],
                "preferred_language": person["preferred_language"],
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        role = person["role"]
        scope = ""
        if role == Role.ADMINISTRATOR:
            user.is_superuser = user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
        elif role == Role.MANAGEMENT_UNIT:
            make_management_unit_staff(user)
        elif role == Role.HUB_STAFF:
            hub = Hub.objects.get(slug=person["hub"])
            add_hub_staff(hub=hub, user=user, role=person.get("hub_role", HubStaff.Role.EXPERT))
            scope = str(hub.name_en)
        elif role in {Role.FOCAL_POINT, Role.COMMITTEE_MEMBER}:
            country, slug = person["city"].split("/")
            city = City.objects.get(country=country, slug=slug)
            scope = str(city.name_en)
            if role == Role.FOCAL_POINT:
                add_focal_point(city=city, user=user, job_title=person["job_title"]["en"])
            elif not CommitteeMember.objects.filter(user=user).exists():
                seat_committee_member(
                    user=user,
                    city=city,
                    role=CommitteeMember.Role.CHAIR,
                    term_start=datetime.date(2023, 9, 20),
                )
        needs_totp = role in STAFF_ROLES
        if (
            needs_totp
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, DEMO_TOTP_SECRET)
            RecoveryCodes.activate(user)
        accounts.append(DemoAccount(role, user.email, user.display_name, scope, needs_totp))
    return accounts
