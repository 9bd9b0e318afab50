# ruff: noqa: E501  (tabular query lists and report lines)
"""Benchmark: resource hub search over 100,000 resources in Arabic, English and French.

Two ways to run it, both against a PostgreSQL database whose name contains "bench":

* from the bench harness (bench/run.py, in a child process where Django is set up):
  `import resources_search; figures = resources_search.run(count=100_000)` loads the
  resources if the database holds fewer (`load()`, also what bench/data.py calls) and
  returns `measure()`'s figures as a JSON-ready dict; `table_rows(figures)` gives them
  as (figure, value, unit, notes) rows for the harness's table;
* by hand:

      createdb -h 127.0.0.1 -U postgres strongcities_bench_search
      DEBUG=0 SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz \\
        DATABASE_URL=postgres://postgres@127.0.0.1:5432/strongcities_bench_search \\
        .venv/bin/python bench/resources_search.py [--count 100000] [--json out.json]

The data: synthetic resources in one to three languages (words from the demo resources
mixed with a Zipfian long tail, see Vocabulary), 90 % published, one or two themes each,
stored vectors computed by the same code as saving, then ANALYZE. The figures: for each
language, median and 95th percentile of the list page's search (`search_resources`
with its facets and total, plus the first page of 20 results, in one transaction as the
page runs it) over five natural queries, without filters and with a theme and a
language filter; then the SQL queries of the list page (through the test client, page
cache off) plain, searched and filtered in each language.
"""

import argparse
import itertools
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strongcities.settings")

import django  # noqa: E402
from django.apps import apps  # noqa: E402

if not apps.ready:  # the harness imports this module with Django already set up
    django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from members.models import ThematicArea  # noqa: E402
from resources.demo_data import RESOURCES  # noqa: E402
from resources.models import LANGS, Resource  # noqa: E402
from resources.search import bulk_update_search_vectors, refresh_term_frequencies  # noqa: E402
from resources.selectors import search_resources  # noqa: E402
from resources.textsearch import TOKEN  # noqa: E402

QUERIES = {
    "ar": [
        "مشاركة الشباب في المدن",
        "التعافي بعد الهجوم",
        "الكراهية عبر الإنترنت",
        "اللاجئين والمجتمعات المضيفة",
        "تدريب رؤساء البلديات",
    ],  # fmt: skip
    "en": [
        "how can cities work with young people",
        "recovery after an attack",
        "online hate speech",
        "refugees and host communities",
        "training for mayors",
    ],  # fmt: skip
    "fr": [
        "comment les villes travaillent avec les jeunes",
        "rétablissement après un attentat",
        "la haine en ligne",
        "médiation des conflits",
        "formation des maires",
    ],  # fmt: skip
}
# "with filters": a theme and the query's own language, as a visitor narrows a search.
FILTER_THEME = "young-cities"


ALPHABETS = {
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "en": "abcdefghijklmnopqrstuvwxyz",
    "fr": "abcdefghijklmnopqrstuvwxyzéèàç",
}


class Vocabulary:
    """Words of one language with a realistic (Zipfian) spread.

    A quarter of the words come from the demo resources (the network's own vocabulary,
    frequency-weighted); the rest from 20,000 invented words whose frequencies follow
    Zipf's law, as a real library's long tail of topics does. Drawing only from the
    demo words would put every common word in nearly every resource, which no real
    collection does.
    """

    def __init__(self, rng, language, demo_words, size=20_000):
        self.rng = rng
        self.demo = demo_words
        letters = ALPHABETS[language]
        self.tail = [
            "".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(size)
        ]
        self.weights = list(itertools.accumulate(1 / rank for rank in range(1, size + 1)))

    def word(self):
        if self.rng.random() < 0.25:
            return self.rng.choice(self.demo)
        return self.rng.choices(self.tail, cum_weights=self.weights)[0]

    def sentence(self, low, high):
        return " ".join(self.word() for _ in range(self.rng.randint(low, high)))


def demo_vocabulary():
    words = {code: [] for code in LANGS}
    for item in RESOURCES:
        for field in ("title", "summary", "body", "quote"):
            for code, text in item.get(field, {}).items():
                words[code] += TOKEN.findall(text)
    return words


def load(count: int, seed: int = 7, *, vacuum: bool = True, report=print) -> None:
    """Insert `count` resources (slugs bench-0...) with their stored search vectors.
    `make bench` calls this inside a transaction (vacuum=False; it runs ANALYZE after)."""
    rng = random.Random(seed)
    vocabularies = {code: Vocabulary(rng, code, words) for code, words in demo_vocabulary().items()}
    themes = []
    for slug in ("young-cities", "global-crises", "incident-response", "national-local-cooperation", "multi-actor-prevention", "transatlantic-dialogue"):  # fmt: skip
        themes.append(ThematicArea.objects.get_or_create(slug=slug, defaults={"name_en": slug})[0])
    kinds = Resource.Kind.values
    now = timezone.now()
    batch_size = 2000
    Through = Resource.themes.through
    for start in range(0, count, batch_size):
        batch = []
        for n in range(start, min(count, start + batch_size)):
            languages = rng.sample(LANGS, rng.choice([1, 1, 2, 3, 3, 3]))
            fields = {f"in_{code}": code in languages for code in LANGS}
            for code in languages:
                words = vocabularies[code]
                fields[f"title_{code}"] = words.sentence(4, 10)
                fields[f"summary_{code}"] = words.sentence(15, 35)
                fields[f"body_{code}"] = "<p>" + words.sentence(40, 120) + "</p>"
            batch.append(
                Resource(
                    slug=f"bench-{n}",
                    kind=rng.choice(kinds),
                    status=Resource.Status.PUBLISHED if rng.random() < 0.9 else "draft",
                    published_at=now,
                    publication_date=f"{rng.randint(2015, 2026)}-0{rng.randint(1, 9)}-15",
                    **fields,
                )
            )
        with transaction.atomic():
            created = Resource.objects.bulk_create(batch)
            Through.objects.bulk_create(
                [
                    Through(resource_id=r.pk, thematicarea_id=theme.pk)
                    for r in created
                    for theme in rng.sample(themes, rng.randint(1, 2))
                ]
            )
            bulk_update_search_vectors(created)
        report(f"  loaded {start + len(batch):>7} / {count}")
    if vacuum:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE resources_resource")


