"""Cities in the API: public fields for everyone; a focal point's own city to update."""

import pytest

from members.models import FocalPoint
from tests.factories import CityFactory

pytestmark = pytest.mark.django_db


def my_city_url(city):
    return f"/api/v1/my-city/{city.country.code.lower()}/{city.slug}/"


def test_the_public_list_has_public_fields_only_and_filters(network, client):
    CityFactory(slug="hopeful", membership_status="prospective", hub=network.hub_a)
    response = client.get("/api/v1/cities/", {"hub": network.hub_a.slug})
    body = response.json()
    assert [c["slug"] for c in body["results"]] == [network.city_a.slug]
    assert "focal_points" not in body["results"][0]
    assert "version" not in body["results"][0]
    email = FocalPoint.objects.get(city=network.city_a).user.email
    assert email not in response.content.decode()


def test_the_public_list_searches_names_in_any_language(network, client):
    network.city_a.name_ar = "مدينة الاختبار"
    network.city_a.save()
    body = client.get("/api/v1/cities/", {"q": "الاختبار"}).json()
    assert [c["slug"] for c in body["results"]] == [network.city_a.slug]


def test_a_focal_point_reads_and_updates_their_city(network, client_as):
    client = client_as(network.users["focal_a"])
    [mine] = client.get("/api/v1/my-city/").json()
    assert mine["slug"] == network.city_a.slug
    response = client.patch(
        my_city_url(network.city_a),
        {"version": mine["version"], "summary_fr": "Mise à jour", "priorities": []},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["summary_fr"] == "Mise à jour"
    network.city_a.refresh_from_db()
    assert network.city_a.summary_fr == "Mise à jour"


def test_a_stale_version_is_a_conflict(network, client_as):
    client = client_as(network.users["focal_a"])
    url = my_city_url(network.city_a)
    version = client.get(url).json()["version"]
    client.patch(url, {"version": version, "summary_en": "One"}, content_type="application/json")
    response = client.patch(
        url, {"version": version, "summary_en": "Two"}, content_type="application/json"
    )
    assert response.status_code == 409
    assert response.json()["changes"][0]["summary_en"]["after"] == "One"


def test_a_focal_point_cannot_update_another_city_through_the_api(network, client_as):
    client = client_as(network.users["focal_b"])
    response = client.patch(
        my_city_url(network.city_a),
        {"version": 1, "summary_en": "Hijack"},
        content_type="application/json",
    )
    assert response.status_code == 403
    network.city_a.refresh_from_db()
    assert network.city_a.summary_en != "Hijack"
    assert client_as(None).get("/api/v1/my-city/").status_code == 403


def test_coordinates_out_of_range_are_refused_by_the_api(network, client_as):
    client = client_as(network.users["focal_a"])
    url = my_city_url(network.city_a)
    version = client.get(url).json()["version"]
    response = client.patch(
        url, {"version": version, "latitude": "95.0"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "latitude" in response.json()


def test_the_schema_documents_the_city_endpoints(client):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/cities/" in schema and "/api/v1/my-city/" in schema
