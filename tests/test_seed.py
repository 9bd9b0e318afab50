import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from audit.models import AuditEntry
from hubs.models import Hub, HubCountry
from members.models import City, GuidingPrinciples, StrategicPriority, ThematicArea
from strongcities.demo import seed_demo_network
from strongcities.permissions import Role, grants_for

MODELS = [
    Hub,
    HubCountry,
    City,
    StrategicPriority,
    ThematicArea,
    GuidingPrinciples,
    get_user_model(),
]

NAMED_IN_DOMAIN = [
    "Chattanooga",
    "Kumanovo",
    "Cape Town",
    "Kampala",
    "Aurora",
    "Berlin",
    "Denver",
    "Halle",
    "London",
    "New York",
    "Oslo",
    "The Hague",
    "Victoria",
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_seed_demo_is_idempotent(capsys):
    call_command("seed_demo")
    first = counts()
    city_entries = AuditEntry.objects.filter(content_type__model="city").count()
    call_command("seed_demo")
    assert counts() == first
    # nothing changed, so nothing enters the audit trail (`make run` re-seeds every time)
    assert AuditEntry.objects.filter(content_type__model="city").count() == city_entries
    output = capsys.readouterr().out
    assert "admin@demo.strongcities.example" in output


@pytest.mark.django_db
def test_demo_network_matches_the_domain():
    seed_demo_network()
    statuses = dict(Hub.objects.values_list("slug", "status"))
    assert sorted(statuses.values()).count("active") == 4
    assert statuses["north-america"] == "launching"
    assert statuses["south-east-asia"] == statuses["west-africa"] == "planned"
    assert StrategicPriority.objects.count() == 5
    assert ThematicArea.objects.count() == 6
    assert City.objects.members().count() >= 40
    names = " ".join(City.objects.values_list("name_en", flat=True))
    for name in NAMED_IN_DOMAIN:
        assert name in names, name
    # every content field exists in the three languages
    for city in City.objects.all():
        assert city.name_ar and city.name_en and city.name_fr
    for hub in Hub.objects.all():
        assert hub.name_ar and hub.description_fr
    # a city's hub follows from its country
    kumanovo = City.objects.get(slug="kumanovo")
    assert kumanovo.hub.slug == "western-balkans"


@pytest.mark.django_db
def test_one_demo_account_per_role_with_fictional_names():
    accounts = seed_demo_network()
    roles = {account.role for account in accounts}
    assert roles == {role.value for role in Role}
    User = get_user_model()
    for account in accounts:
        user = User.objects.get(email=account.email)
        assert "fictional" in user.display_name.lower()
        assert account.role in grants_for(user).roles