def time_search(params: dict, repeat: int) -> list[float]:
    """Milliseconds of `repeat` runs of the list page's search (after one warm-up run)."""
    query = QueryDict(mutable=True)
    query.update(params)
    timings = []
    for run in range(repeat + 1):
        started = time.perf_counter()
        with transaction.atomic():  # as the list page does
            found = search_resources(query, cards=True)
            list(found.results[:20])
        if run:  # the first run warms the plan and the buffers
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def list_page_urls() -> dict[str, str]:
    urls = {}
    for language, queries in QUERIES.items():
        q = queries[0].replace(" ", "+")
        urls[f"list ({language})"] = f"/{language}/resources/"
        urls[f"search ({language})"] = f"/{language}/resources/?q={q}"
        urls[f"search + filters ({language})"] = (
            f"/{language}/resources/?q={q}&theme={FILTER_THEME}&lang={language}&page=2"
        )
    return urls


def count_list_page_queries() -> dict[str, dict]:
    """SQL queries of the list page as an anonymous visitor (page cache off)."""
    from django.conf import settings

    counted = {}
    with override_settings(
        PAGE_CACHE_SECONDS=0,
        SECURE_SSL_REDIRECT=False,
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
    ):
        client = Client()
        for label, url in list_page_urls().items():
            client.get(url)  # warm lazy imports and caches
            with CaptureQueriesContext(connection) as queries:
                status = client.get(url).status_code
            counted[label] = {"url": url, "queries": len(queries), "status": status}
    return counted


def measure(*, repeat: int = 5, report=print) -> dict:
    """The benchmark's figures on the data already loaded (see the module's doc)."""
    refresh_term_frequencies()  # the nightly task's work
    figures = {
        "resources": Resource.objects.count(),
        "published": Resource.objects.published().count(),
        "repeat": repeat,
        "search": {},
    }
    for language, queries in QUERIES.items():
        figures["search"][language] = {}
        for label, extra in (
            ("no filters", {}),
            ("theme + language", {"theme": FILTER_THEME, "lang": language}),
        ):
            timings = []
            for q in queries:
                timings += time_search({"q": q, "sort": "relevance", **extra}, repeat)
            figures["search"][language][label] = {
                "median_ms": round(statistics.median(timings), 1),
                "p95_ms": round(percentile(timings, 95), 1),
                "runs": len(timings),
            }
            report(
                f"  {language} {label:<17} median {statistics.median(timings):7.1f} ms, "
                f"p95 {percentile(timings, 95):7.1f} ms"
            )
    figures["list_page_queries"] = count_list_page_queries()
    return figures


def ensure_data(count: int, *, seed: int = 7, report=print) -> float | None:
    """Load `count` bench resources unless they are there; the seconds it took, or None."""
    if Resource.objects.filter(slug__startswith="bench-").count() >= count:
        return None
    Resource.objects.filter(slug__startswith="bench-").delete()
    started = time.perf_counter()
    load(count, seed=seed, report=report)
    return round(time.perf_counter() - started, 1)


def run(count: int = 100_000, *, repeat: int = 5, report=print) -> dict:
    """Load (once) and measure: the entry point for bench/run.py."""
    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or "bench" not in name:
        raise RuntimeError("Run against a PostgreSQL database whose name contains 'bench'.")
    load_seconds = ensure_data(count, report=report)
    figures = measure(repeat=repeat, report=report)
    figures["load_seconds"] = load_seconds
    return figures


def table_rows(figures: dict) -> list[tuple[str, float, str, str]]:
    """(figure, value, unit, notes) rows, for the harness's table."""
    rows = []
    for language, by_filter in figures["search"].items():
        for label, timing in by_filter.items():
            rows.append(
                (
                    f"resource search ({language}, {label}): median",
                    timing["median_ms"],
                    "ms",
                    f"p95 {timing['p95_ms']} ms over {timing['runs']} runs, "
                    f"{figures['resources']:,} resources",
                )
            )
    for label, counted in figures["list_page_queries"].items():
        rows.append(
            (
                f"SQL queries: resource {label}",
                counted["queries"],
                "queries",
                f"HTTP {counted['status']} {counted['url']}",
            )
        )
    return rows


def main():
    import json

    parser = argparse.ArgumentParser(description="Resource hub search benchmark.")
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if connection.vendor != "postgresql" or "bench" not in connection.settings_dict["NAME"]:
        sys.exit("Run against a PostgreSQL database whose name contains 'bench'.")
    call_command("migrate", verbosity=0)
    figures = run(args.count, repeat=args.repeat, report=lambda line: print(line, flush=True))
    print(f"\n{figures['resources']:,} resources, {figures['published']:,} published")
    if figures["load_seconds"] is not None:
        print(f"loaded in {figures['load_seconds']:.0f} s")
    print(f"\n{'figure':<58}{'value':>9}  {'unit':<8}notes")
    for figure, value, unit, notes in table_rows(figures):
        print(f"{figure:<58}{value:>9}  {unit:<8}{notes}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
