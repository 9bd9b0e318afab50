"""A member city's hub follows from its country unless staff chose it by hand."""

from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hubs.models import HubCountry
from members import importing
from members.models import City
from members.services import refresh_city_hubs, settle_city_hub
from tests.factories import CityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def covered(network):
    """Hub A covers Kenya (city A's country), hub B covers Jordan (city B's)."""
    HubCountry.objects.create(hub=network.hub_a, country="KE")
    HubCountry.objects.create(hub=network.hub_b, country="JO")
    return network


class FormFields(HTMLParser):
    """The values an admin change form would post back as it is (inputs, selects,
    textareas), so a test changes only the fields it is about."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.data.append((name, attrs.get("value", "on")))
            else:
                self.data.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.append((name, ""))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            name, text = self.data[-1]
            self.data[-1] = (name, text + data.lstrip("\n") if not text else text + data)


def post_admin_form(client, url, **changes):
    parser = FormFields()
    parser.feed(client.get(url).content.decode())
    data = {}
    for name, value in parser.data:
        data.setdefault(name, []).append(value)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = [value]
    data.pop("csrfmiddlewaretoken", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:4000]
    return response


def city_admin(city):
    return f"/admin/members/city/{city.pk}/change/"


def test_a_city_that_moves_country_moves_hub(covered, client_as):
    city = covered.city_a
    post_admin_form(client_as(covered.user("mu")), city_admin(city), country="JO")
    city.refresh_from_db()
    assert (city.country.code, city.hub, city.hub_overridden) == ("JO", covered.hub_b, False)


def test_a_city_placed_by_hand_keeps_its_hub_until_the_override_is_dropped(covered, client_as):
    city, client = covered.city_a, client_as(covered.user("mu"))
    post_admin_form(client, city_admin(city), hub=str(covered.hub_b.pk))
    city.refresh_from_db()
    assert city.hub == covered.hub_b and city.hub_overridden  # ticked by itself
    # the country's hub changes: the city stays where staff put it
    HubCountry.objects.filter(country="KE").delete()
    assert refresh_city_hubs() == 0
    city.refresh_from_db()
    assert city.hub == covered.hub_b
    # unticking the override hands the city back to its country (now covered by no hub)
    post_admin_form(client, city_admin(city), hub_overridden=None)
    city.refresh_from_db()
    assert (city.hub, city.hub_overridden) == (None, False)


def test_choosing_the_countrys_own_hub_is_no_override(covered, client_as):
    city = CityFactory(country="KE", hub=None, slug="nakuru")
    post_admin_form(client_as(covered.user("mu")), city_admin(city), hub=str(covered.hub_a.pk))
    city.refresh_from_db()
    assert city.hub == covered.hub_a and not city.hub_overridden


def hub_admin(hub):
    return f"/admin/hubs/hub/{hub.pk}/change/"


def test_when_a_hub_gives_up_a_country_and_another_takes_it_the_cities_follow(covered, client_as):
    client = client_as(covered.user("mu"))
    placed = CityFactory(country="JO", slug="zarqa", hub=covered.hub_a, hub_overridden=True)
    prefix = "countries"  # the inline of the countries a hub covers
    # hub B gives up Jordan ...
    post_admin_form(client, hub_admin(covered.hub_b), **{f"{prefix}-0-DELETE": "on"})
    assert not HubCountry.objects.filter(country="JO").exists()
    covered.city_b.refresh_from_db()
    assert covered.city_b.hub is None
    # ... and hub A takes it on
    post_admin_form(
        client,
        hub_admin(covered.hub_a),
        **{
            f"{prefix}-TOTAL_FORMS": "2",
            f"{prefix}-1-country": "JO",
            f"{prefix}-1-hub": str(covered.hub_a.pk),
        },
    )
    covered.city_b.refresh_from_db()
    assert covered.city_b.hub == covered.hub_a and not covered.city_b.hub_overridden
    placed.refresh_from_db()
    assert placed.hub == covered.hub_a and placed.hub_overridden  # never moved by the rule
    covered.city_a.refresh_from_db()
    assert covered.city_a.hub == covered.hub_a


def test_refreshing_hubs_takes_the_same_queries_for_few_or_many_cities(
    covered, django_assert_max_num_queries
):
    def move_kenya_to_hub_b():
        HubCountry.objects.filter(country="KE").update(hub=covered.hub_b)

    for n in range(3):
        CityFactory(country="KE", slug=f"small-{n}", hub=covered.hub_a)
    move_kenya_to_hub_b()
    with django_assert_max_num_queries(6):
        assert refresh_city_hubs() == 4  # city A and the three new ones
    HubCountry.objects.filter(country="KE").update(hub=covered.hub_a)
    for n in range(60):
        CityFactory(country="KE", slug=f"many-{n}", hub=covered.hub_b)
    with django_assert_max_num_queries(6):
        assert refresh_city_hubs() == 64
    assert set(City.objects.filter(country="KE").values_list("hub", flat=True)) == {
        covered.hub_a.pk
    }


def test_settling_a_new_city_gives_it_its_countrys_hub(covered):
    city = City(name="Mombasa", slug="mombasa", country="KE", authority_type="municipality")
    settle_city_hub(city)
    assert city.hub == covered.hub_a and not city.hub_overridden
    elsewhere = City(name="Oslo", slug="oslo", country="NO", authority_type="capital")
    settle_city_hub(elsewhere)
    assert elsewhere.hub is None  # no hub covers Norway: the Management Unit looks after it


def _csv(*rows):
    header = "country,name_en,slug,authority_type,hub\n"
    body = header + "".join(",".join(row) + "\n" for row in rows)
    return SimpleUploadedFile("cities.csv", body.encode(), content_type="text/csv")


def test_an_import_with_a_hub_column_places_by_hand_and_one_without_keeps_it(covered):
    mu = covered.user("mu")
    report = importing.import_file(
        _csv(
            ("KE", "Kisumu", "kisumu", "municipality", ""),
            ("KE", "Garissa", "garissa", "municipality", covered.hub_b.slug),
        ),
        commit=True,
        by=mu,
    )
    assert report.committed, report.errors
    kisumu, garissa = City.objects.get(slug="kisumu"), City.objects.get(slug="garissa")
    assert (kisumu.hub, kisumu.hub_overridden) == (covered.hub_a, False)
    assert (garissa.hub, garissa.hub_overridden) == (covered.hub_b, True)
    # importing the row again without a hub keeps the choice made by hand
    importing.import_file(
        _csv(("KE", "Garissa", "garissa", "municipality", "")), commit=True, by=mu
    )
    garissa.refresh_from_db()
    assert (garissa.hub, garissa.hub_overridden) == (covered.hub_b, True)
