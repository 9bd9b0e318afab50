"""Public hub pages and the staff-only stakeholder directory."""

import pytest

from hubs.models import Stakeholder
from tests.conftest import ROLES
from tests.factories import CityFactory, HubStaffFactory
from tests.hubs.factories import StakeholderFactory

pytestmark = pytest.mark.django_db


def test_hub_page_shows_team_member_cities_on_a_map_and_empty_states(network, client):
    network.hub_a.contact_email = "esa@hubs.example"
    network.hub_a.save()
    city = CityFactory(hub=network.hub_a, name_en="Mombasa", latitude=-4.04, longitude=39.67)
    CityFactory(hub=network.hub_a, name_en="Hidden", membership_status="prospective")
    html = client.get(f"/en/hubs/{network.hub_a.slug}/").content.decode()
    assert network.user("hub_a").display_name in html and "Hub lead" in html
    assert f'href="{city.get_absolute_url()}"' in html and "Hidden" not in html
    assert 'data-lat="-4.04000"' in html and 'id="hub-map"' in html
    assert "vendor/leaflet/leaflet" in html and "tile" not in html.lower()
    assert "esa@hubs.example" in html
    assert "No regional event is announced yet." in html
    assert "No good practice from this region has been published yet." in html
    assert "Stakeholders of this hub" not in html  # public visitors see no internals


def test_hub_page_in_arabic_is_rtl(network, client):
    html = client.get(f"/ar/hubs/{network.hub_a.slug}/").content.decode()
    assert 'dir="rtl"' in html


STAKEHOLDERS = {"anonymous": "login", "hub_a": 200, "mu": 200, "admin": 200}


@pytest.mark.parametrize("role", ROLES)
def test_stakeholder_directory_per_role(network, client_as, role):
    StakeholderFactory(hub=network.hub_a, name="Ministry of Interior")
    StakeholderFactory(hub=network.hub_b, name="Other hub NGO")
    response = client_as(network.user(role)).get(f"/en/hubs/{network.hub_a.slug}/stakeholders/")
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]
        assert STAKEHOLDERS.get(role, 403) == "login"
        return
    assert response.status_code == STAKEHOLDERS.get(role, 403)
    if response.status_code == 200:
        html = response.content.decode()
        assert "Ministry of Interior" in html and "Other hub NGO" not in html


def test_hub_staff_add_a_stakeholder_and_bad_input_is_explained(network, client_as):
    client = client_as(network.user("hub_a"))
    url = f"/en/hubs/{network.hub_a.slug}/stakeholders/"
    response = client.post(url, {"kind": "embassy", "name": "", "email": "not-an-email"})
    assert response.status_code == 200 and 'class="errors"' in response.content.decode()
    response = client.post(url, {"kind": "embassy", "name": "Embassy of Norway", "country": "KE"})
    assert response.status_code == 302
    assert Stakeholder.objects.get().hub == network.hub_a
    assert (
        client_as(network.user("hub_b")).post(url, {"kind": "embassy", "name": "X"}).status_code
        == 403
    )
    assert Stakeholder.objects.count() == 1


def test_inactive_hub_staff_lose_access(network, client_as):
    staff = HubStaffFactory(hub=network.hub_a, is_active=False).user
    from tests.factories import enable_mfa

    enable_mfa(staff)
    assert client_as(staff).get(f"/en/hubs/{network.hub_a.slug}/stakeholders/").status_code == 403


NEEDS = {"anonymous": "login", "hub_a": 200, "mu": 200, "admin": 200}


@pytest.mark.parametrize("role", ROLES)
def test_needs_and_consultations_per_role(network, client_as, role):
    from hubs.models import Need

    Need.objects.create(hub=network.hub_a, city=network.city_a, description="Youth council set-up")
    response = client_as(network.user(role)).get(f"/en/hubs/{network.hub_a.slug}/needs/")
    status = "login" if response.status_code == 302 else response.status_code
    assert status == NEEDS.get(role, 403)
    if status == 200:
        assert "Youth council set-up" in response.content.decode()


def test_hub_staff_record_needs_and_consultations_for_their_cities_only(network, client_as):
    from hubs.models import Consultation, Need

    client = client_as(network.user("hub_a"))
    url = f"/en/hubs/{network.hub_a.slug}/needs/"
    response = client.post(
        url,
        {
            "action": "need",
            "need-city": network.city_b.pk,
            "need-description": "x",
            "need-urgency": "high",
            "need-status": "identified",
        },
    )
    assert response.status_code == 200 and not Need.objects.exists()
    client.post(
        url,
        {
            "action": "need",
            "need-city": network.city_a.pk,
            "need-description": "Training",
            "need-urgency": "high",
            "need-status": "identified",
        },
    )
    assert Need.objects.get().recorded_by == network.user("hub_a")
    response = client.post(
        url,
        {
            "action": "consultation",
            "consultation-city": network.city_a.pk,
            "consultation-held_on": "not a date",
            "consultation-participants": "x",
            "consultation-summary": "y",
        },
    )
    assert response.status_code == 200 and 'class="errors"' in response.content.decode()
    client.post(
        url,
        {
            "action": "consultation",
            "consultation-city": network.city_a.pk,
            "consultation-held_on": "2026-10-01",
            "consultation-participants": "Mayor's office",
            "consultation-summary": "Priorities for 2027",
        },
    )
    assert Consultation.objects.get().hub == network.hub_a


