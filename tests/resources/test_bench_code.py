"""The search benchmark's code runs (tiny data): it must not rot between full runs.
Speed goals live in bench/, not here; these tests check the figures' shape only."""

import sys
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the benchmark measures PostgreSQL search"
)

BENCH = str(Path(__file__).resolve().parents[2] / "bench")


@pytest.fixture
def resources_search():
    if BENCH not in sys.path:
        sys.path.insert(0, BENCH)
    import resources_search

    return resources_search


@pytest.mark.django_db
def test_the_search_benchmark_loads_and_measures(resources_search):
    resources_search.load(40, vacuum=False, report=lambda _line: None)
    figures = resources_search.measure(repeat=1, report=lambda _line: None)
    assert figures["resources"] == 40
    assert set(figures["search"]) == {"ar", "en", "fr"}
    for by_filter in figures["search"].values():
        assert set(by_filter) == {"no filters", "theme + language"}
        assert all(timing["runs"] == 5 for timing in by_filter.values())  # five queries
    counted = figures["list_page_queries"]
    assert all(page["status"] == 200 for page in counted.values())
    # the same page costs the same queries in every language
    for kind in ("list", "search", "search + filters"):
        assert len({counted[f"{kind} ({lang})"]["queries"] for lang in ("ar", "en", "fr")}) == 1
    rows = resources_search.table_rows(figures)
    assert len(rows) == 6 + 9


@pytest.mark.django_db
def test_the_search_benchmark_refuses_a_database_not_meant_for_it(resources_search):
    with pytest.raises(RuntimeError, match="bench"):
        resources_search.run(count=10)
