"""The public search's own table: kept current on every write, words common in the
library do not make a resource match on their own, and results are sliced in order."""

import pytest
from django.db import connection
from django.http import QueryDict

from members.models import ThematicArea
from resources.models import Resource, SearchEntry, SearchTermFrequency
from resources.search import refresh_term_frequencies
from resources.selectors import search_resources
from tests.resources.conftest import make_resource

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search entries live in PostgreSQL"
)


def search(query: str):
    return search_resources(QueryDict(query))


def slugs(found, k=50) -> list[str]:
    return [resource.slug for resource in found.results[:k]]


def test_only_published_resources_have_an_entry(db):
    resource = make_resource(slug="r", title_en="Youth councils")
    assert SearchEntry.objects.filter(resource=resource).exists()
    resource.status = Resource.Status.ARCHIVED
    resource.save()
    assert not SearchEntry.objects.filter(resource=resource).exists()
    assert slugs(search("q=youth")) == []
    resource.status = Resource.Status.PUBLISHED
    resource.save()
    assert slugs(search("q=youth")) == ["r"]


def test_linking_a_theme_either_way_updates_the_facet_tags(db):
    theme = ThematicArea.objects.create(slug="youth", name_en="Youth")
    other = ThematicArea.objects.create(slug="crises", name_en="Crises")
    resource = make_resource(slug="r", title_en="Youth councils")
    resource.themes.add(theme)
    assert slugs(search("theme=youth")) == ["r"]
    theme.resources.remove(resource)
    assert slugs(search("theme=youth")) == []
    other.resources.add(resource)
    assert slugs(search("theme=crises")) == ["r"]
    other.resources.clear()
    assert slugs(search("theme=crises")) == []
    resource.themes.add(other)
    other.slug = "global-crises"
    other.save()
    assert slugs(search("theme=global-crises")) == ["r"]


def test_facets_count_every_other_choice(db):
    youth = ThematicArea.objects.create(slug="youth", name_en="Youth")
    crises = ThematicArea.objects.create(slug="crises", name_en="Crises")
    make_resource(slug="a", title_en="Youth a", themes=[youth], in_en=True, kind="toolkit")
    make_resource(slug="b", title_en="Youth b", themes=[crises], in_en=True, kind="policy")
    make_resource(slug="c", title_ar="شباب", title_en="", themes=[youth], kind="policy")
    found = search("theme=youth&kind=policy")
    assert slugs(found) == ["c"]
    counts = {f.name: {o.value: o.count for o in f.options} for f in found.facets}
    # the theme facet ignores the theme choice, the type facet the type choice
    assert counts["theme"] == {"youth": 1, "crises": 1}
    assert counts["kind"] == {"toolkit": 1, "policy": 1}
    assert counts["lang"] == {"ar": 1}


def test_a_common_word_alone_no_longer_makes_a_match(db, settings):
    """ "cities" is in every resource here: it only counts together with the other
    common words, while a distinctive word still finds everything that has it."""
    settings.RESOURCE_SEARCH_COMMON_MIN_DOCUMENTS = 3
    for n in range(30):
        make_resource(slug=f"plain-{n}", title_en=f"Cities report {n}")
    make_resource(slug="mediation", title_en="Mediation in cities")
    make_resource(slug="both", title_en="Cities and their young people")
    make_resource(slug="young", title_en="Young people")
    # Before the word counts exist every word is distinctive: any-word search.
    assert len(slugs(search("q=mediation for cities"))) == 32
    assert refresh_term_frequencies() > 0
    assert SearchTermFrequency.objects.get(lexeme="").documents == 33
    assert slugs(search("q=mediation for cities")) == ["mediation"]
    # only common words: a resource needs all of them
    assert set(slugs(search("q=cities reports"))) == {f"plain-{n}" for n in range(30)}
    # "young" is distinctive: both resources with it, the one with "cities" first
    assert slugs(search("q=young cities&sort=relevance")) == ["both", "young"]


def test_common_words_together_or_a_word_new_since_the_count(db, settings):
    """Only common words and a word the last count has not seen: a resource matches with
    every common word, or with the new word alone ((common & common) | new)."""
    settings.RESOURCE_SEARCH_COMMON_MIN_DOCUMENTS = 3
    for n in range(30):
        make_resource(slug=f"plain-{n}", title_en=f"Cities report {n}")
    make_resource(slug="cities-only", title_en="Cities")
    assert refresh_term_frequencies() > 0
    make_resource(slug="zebra", title_en="Zebra crossings")  # after the count
    found = set(slugs(search("q=cities reports zebra")))
    assert found == {f"plain-{n}" for n in range(30)} | {"zebra"}


def test_results_are_sliced_in_order_across_pages(db):
    for n in range(45):
        make_resource(slug=f"r-{n:02d}", title_en=f"Youth {n}", publication_date=f"20{n:02d}-01-01")
    found = search("q=youth&sort=date&page=2")
    assert found.total == 45
    expected = [f"r-{n:02d}" for n in range(44, -1, -1)]
    assert [r.slug for r in found.results[20:40]] == expected[20:40]  # fetched with the counts
    assert [r.slug for r in found.results[0:20]] == expected[:20]  # one more statement
    assert [r.slug for r in found.results[40:60]] == expected[40:]
    assert found.results[3].slug == expected[3]
    assert len(list(found.results)) == 45


def test_related_resources_share_the_most_themes_then_are_newest(db):
    from resources.selectors import related_resources

    youth = ThematicArea.objects.create(slug="youth", name_en="Youth")
    crises = ThematicArea.objects.create(slug="crises", name_en="Crises")
    other = ThematicArea.objects.create(slug="other", name_en="Other")
    resource = make_resource(slug="r", themes=[youth, crises])
    make_resource(slug="both-old", themes=[youth, crises], publication_date="2016-01-01")
    make_resource(slug="youth-new", themes=[youth], publication_date="2025-01-01")
    make_resource(slug="crises-mid", themes=[crises], publication_date="2020-01-01")
    make_resource(slug="unrelated", themes=[other], publication_date="2026-01-01")
    make_resource(slug="draft", themes=[youth, crises], status=Resource.Status.DRAFT)
    assert [r.slug for r in related_resources(resource)] == ["both-old", "youth-new", "crises-mid"]
    assert [r.slug for r in related_resources(resource, limit=2)] == ["both-old", "youth-new"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("l'homme", ["homme"]),
        ("O'Brien's plan", ["obrien"]),
        ("aujourd\\'hui", []),
        ("'); DROP TABLE resources_resource; --", []),
        ("homme & ville | !", ["homme"]),
    ],
)
def test_punctuation_and_operators_in_a_query_are_never_syntax(db, query, expected):
    # The query's words are analysed by PostgreSQL and joined into one tsquery literal:
    # apostrophes, backslashes and tsquery operators typed by a visitor must neither fail
    # nor change what the words find.
    make_resource(slug="homme", title_fr="L'homme et la ville", title_en="")
    make_resource(slug="obrien", title_en="O'Brien's youth plan")
    make_resource(slug="other", title_en="Water")
    assert slugs(search("q=" + query.replace("&", "%26"))) == expected
    assert Resource.objects.count() == 3
