"""The public JSON API: published resources only, with the page's filters and search."""

import pytest
from django.db import connection

from members.models import ThematicArea
from tests.resources.conftest import make_resource


@pytest.mark.django_db
def test_api_lists_only_published_resources(client):
    make_resource(slug="public", title_en="Public")
    for status in ("draft", "in_review", "archived"):
        make_resource(slug=status, status=status)
    data = client.get("/api/v1/resources/").json()
    assert [r["slug"] for r in data["results"]] == ["public"]
    for status in ("draft", "in_review", "archived"):
        assert client.get(f"/api/v1/resources/{status}/").status_code == 404


@pytest.mark.django_db
def test_api_filters_and_detail(client):
    theme = ThematicArea.objects.create(slug="young-cities", name_en="Young Cities")
    make_resource(slug="a", title_en="A", themes=[theme], body_en="<p>Body</p>")
    make_resource(slug="b", title_en="B")
    data = client.get("/api/v1/resources/?theme=young-cities").json()
    assert [r["slug"] for r in data["results"]] == ["a"]
    detail = client.get("/api/v1/resources/a/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert detail["body"] == "<p>Body</p>"
    assert detail["themes"] == ["young-cities"]


@pytest.mark.django_db
def test_api_list_gives_each_resource_its_themes_in_order_in_fixed_queries(
    client, django_assert_max_num_queries
):
    # sort_order decides, not the slug: "z-first" comes first.
    first = ThematicArea.objects.create(slug="z-first", name_en="First", sort_order=1)
    second = ThematicArea.objects.create(slug="a-second", name_en="Second", sort_order=2)
    make_resource(slug="both", title_en="Both", themes=[second, first])
    make_resource(slug="none", title_en="None")
    for n in range(10):
        make_resource(slug=f"more-{n}", title_en=f"More {n}", themes=[second])
    # 12 resources: a query a row would be 12 or more (7 on SQLite's search path)
    with django_assert_max_num_queries(7):
        data = client.get("/api/v1/resources/", {"page_size": 50}).json()
    themes = {r["slug"]: r["themes"] for r in data["results"]}
    assert themes["both"] == ["z-first", "a-second"]
    assert themes["none"] == []
    assert themes["more-3"] == ["a-second"]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search")
def test_api_search(client):
    make_resource(slug="youth", title_fr="Conseils de jeunes", title_en="")
    make_resource(slug="other", title_en="Water")
    data = client.get("/api/v1/resources/", {"q": "jeunesse et conseil"}).json()
    assert [r["slug"] for r in data["results"]] == ["youth"]


@pytest.mark.django_db
def test_api_is_documented_in_the_schema(client):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/resources/" in schema
    assert "/api/v1/resources/{slug}/" in schema