def test_a_large_hub_lists_its_first_cities_and_links_to_all_of_them(
    network, client, monkeypatch, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hubs import selectors

    monkeypatch.setattr(selectors, "HUB_PAGE_CITIES", 3)
    for name in ("Bari", "Durrës", "Elbasan"):
        CityFactory(hub=network.hub_a, name_en=name, latitude=41.0, longitude=19.5)
    url = f"/en/hubs/{network.hub_a.slug}/"
    html = client.get(url).content.decode()  # city A and three more: the list is cut
    listed = html.split('class="columns hub-cities"')[1].split("</ul>")[0]
    assert listed.count("<li") == 3 and "Elbasan" not in listed  # the first three by name
    assert "The first 3 of 4 member cities, by name." in html
    assert f'href="/en/members/?hub={network.hub_a.slug}"' in html
    assert 'href="/en/members/map/"' in html
    assert 'id="hub-map"' not in html  # a map of some of them would mislead
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(20):
        CityFactory(hub=network.hub_a, name_en=f"Zadar {n:02}")
    with django_assert_max_num_queries(len(few)):
        html = client.get(url).content.decode()
    assert "The first 3 of 24 member cities, by name." in html
    fr = client.get(f"/fr/hubs/{network.hub_a.slug}/").content.decode()
    assert "Les 3 premières des 24 villes membres, par nom." in fr
    ar = client.get(f"/ar/hubs/{network.hub_a.slug}/").content.decode()
    assert "أول 3 من 24 مدينة عضوًا، حسب الاسم." in ar


def test_a_small_hub_lists_every_city_on_its_map(network, client):
    html = client.get(f"/en/hubs/{network.hub_a.slug}/").content.decode()
    assert 'id="hub-map"' in html and "The first" not in html
    assert network.city_a.get_absolute_url() in html


def test_hub_member_cities_counts_all_while_listing_the_first(network):
    from hubs.selectors import hub_member_cities

    for name in ("Aachen", "Bari"):
        CityFactory(hub=network.hub_a, name_en=name)
    CityFactory(hub=network.hub_a, name_en="Abadan", membership_status="prospective")
    cut = hub_member_cities(network.hub_a, limit=2)
    assert [c["name"] for c in cut.shown] == ["Aachen", "Bari"] and cut.total == 3
    assert not cut.is_complete
    whole = hub_member_cities(network.hub_a, limit=10)
    assert len(whole.shown) == 3 and whole.total == 3 and whole.is_complete
    assert hub_member_cities(network.hub_b, limit=10).total == 1


def test_hub_page_city_names_fall_back_and_link_in_the_page_language(network, client):
    """Rows are values, not cities: the name follows modeltranslation's fallbacks and the
    link keeps the page's language, as the city's own get_absolute_url() would."""
    CityFactory(
        hub=network.hub_a, country="KE", name_en="Kisumu", name_ar="", name_fr="", slug="kisumu"
    )
    CityFactory(hub=network.hub_a, country="KE", name_en="Nakuru", name_ar="ناكورو", slug="nakuru")
    html = client.get(f"/ar/hubs/{network.hub_a.slug}/").content.decode()
    assert '<a href="/ar/members/ke/kisumu/">Kisumu</a>' in html
    assert '<a href="/ar/members/ke/nakuru/">ناكورو</a>' in html


def test_hub_page_marks_a_good_practice_shown_in_another_language(network, client):
    from django.utils import timezone

    from resources.models import Resource

    practice = Resource.objects.create(
        slug="mediation", kind=Resource.Kind.GOOD_PRACTICE, title_fr="La médiation municipale",
        status="published", published_at=timezone.now(),
    )  # fmt: skip
    practice.hubs.add(network.hub_a)
    english = client.get(f"/en/hubs/{network.hub_a.slug}/").content.decode()
    assert (
        '<a href="/en/resources/mediation/" lang="fr" dir="ltr">La médiation municipale</a>'
        in english
    )
    french = client.get(f"/fr/hubs/{network.hub_a.slug}/").content.decode()
    assert '<a href="/fr/resources/mediation/">La médiation municipale</a>' in french
