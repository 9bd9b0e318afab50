import datetime

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model

from hubs.models import Hub, HubCountry, HubStaff
from members.models import City, FocalPoint
from steering.models import CommitteeMember

PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Fictional Person {n}")
    preferred_language = "en"

    @factory.post_generation
    def password(user, create, extracted, **kwargs):
        user.set_password(extracted or PASSWORD)
        if create:
            user.save()

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


def enable_mfa(user) -> str:
    """Give a user a TOTP authenticator (and recovery codes); returns the secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub

    slug = factory.Sequence(lambda n: f"hub-{n}")
    name_en = factory.Sequence(lambda n: f"Hub {n}")
    name_ar = factory.Sequence(lambda n: f"المركز {n}")
    name_fr = factory.Sequence(lambda n: f"Pôle {n}")
    status = Hub.Status.ACTIVE


class HubCountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubCountry

    hub = factory.SubFactory(HubFactory)
    country = "KE"


COUNTRIES = ["KE", "UG", "TZ", "JO", "LB", "TN", "PK", "NP", "AL", "RS", "CA", "US", "DE", "NO"]


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    name_en = factory.Sequence(lambda n: f"City {n}")
    name_ar = factory.Sequence(lambda n: f"مدينة {n}")
    name_fr = factory.Sequence(lambda n: f"Ville {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")
    country = factory.Iterator(COUNTRIES)
    authority_type = City.AuthorityType.MUNICIPALITY
    membership_status = City.MembershipStatus.MEMBER
    member_since = datetime.date(2019, 1, 1)
    hub = factory.SubFactory(HubFactory)


class FocalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPoint

    user = factory.SubFactory(UserFactory)
    city = factory.SubFactory(CityFactory)
    is_primary = True


class HubStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HubStaff

    user = factory.SubFactory(UserFactory)
    hub = factory.SubFactory(HubFactory)
    role = HubStaff.Role.LEAD


class CommitteeMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeMember

    user = factory.SubFactory(UserFactory)
    city = factory.SubFactory(CityFactory)
    term_start = datetime.date(2023, 9, 20)
