"""Demo data and the quick-start (SQLite) search fallback."""

import pytest

from members.models import EngagementRecord
from resources.demo import seed_demo_resources
from resources.models import Resource
from resources.search import fallback_search
from resources.textsearch import highlight, normalise_text, normalise_token, query_terms
from strongcities.demo import seed_demo_network


@pytest.mark.django_db
def test_demo_resources_are_trilingual_tied_to_the_network_and_idempotent():
    seed_demo_network()
    count = Resource.objects.count()
    shared = EngagementRecord.objects.filter(kind=EngagementRecord.Kind.RESOURCE_SHARED).count()
    seed_demo_resources()
    assert Resource.objects.count() == count >= 20
    assert EngagementRecord.objects.filter(kind="resource_shared").count() == shared > 0
    published = Resource.objects.published()
    assert published.count() >= 18
    assert published.filter(in_ar=True, in_en=True, in_fr=True).count() >= 14
    assert published.filter(themes__isnull=False).distinct().count() >= 15
    assert published.filter(cities__isnull=False).distinct().count() >= 15
    assert Resource.objects.filter(kind="spotlight", spotlight_city__isnull=False).count() >= 4
    assert Resource.objects.filter(status="in_review", submitted_by__isnull=False).exists()


@pytest.mark.django_db
def test_fallback_search_matches_any_word_case_insensitively():
    Resource.objects.create(slug="a", kind="toolkit", title_fr="Conseils de Jeunes")
    Resource.objects.create(slug="b", kind="toolkit", summary_ar="منتديات الشباب")
    Resource.objects.create(slug="c", kind="toolkit", title_en="Water")
    found, terms = fallback_search(Resource.objects.all(), "Jeunes, الشباب")
    assert sorted(found.values_list("slug", flat=True)) == ["a", "b"]
    assert terms == ["jeunes", "الشباب"]


def test_normalisation_joins_arabic_spellings_and_drops_stop_words():
    # one article, whatever the clitics before it; marks and alef forms unified
    assert normalise_token("والمدينة") == normalise_token("مدينة") == "المدينة"
    assert normalise_token("أَمانة") == "الامانة"
    # a broken plural becomes its singular, a possessive ending goes
    assert normalise_token("المدن") == normalise_token("مدينتنا") == "المدينة"
    assert normalise_token("Évaluation") == "evaluation"
    assert query_terms("في المدن و the cities, les villes!") == ["المدينة", "cities", "villes"]
    assert normalise_text("<p>التعاون مع المدارس في الأحياء</p>") == (
        "التعاون المدرسة الحي"
    )  # function words are not stored


def test_highlight_marks_inflected_forms_and_escapes():
    html, matched = highlight("Les jeunes & la jeunesse <b>", query_terms("jeune"))
    assert matched
    assert "<mark>jeunes</mark>" in html and "<mark>jeunesse</mark>" in html
    assert "&amp;" in html and "&lt;b&gt;" in html
    html, _ = highlight("تعمل المدينة مع الشباب في المدن", query_terms("مدينة"))
    assert "<mark>المدينة</mark>" in html and "<mark>المدن</mark>" in html


@pytest.mark.django_db
def test_the_list_page_searches_without_postgresql_full_text(client, monkeypatch):
    # The quick start runs on SQLite: the page falls back to matching word stems.
    from resources import search

    monkeypatch.setattr(search, "uses_postgres", lambda: False)
    Resource.objects.create(
        slug="jeunes", kind="toolkit", status="published", title_fr="Conseils de jeunesse"
    )
    Resource.objects.create(
        slug="madina", kind="toolkit", status="published", summary_ar="تعمل مدينتنا مع الشباب"
    )
    Resource.objects.create(slug="eau", kind="toolkit", status="published", title_en="Water")
    Resource.objects.create(slug="draft", kind="toolkit", title_fr="Jeunes en brouillon")

    def found(query):
        response = client.get("/fr/resources/", {"q": query})
        assert response.status_code == 200
        return sorted(item["slug"] for item in response.context["items"])

    assert found("jeunes") == ["jeunes"]
    assert found("المدينة") == ["madina"]
    assert found("les villes et l'eau") == []  # a French query does not find "Water"
