"""Page cache generations per content area: a change refreshes the pages that show it
and leaves the others cached; every cached page declares what it shows, checked here
against what it actually reads."""

import datetime
import re

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from events.models import Event
from members import services
from members.models import City, StrategicPriority, ThematicArea
from resources.models import Resource
from strongcities import pagecache
from tests.factories import CityFactory, CommitteeMemberFactory, HubFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def portal():
    """A little of everything the public pages show, each linked to one city."""
    hub = HubFactory(slug="mena", name_en="Middle East and North Africa")
    city = CityFactory(
        hub=hub, country="JO", slug="irbid", name_en="Irbid", name_ar="إربد", name_fr="Irbid"
    )
    theme = ThematicArea.objects.create(slug="youth", name_en="Youth engagement")
    priority = StrategicPriority.objects.create(number=1, name_en="Prevention")
    city.themes.add(theme)
    city.priorities.add(priority)
    now = timezone.now()
    resource = Resource.objects.create(
        slug="irbid-youth-councils",
        kind="good_practice",
        title_en="Youth councils in Irbid",
        summary_en="Young people advise the council.",
        status="published",
        published_at=now,
        spotlight_city=city,
    )
    resource.cities.add(city)
    resource.themes.add(theme)
    resource.hubs.add(hub)
    event = Event.objects.create(
        slug="mena-workshop",
        kind=Event.Kind.WORKSHOP,
        format=Event.Format.IN_PERSON,
        title_en="Regional workshop",
        starts_at=now + datetime.timedelta(days=3),
        ends_at=now + datetime.timedelta(days=3, hours=3),
        is_published=True,
        hub=hub,
        city=city,
    )
    event.themes.add(theme)
    event.resources.add(resource)
    CommitteeMemberFactory(city=city)
    return city, resource, event, hub


def page_urls(city, resource, event, hub) -> dict[str, str]:
    return {
        "home": "/en/",
        "members:city-list": "/en/members/",
        "members:city-list (filtered)": "/en/members/?theme=youth&priority=1",
        "members:city-map": "/en/members/map/",
        "members:city-detail": city.get_absolute_url(),
        "hubs:hub-list": "/en/hubs/",
        "hubs:hub-detail": hub.get_absolute_url(),
        "resources:resource-list": "/en/resources/",
        "resources:resource-list (searched)": "/en/resources/?q=youth+councils",
        "resources:resource-detail": resource.get_absolute_url(),
        "events:event-list": "/en/events/",
        "events:event-detail": event.get_absolute_url(),
        "steering:committee": "/en/steering/",
    }


def test_every_cached_page_declares_its_areas(portal):
    assert {name.split(" ")[0] for name in page_urls(*portal)} == set(pagecache.PAGE_AREAS)


def test_a_city_profile_edit_refreshes_its_pages_and_keeps_the_others(client, portal):
    city, *_ = portal
    urls = page_urls(*portal)
    for url in urls.values():
        assert client.get(url).status_code == 200
    assert client.get(urls["resources:resource-list"])["X-Page-Cache"] == "hit"

    services.update_city_profile(
        city=city,
        data={"summary_en": "Irbid's councils now meet monthly"},
        expected_version=city.version,
        changed_by=None,
    )

    state = {name: client.get(url).get("X-Page-Cache") for name, url in urls.items()}
    showing_profiles = {n for n, areas in pagecache.PAGE_AREAS.items() if pagecache.CITIES in areas}
    assert {n for n, s in state.items() if s == "miss"} == showing_profiles
    assert state["resources:resource-list"] == "hit"
    assert (
        "Irbid&#x27;s councils now meet monthly"
        in client.get(city.get_absolute_url()).content.decode()
    )


def test_a_citys_new_theme_refreshes_the_directory_filtered_by_it(client, portal):
    """The directory is kept through profile edits, not through a change of what its
    filters find."""
    city, *_ = portal
    other = CityFactory(hub=city.hub, name_en="Zarqa")
    url = "/en/members/?theme=youth"
    client.get(url)
    cached = client.get(url)
    assert cached["X-Page-Cache"] == "hit"
    assert "Zarqa" not in cached.content.decode()
    other.themes.add(ThematicArea.objects.get(slug="youth"))
    page = client.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert "Zarqa" in page.content.decode()
    other.themes.clear()
    assert "Zarqa" not in client.get(url).content.decode()


