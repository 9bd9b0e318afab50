# ruff: noqa: E501  (tabular query lists and report lines)
"""Benchmark: resource hub search over 100,000 resources in Arabic, English and French.

Run against a dedicated, empty PostgreSQL database (its name must contain "bench"):

    createdb -h 127.0.0.1 -U postgres strongcities_bench
    DEBUG=0 SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz \\
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/strongcities_bench \\
      .venv/bin/python bench/resources_search.py [--count 100000]

It migrates, loads synthetic resources (1 to 3 languages each; words from the demo
resources mixed with a Zipfian long tail, see Vocabulary), computes the
stored vectors through the same pipeline as saving, runs ANALYZE, then times the
list page's search (`search_resources` + the first page + the count + every facet),
each query several times, and counts the list page's SQL queries. Timings are for
`search_resources` with its facets and total, plus the first page of 20 results.
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

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from members.models import ThematicArea  # noqa: E402
from resources.demo_data import RESOURCES  # noqa: E402
from resources.models import LANGS, Resource  # noqa: E402
from resources.search import bulk_update_search_vectors, prefer_search_index  # noqa: E402
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
FILTERS = {"theme": "young-cities", "lang": None}  # lang is set to the query's language


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


def load(count: int, seed: int = 7) -> None:
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
        print(f"  loaded {start + len(batch):>7} / {count}", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE resources_resource")


def time_search(params: dict, repeat: int) -> list[float]:
    query = QueryDict(mutable=True)
    query.update(params)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        with transaction.atomic():  # as the list page does
            prefer_search_index()
            found = search_resources(query)
            list(found.results[:20])
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    name = connection.settings_dict["NAME"]
    if connection.vendor != "postgresql" or "bench" not in name:
        sys.exit("Run against a PostgreSQL database whose name contains 'bench'.")
    if "resources_resource" not in connection.introspection.table_names():
        call_command("migrate", verbosity=0)
    existing = Resource.objects.filter(slug__startswith="bench-").count()
    if existing < args.count:
        Resource.objects.filter(slug__startswith="bench-").delete()
        started = time.perf_counter()
        load(args.count)
        print(f"Loaded {args.count} resources in {time.perf_counter() - started:.0f} s")
    print(
        f"\n{Resource.objects.count()} resources, {Resource.objects.published().count()} published\n"
    )
    print(f"{'language':<9}{'filters':<22}{'median ms':>10}{'p95 ms':>9}")
    for language, queries in QUERIES.items():
        for label, extra in (("none", {}), ("theme + language", {"theme": "young-cities", "lang": language})):  # fmt: skip
            timings = []
            for q in queries:
                timings += time_search({"q": q, "sort": "relevance", **extra}, args.repeat)
            print(f"{language:<9}{label:<22}{statistics.median(timings):>10.1f}{percentile(timings, 95):>9.1f}")  # fmt: skip
    from resources.views import resource_list

    factory = RequestFactory()
    for url in ("/en/resources/", "/fr/resources/?q=jeunes&theme=young-cities"):
        request = factory.get(url)
        request.user = AnonymousUser()
        for _warm_then_measure in range(2):
            with translation.override(url[1:3]), CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                resource_list(request)
                elapsed = (time.perf_counter() - started) * 1000
        print(f"list page {url}: {len(queries.captured_queries)} queries, {elapsed:.0f} ms")


if __name__ == "__main__":
    main()
