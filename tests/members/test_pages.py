"""Members' pages as people use them: the directory, the map, the city page,
My city (with its bad input and concurrent edits), colleague requests and import."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from members.models import City, FocalPoint, StrategicPriority, ThematicArea
from strongcities.models import Invitation
from tests.factories import CityFactory

pytestmark = pytest.mark.django_db


def edit_url(city):
    return reverse("members:city-edit", args=[city.country.code.lower(), city.slug])


def profile_post(city, **changes):
    """What the edit form posts when nothing is changed, plus `changes`."""
    data = {"version": city.version, "engagement_level": city.engagement_level}
    for field in ("name", "summary", "approach", "local_priorities", "contact_page"):
        for lang in ("ar", "en", "fr"):
            data[f"{field}_{lang}"] = getattr(city, f"{field}_{lang}") or ""
    for field in ("population", "latitude", "longitude", "website"):
        value = getattr(city, field)
        data[field] = "" if value is None else value
    data.update(changes)
    return data


def png(name="logo.png", size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


# --- directory and map ---------------------------------------------------------------


def test_the_directory_finds_a_city_by_its_arabic_or_french_name(client):
    CityFactory(name_en="Irbid", name_ar="إربد", name_fr="Irbid", slug="irbid", country="JO")
    CityFactory(name_en="Mombasa", name_ar="مومباسا", name_fr="Mombasa", slug="mombasa")
    for query in ("إربد", "irb"):
        page = client.get(reverse("members:city-list"), {"q": query})
        assert [c.slug for c in page.context["page"]] == ["irbid"]


def test_the_directory_filters_by_priority_theme_and_type(client):
    priority = StrategicPriority.objects.create(number=4, name_en="City–youth engagement")
    theme = ThematicArea.objects.create(slug="youth", name_en="Youth")
    match = CityFactory(authority_type="county_district", slug="match")
    match.priorities.add(priority)
    match.themes.add(theme)
    CityFactory(authority_type="county_district", slug="other")
    page = client.get(
        reverse("members:city-list"),
        {"priority": "4", "theme": "youth", "authority_type": "county_district"},
    )
    assert [c.slug for c in page.context["page"]] == ["match"]


def test_prospective_cities_are_not_listed_publicly(client):
    CityFactory(slug="hopeful", membership_status="prospective")
    page = client.get(reverse("members:city-list"))
    assert "hopeful" not in [c.slug for c in page.context["page"]]


def test_the_directory_and_map_cost_the_same_queries_for_5_and_60_cities(
    client, django_assert_max_num_queries
):
    def cost(url):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    CityFactory.create_batch(5, latitude=1, longitude=2)
    small = {url: cost(url) for url in (reverse("members:city-list"), reverse("members:city-map"))}
    CityFactory.create_batch(55, latitude=1, longitude=2)
    for url, count in small.items():
        with django_assert_max_num_queries(count):
            client.get(url)


def test_the_map_places_members_and_needs_nothing_from_outside(client):
    CityFactory(name_en="Kumanovo", slug="kumanovo", country="MK", latitude=42.13, longitude=21.71)
    page = client.get(reverse("members:city-map")).content.decode()
    assert 'cx="201.71"' in page and 'cy="47.87"' in page
    assert "Kumanovo" in page
    assert "https://" not in page.split("<main")[1].split("</main>")[0]


# --- the public city page ------------------------------------------------------------


def test_the_public_city_page_never_shows_focal_points(network, client_as):
    focal_point = FocalPoint.objects.get(city=network.city_a)
    url = network.city_a.get_absolute_url()
    public = client_as(None).get(url).content.decode()
    assert focal_point.user.display_name not in public
    assert focal_point.user.email not in public
    staff = client_as(network.users["hub_a"]).get(url).content.decode()
    assert focal_point.user.display_name in staff


def test_peer_cities_come_with_reasons(network, client_as):
    priority = StrategicPriority.objects.create(number=1, name_en="City-to-city engagement")
    network.city_a.priorities.add(priority)
    peer = CityFactory(name_en="Peerville", slug="peerville")
    peer.priorities.add(priority)
    page = client_as(network.users["focal_a"]).get(network.city_a.get_absolute_url())
    [match] = page.context["peers"]
    assert match.city == peer
    assert "shared priorities: City-to-city engagement" in match.reasons


# --- My city -------------------------------------------------------------------------


def test_my_city_takes_a_focal_point_to_their_city(network, client_as):
    response = client_as(network.users["focal_a"]).get(reverse("members:my-city"))
    assert response.status_code == 302
    assert response["Location"] == edit_url(network.city_a)


def test_a_focal_point_saves_the_profile_in_three_languages(network, client_as):
    client = client_as(network.users["focal_a"])
    city = network.city_a
    response = client.post(
        edit_url(city),
        profile_post(
            city,
            summary_ar="نهج المدينة في الوقاية",
            summary_fr="L'approche de la ville",
            population="250000",
            logo=png(),
        ),
    )
    assert response.status_code == 302
    city.refresh_from_db()
    assert city.summary_ar == "نهج المدينة في الوقاية"
    assert city.population == 250000
    assert city.logo.name.startswith("cities/logos/")
    assert city.revisions.get().changed_by == network.users["focal_a"]
    public = client_as(None).get("/ar" + city.get_absolute_url()[3:]).content.decode()
    assert "نهج المدينة في الوقاية" in public


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"latitude": "123", "longitude": "10"}, "latitude", "less than or equal to 90"),
        ({"population": "-5"}, "population", "greater than or equal to 0"),
        ({"latitude": "12"}, None, "both latitude and longitude"),
        (
            {"logo": SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image")},
            "logo",
            "is not what its name says (.png)",
        ),
        ({"logo": SimpleUploadedFile("logo.exe", b"MZ")}, "logo", "not a file of an accepted type"),
        ({"logo": SimpleUploadedFile("logo.svg", b"<svg/>")}, "logo", "SVG image"),
    ],
)
def test_bad_input_is_explained_and_keeps_what_was_typed(
    network, client_as, changes, field, message
):
    city = network.city_a
    response = client_as(network.users["focal_a"]).post(
        edit_url(city), profile_post(city, summary_fr="Texte à garder", **changes)
    )
    assert response.status_code == 200
    form = response.context["form"]
    errors = form.errors[field] if field else form.non_field_errors()
    assert any(message in str(e) for e in errors), errors
    assert "Texte à garder" in response.content.decode()
    city.refresh_from_db()
    assert city.summary_fr != "Texte à garder"


def test_errors_are_translated(network, client_as):
    city = network.city_a
    response = client_as(network.users["focal_a"]).post(
        "/ar" + edit_url(city)[3:], profile_post(city, population="-5")
    )
    assert "تحقق من أن" in str(response.context["form"].errors["population"])


def test_a_too_large_logo_is_refused(network, client_as):
    city = network.city_a
    big = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 1))
    response = client_as(network.users["focal_a"]).post(
        edit_url(city), profile_post(city, logo=big)
    )
    assert "is larger than 2.0\xa0MB" in str(response.context["form"].errors["logo"])


def test_the_second_editor_is_told_what_changed_and_loses_nothing(network, client_as):
    city = network.city_a
    opened = profile_post(city)  # both open the form at the same version
    first = client_as(network.users["focal_a"]).post(
        edit_url(city), {**opened, "summary_en": "Mine"}
    )
    assert first.status_code == 302
    second = client_as(network.users["mu"]).post(edit_url(city), {**opened, "summary_en": "Theirs"})
    assert second.status_code == 200
    body = second.content.decode()
    assert "Someone else saved this profile" in body
    assert "Theirs" in body and "Mine" in body  # their text kept, the other change shown
    city.refresh_from_db()
    assert city.summary_en == "Mine"
    # saving again from the refreshed form now goes through
    again = second.context["form"].data.copy()
    assert client_as(network.users["mu"]).post(edit_url(city), again).status_code == 302


def test_a_focal_point_cannot_edit_another_city(network, client_as):
    client = client_as(network.users["focal_b"])
    city = network.city_a
    assert client.get(edit_url(city)).status_code == 403
    assert client.post(edit_url(city), profile_post(city, summary_en="Hijack")).status_code == 403
    city.refresh_from_db()
    assert city.summary_en != "Hijack"


def test_agreeing_to_the_principles_from_my_city(network, client_as):
    from members.models import GuidingPrinciples

    GuidingPrinciples.objects.create(version=3, text_en="v3", published_on="2024-01-01")
    city = network.city_a
    url = reverse("members:city-agree", args=[city.country.code.lower(), city.slug])
    assert client_as(network.users["focal_b"]).post(url).status_code == 403
    client_as(network.users["focal_a"]).post(url)
    assert city.principles_agreements.get().principles.version == 3


# --- colleagues ----------------------------------------------------------------------


def test_a_colleague_is_invited_only_after_staff_approve(
    network, client_as, django_capture_on_commit_callbacks
):
    city = network.city_a
    url = reverse("members:city-invite-colleague", args=[city.country.code.lower(), city.slug])
    client_as(network.users["focal_a"]).post(
        url,
        {
            "display_name": "Colleague (fictional)",
            "email": "colleague@example.org",
            "job_title": "",
            "language": "fr",
        },
    )
    invitation = Invitation.objects.get(email="colleague@example.org")
    assert invitation.needs_approval and mail.outbox == []
    decide = reverse("engagement:colleague-request-decide", args=[invitation.pk])
    assert (
        client_as(network.users["hub_b"]).post(decide, {"decision": "approve"}).status_code == 403
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_as(network.users["hub_a"]).post(decide, {"decision": "approve"})
    assert [m.to for m in mail.outbox] == [["colleague@example.org"]]
    assert "Strong Cities" in mail.outbox[0].subject or "Villes" in mail.outbox[0].subject


def test_the_same_colleague_cannot_be_requested_twice(network, client_as):
    city = network.city_a
    url = reverse("members:city-invite-colleague", args=[city.country.code.lower(), city.slug])
    data = {"display_name": "C (fictional)", "email": "c@example.org", "language": "en"}
    client_as(network.users["focal_a"]).post(url, data)
    response = client_as(network.users["focal_a"]).post(url, data)
    assert "already been invited" in str(response.context["form"].errors)
    assert response.context["form"]["display_name"].value() == "C (fictional)"


# --- bulk import ---------------------------------------------------------------------

GOOD_CSV = (
    "country,name_en,name_ar,name_fr,authority_type,hub,population,latitude,longitude,"
    "focal_point_email,focal_point_name\n"
    "KE,Kisumu,كيسومو,Kisumu,municipality,hub-a,610000,-0.1,34.75,"
    "fp.kisumu@example.org,Kisumu FP (fictional)\n"
    "JO,Zarqa,الزرقاء,Zarqa,municipality,,1500000,32.07,36.09,,\n"
)


def upload(content, name="cities.csv"):
    return SimpleUploadedFile(name, content.encode("utf-8"), content_type="text/csv")


def test_an_import_is_checked_first_then_written_on_confirmation(network, client_as):
    client = client_as(network.users["mu"])
    url = reverse("engagement:import")
    check = client.post(url, {"file": upload(GOOD_CSV)})
    report = check.context["report"]
    assert report.ok and report.cities_created == 2 and report.focal_points == 1
    assert not City.objects.filter(slug="kisumu").exists()  # dry run wrote nothing
    client.post(url, {"token": check.context["token"]})
    kisumu = City.objects.get(country="KE", slug="kisumu")
    assert kisumu.name_ar == "كيسومو" and kisumu.hub == network.hub_a
    assert Invitation.objects.filter(email="fp.kisumu@example.org", city=kisumu).exists()


def test_an_import_with_one_bad_row_writes_nothing_and_lists_every_error(network, client_as):
    bad = (
        GOOD_CSV + "XX,Nowhere,,,village,,-3,100,0,not-an-email,\nKE,Kisumu,,,municipality,,,,,,\n"
    )
    response = client_as(network.users["mu"]).post(
        reverse("engagement:import"), {"file": upload(bad)}
    )
    report = response.context["report"]
    lines = {error.line: " ".join(error.messages) for error in report.errors}
    assert set(lines) == {4, 5}
    assert "ISO country code" in lines[4] and "valid choice" in lines[4]
    assert "already on line 2" in lines[5]
    assert response.context["token"] is None
    assert not City.objects.filter(slug="kisumu").exists()


def test_an_import_reports_errors_in_the_readers_language(network, client_as):
    response = client_as(network.users["mu"]).post(
        "/fr" + reverse("engagement:import")[3:], {"file": upload("country,name_en\nKE,X\n")}
    )
    [error] = response.context["report"].errors
    assert "authority_type" in error.messages[0]
    assert "La première ligne" in error.messages[0]


def test_a_file_that_is_not_a_spreadsheet_is_refused(network, client_as):
    response = client_as(network.users["mu"]).post(
        reverse("engagement:import"), {"file": upload("MZ", name="tool.xlsx")}
    )
    assert response.context["report"] is None  # refused before reading a single row
    assert "is not what its name says (.xlsx)" in str(response.context["form"].errors["file"])


def test_an_import_token_is_only_good_for_the_person_who_checked_it(network, client_as):
    from strongcities.services import make_management_unit_staff
    from tests.factories import UserFactory, enable_mfa

    check = client_as(network.users["mu"]).post(
        reverse("engagement:import"), {"file": upload(GOOD_CSV)}
    )
    other = UserFactory(is_management_unit=True)
    make_management_unit_staff(other)
    enable_mfa(other)
    client_as(other).post(reverse("engagement:import"), {"token": check.context["token"]})
    assert not City.objects.filter(slug="kisumu").exists()


# --- handover ------------------------------------------------------------------------


def test_a_leaving_focal_point_hands_over_with_a_note(network, client_as):
    from members.models import FocalPointHandover
    from tests.factories import FocalPointFactory

    city = network.city_a
    successor = FocalPointFactory(city=city, is_primary=False).user
    url = reverse("members:city-handover", args=[city.country.code.lower(), city.slug])
    leaving = network.users["focal_a"]
    response = client_as(leaving).post(
        url, {"leaving": leaving.pk, "successor": successor.pk, "note": "Files in the shared drive"}
    )
    assert response.status_code == 302
    handover = FocalPointHandover.objects.get()
    assert (handover.from_user, handover.to_user) == (leaving, successor)
    assert handover.note == "Files in the shared drive"
    assert FocalPoint.objects.get(city=city, user=successor).is_primary
    assert client_as(leaving).get(edit_url(city)).status_code == 403  # access is gone


def test_a_focal_point_cannot_hand_over_someone_else(network, client_as):
    from tests.factories import FocalPointFactory

    city = network.city_a
    other = FocalPointFactory(city=city, is_primary=False).user
    third = FocalPointFactory(city=city, is_primary=False).user
    url = reverse("members:city-handover", args=[city.country.code.lower(), city.slug])
    response = client_as(network.users["focal_a"]).post(
        url, {"leaving": other.pk, "successor": third.pk}
    )
    assert response.status_code == 200
    assert "leaving" in response.context["form"].errors
    assert FocalPoint.objects.get(user=other).is_active


def test_marking_an_email_as_bouncing_in_the_admin_flags_the_city(network, client_as):
    from members.models import ContinuityAlert

    user = network.users["focal_a"]
    client_as(network.users["admin"]).post(
        "/admin/strongcities/user/",
        {"action": "mark_email_bouncing", "_selected_action": [user.pk]},
    )
    user.refresh_from_db()
    assert user.email_bounced_at is not None
    assert ContinuityAlert.objects.get(city=network.city_a).reason == "bouncing"


def test_map_links_are_the_city_pages(client):
    city = CityFactory(name_en="O'Brien <Town>", slug="obrien", latitude=1, longitude=2)
    page = client.get(reverse("members:city-map")).content.decode()
    assert f'href="{city.get_absolute_url()}"' in page
    assert "O&#x27;Brien &lt;Town&gt;" in page


def test_a_crowded_country_is_one_counted_circle_leading_to_its_members(client, settings):
    from members import selectors

    for n in range(selectors.MAP_CLUSTER_ABOVE + 1):
        CityFactory(country="KE", slug=f"ke-{n}", latitude=-1 - n / 100, longitude=36.8)
    CityFactory(name_en="Kumanovo", slug="kumanovo", country="MK", latitude=42.13, longitude=21.71)
    page = client.get(reverse("members:city-map")).content.decode()
    directory = reverse("members:city-list")
    assert page.count(f'href="{directory}?country=KE"') == 1
    assert f"Kenya: {selectors.MAP_CLUSTER_ABOVE + 1} member cities" in page
    assert "/ke/ke-0/" not in page  # no dot per Kenyan city
    assert 'cx="201.71"' in page  # Kumanovo keeps its own dot
    assert f"{selectors.MAP_CLUSTER_ABOVE + 2} member cities on the map" in page
    arabic = client.get("/ar/members/map/").content.decode()
    assert "كينيا" in arabic


def test_a_country_at_the_limit_keeps_a_dot_per_city(client):
    from members import selectors

    for n in range(selectors.MAP_CLUSTER_ABOVE):
        CityFactory(country="KE", slug=f"ke-{n}", latitude=-1, longitude=36.8)
    page = client.get(reverse("members:city-map")).content.decode()
    assert "?country=KE" not in page
    assert page.count("/ke/ke-") == selectors.MAP_CLUSTER_ABOVE


def test_the_map_legend_names_members_without_a_hub_only_when_there_are_some(client):
    with_hub = CityFactory(slug="with-hub", latitude=1, longitude=2)
    assert with_hub.hub_id is not None
    page = client.get(reverse("members:city-map")).content.decode()
    assert "No regional hub (Management Unit)" not in page
    CityFactory(slug="no-hub", hub=None, latitude=55.7, longitude=12.6)
    page = client.get(reverse("members:city-map")).content.decode()
    assert "No regional hub (Management Unit)" in page
    assert 'fill="#555555"' in page


def test_a_crowded_country_across_the_date_line_sits_at_the_date_line(client):
    from members import selectors

    for n in range(selectors.MAP_CLUSTER_ABOVE + 1):
        longitude = 179 if n % 2 else -179
        CityFactory(country="FJ", slug=f"fj-{n}", latitude=-17.8, longitude=longitude)
    marker = next(m for m in selectors.member_map().markers if m["count"])
    assert min(marker["x"], 360 - marker["x"]) < 1  # x is the longitude + 180