def test_a_city_rename_refreshes_every_page_that_names_it(client, portal):
    city, resource, event, _hub = portal
    for url in (resource.get_absolute_url(), event.get_absolute_url(), "/en/resources/"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    city.name_en = "Irbid Governorate"
    city.save()
    for url in (resource.get_absolute_url(), event.get_absolute_url(), "/en/resources/"):
        page = client.get(url)
        assert page["X-Page-Cache"] == "miss"
        assert "Irbid Governorate" in page.content.decode()


def test_a_hub_move_done_in_bulk_bumps_both_city_areas(portal):
    """refresh_city_hubs moves cities with a queryset update (no signals)."""
    from hubs.models import HubCountry
    from members.services import refresh_city_hubs

    city, *_ = portal
    other = HubFactory(slug="other")
    HubCountry.objects.create(hub=other, country=city.country)
    before = pagecache.generations()
    assert refresh_city_hubs() == 1
    after = pagecache.generations()
    assert after[pagecache.CITIES] > before[pagecache.CITIES]
    assert after[pagecache.CITY_NAMES] > before[pagecache.CITY_NAMES]
    assert after[pagecache.RESOURCES] == before[pagecache.RESOURCES]


def test_an_archived_resource_leaves_the_public_pages_at_once(client, portal):
    from resources import services as resource_services

    _city, resource, *_ = portal
    for url in (resource.get_absolute_url(), "/en/resources/", "/en/"):
        client.get(url)
    resource_services.set_status(resource, Resource.Status.ARCHIVED)
    assert client.get(resource.get_absolute_url()).status_code == 404
    for url in ("/en/resources/", "/en/"):
        page = client.get(url)
        assert page["X-Page-Cache"] == "miss"
        assert "Youth councils in Irbid" not in page.content.decode()


def test_an_erased_person_leaves_every_cached_page(client, portal, network):
    """Erasure rewrites rows in bulk (no signals): a resource quoting the person must not
    keep their name in its cached page."""
    from privacy.erasure import erase_person

    _city, resource, *_ = portal
    person = network.users["focal_b"]
    Resource.objects.filter(pk=resource.pk).update(
        contact_point_en=f"Write to {person.display_name}"
    )
    url = resource.get_absolute_url()
    client.get(url)
    cached = client.get(url)
    assert cached["X-Page-Cache"] == "hit"
    assert person.display_name in cached.content.decode()
    erase_person(person, by=network.users["admin"])
    page = client.get(url)
    assert page["X-Page-Cache"] == "miss"
    assert person.display_name not in page.content.decode()


def test_a_bump_that_fails_on_one_area_still_bumps_the_others(monkeypatch):
    from redis.exceptions import RedisError

    before = pagecache.generations()
    real_incr = pagecache.cache.incr

    def flaky_incr(key, *args, **kwargs):
        if key == pagecache.GENERATION_KEYS[pagecache.CITIES]:
            raise RedisError("timeout")
        return real_incr(key, *args, **kwargs)

    monkeypatch.setattr(pagecache.cache, "incr", flaky_incr)
    pagecache.bump_generation(pagecache.CITIES, pagecache.CITY_NAMES)
    after = pagecache.generations()
    assert after[pagecache.CITY_NAMES] > before[pagecache.CITY_NAMES]
    assert after[pagecache.CITIES] == before[pagecache.CITIES]


def test_a_write_bumps_again_when_its_transaction_commits(django_capture_on_commit_callbacks):
    """A page rendered between the write and its commit shows the old rows under the new
    generation: the bump at commit makes it stale."""
    before = pagecache.generations()[pagecache.EVENTS]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pagecache.bump_generation(pagecache.EVENTS)
    assert pagecache.generations()[pagecache.EVENTS] == before + 1
    for callback in callbacks:
        callback()
    assert pagecache.generations()[pagecache.EVENTS] == before + 2


def test_a_resource_change_refreshes_resource_pages_and_keeps_city_pages(client, portal):
    city, resource, *_ = portal
    for url in (city.get_absolute_url(), resource.get_absolute_url()):
        client.get(url)
    resource.title_en = "Youth councils in Irbid, five years on"
    resource.save()
    page = client.get(resource.get_absolute_url())
    assert page["X-Page-Cache"] == "miss"
    assert "five years on" in page.content.decode()
    assert client.get(city.get_absolute_url())["X-Page-Cache"] == "hit"


def test_a_theme_rename_refreshes_pages_that_show_themes(client, portal):
    city, resource, *_ = portal
    for url in (city.get_absolute_url(), resource.get_absolute_url()):
        client.get(url)
    theme = ThematicArea.objects.get(slug="youth")
    theme.name_en = "Young people"
    theme.save()
    for url in (city.get_absolute_url(), resource.get_absolute_url()):
        page = client.get(url)
        assert page["X-Page-Cache"] == "miss"
        assert "Young people" in page.content.decode()


def test_a_lost_generation_never_revives_an_old_page(client, portal):
    city, *_ = portal
    url = city.get_absolute_url()
    client.get(url)
    cache.delete(pagecache.GENERATION_KEYS[pagecache.CITIES])  # evicted, or Redis restarted
    assert client.get(url)["X-Page-Cache"] == "miss"


def _tables_to_labels() -> dict[str, tuple[str, bool]]:
    """Each table's model, and whether it is a many-to-many table (then its owner's)."""
    labels = {}
    for model in apps.get_models(include_auto_created=True):
        owner = model._meta.auto_created or model
        labels[model._meta.db_table] = (owner._meta.label, bool(model._meta.auto_created))
    return labels


def test_pages_read_only_the_areas_they_declare(client, portal):
    """What a page reads from the database must be in an area it declares, or a change
    to it would leave the page stale. A city counts for either of its two areas (its
    profile fields are checked by the next test)."""
    labels = _tables_to_labels()
    tables = set(connection.introspection.table_names())
    for name, url in page_urls(*portal).items():
        cache.clear()  # no fragment kept from an earlier page hides a read
        read = set()

        def record(execute, sql, params, many, context, read=read):
            read.update(re.findall(r'(?:FROM|JOIN)\s+"?(\w+)"?', sql))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            assert client.get(url).status_code == 200
        declared = pagecache.PAGE_AREAS[name.split(" ")[0]]
        for table in read:
            if table not in tables:
                continue  # a CTE or an alias of the search's raw SQL
            owner, through = labels.get(table, (table, False))
            if owner == django_settings.AUTH_USER_MODEL:
                assert pagecache.PEOPLE in declared, (name, table)  # people's names
                continue
            if owner in PAGE_READS_NOT_CONTENT:
                continue
            assert owner.split(".")[0] in pagecache.CONTENT_APPS, (name, table)
            assert owner not in pagecache.PRIVATE_MODELS, (name, table)
            if owner == "members.City" and not through:
                assert declared & {pagecache.CITIES, pagecache.CITY_NAMES}, (name, table)
            elif owner == "members.City":  # its priorities and themes
                assert declared & {pagecache.CITIES, pagecache.CITY_INTERESTS}, (name, table)
            else:
                assert pagecache.model_area(owner) in declared, (name, table)


# What a cached page may read that is no content of its own (none of it shows).
PAGE_READS_NOT_CONTENT = frozenset({"sessions.Session", "django_celery_beat.PeriodicTask"})


PROFILE_MARKS = {
    "summary_en": "MARK-SUMMARY",
    "approach_en": "MARK-APPROACH",
    "local_priorities_en": "MARK-LOCAL-PRIORITIES",
    "contact_page_en": "https://mark-contact.example/",
    "website": "https://mark-website.example/",
    "population": 9876543,
    "logo": "cities/logos/mark-logo.png",
}


def test_pages_not_showing_profiles_show_no_profile_field(client, portal):
    """A profile edit leaves these pages cached, so they must not show a profile."""
    city, *_ = portal
    City.objects.filter(pk=city.pk).update(**PROFILE_MARKS)
    marks = [str(v) for v in PROFILE_MARKS.values()] + ["9,876,543", "9\u202f876\u202f543"]
    shown_by = {}
    for name, url in page_urls(*portal).items():
        cache.clear()
        html = client.get(url).content.decode()
        shown_by[name] = {mark for mark in marks if mark in html}
    assert shown_by["members:city-detail"] >= {"MARK-SUMMARY", "MARK-APPROACH"}  # the marks show
    for name, shown in shown_by.items():
        if pagecache.CITIES not in pagecache.PAGE_AREAS[name.split(" ")[0]]:
            assert not shown, (name, shown)
    marked = {field.removesuffix("_en") for field in PROFILE_MARKS}
    # every profile field a page could show is marked above; the rest is bookkeeping
    assert marked == pagecache.CITY_PROFILE_FIELDS - pagecache.CITY_BOOKKEEPING_FIELDS


def test_a_persons_new_name_refreshes_the_pages_naming_them_but_a_sign_in_does_not(client, portal):
    from steering.models import CommitteeMember

    seat = CommitteeMember.objects.select_related("user").get()
    client.get("/en/steering/")
    assert client.get("/en/steering/")["X-Page-Cache"] == "hit"
    person = seat.user
    from django.contrib.auth.models import update_last_login

    update_last_login(None, person)  # every sign-in writes this
    assert client.get("/en/steering/")["X-Page-Cache"] == "hit"
    person.display_name = "Mayor Amal Fictional"
    person.save()
    page = client.get("/en/steering/")
    assert page["X-Page-Cache"] == "miss"
    assert "Mayor Amal Fictional" in page.content.decode()
