"""`make bench` / `make bench-smoke`: build the data, serve the portal and the floor
with gunicorn, load them from loopback, and print one table (also bench/results.json).

Figures are ratios to the floor measured in the same run, minutes apart: this
machine is noisy, so never compare with a number from another day.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import platform
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CACHE = BENCH / ".cache"
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
SECRET = "bench-only-secret-key-not-for-production-0123456789"
PORTAL_PORT, FLOOR_PORT = 8701, 8702


@dataclass
class Row:
    figure: str
    value: float
    unit: str
    target: str = ""
    ratio: float | None = None
    passed: bool | None = None
    notes: str = ""


@dataclass
class Report:
    size: str
    rows: list[Row] = field(default_factory=list)
    data: dict = field(default_factory=dict)

    def add(self, *args, **kwargs) -> Row:
        row = Row(*args, **kwargs)
        self.rows.append(row)
        return row


# --- environment and data -------------------------------------------------------------


def bench_env(size_name: str, **extra) -> dict:
    database = os.environ.get(
        f"BENCH_DATABASE_URL_{size_name.upper()}",
        f"postgres://postgres@127.0.0.1:5432/strongcities_bench_{size_name}",
    )
    # The bench decides whether pages are cached: an exported PAGE_CACHE_SECONDS=0 (as
    # when profiling by hand) would silently measure every public page uncached.
    inherited = {k: v for k, v in os.environ.items() if k != "PAGE_CACHE_SECONDS"}
    return {
        **inherited,
        "DATABASE_URL": database,
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"),
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/11"),
        "CACHE_KEY_PREFIX": f"bench-{size_name}",  # the sizes share the cache database
        "SECRET_KEY": SECRET,
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "EMAIL_URL": "locmem://",
        "DJANGO_SETTINGS_MODULE": "strongcities.settings",
        **extra,
    }


# The parts of bench/resources_search.py that make rows (the rest measures, and may
# change without changing the data).
SEARCH_GENERATOR = {"ALPHABETS", "Vocabulary", "demo_vocabulary", "load"}


def fingerprint(size) -> str:
    """The sizes and the code that makes the rows: data.py and the search generator."""
    import ast

    digest = hashlib.sha256(json.dumps(size.as_dict(), sort_keys=True).encode())
    digest.update((BENCH / "data.py").read_bytes())
    source = (BENCH / "resources_search.py").read_text()
    for node in ast.parse(source).body:
        names = {getattr(node, "name", None)} | {
            getattr(t, "id", None) for t in getattr(node, "targets", [])
        }
        if names & SEARCH_GENERATOR:
            digest.update(ast.get_source_segment(source, node).encode())
    return digest.hexdigest()[:16]


def migrate(env: dict) -> None:
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def ensure_data(size, env) -> dict:
    """Build the data once per fingerprint; later runs reuse the database."""
    CACHE.mkdir(exist_ok=True)
    stamp = CACHE / f"{env['DATABASE_URL'].rsplit('/', 1)[1]}.json"
    wanted = fingerprint(size)
    if stamp.exists() and json.loads(stamp.read_text()).get("fingerprint") == wanted:
        # Same generator and sizes: keep the rows, bring the schema up to date (a new
        # migration of another app should not cost a rebuild of 100,000 resources).
        try:
            migrate(env)
            return json.loads(stamp.read_text())["made"]
        except subprocess.CalledProcessError:  # e.g. a migration rewritten since: rebuild
            print("the cached data no longer migrates: rebuilding it", flush=True)
    print(f"building {size.name} data (fingerprint {wanted}); this may take minutes", flush=True)
    stamp.unlink(missing_ok=True)
    recreate_database(env["DATABASE_URL"])
    migrate(env)
    started = time.monotonic()
    output = subprocess.run(
        [PYTHON, str(BENCH / "run.py"), "--build", size.name],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    made = json.loads(output.strip().splitlines()[-1])
    # Bulk inserts leave the planner without statistics (and index-only scans without a
    # visibility map) until autovacuum runs.
    import psycopg

    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    made["build_seconds"] = round(time.monotonic() - started, 1)
    stamp.write_text(json.dumps({"fingerprint": wanted, "made": made}))
    return made


def build_in_process(size_name: str) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from data import SIZES, build

    made = build(SIZES[size_name], progress=lambda line: print(line, file=sys.stderr, flush=True))
    print(json.dumps(made))


def child(script: str, *args, env: dict) -> dict:
    """Run bench/<script> in the bench environment; it prints one JSON line last."""
    out = subprocess.run(
        [PYTHON, str(BENCH / script), *map(str, args)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


# --- HTTP load -----------------------------------------------------------------------


def serve(command: list[str], env: dict, port: int, probe: str) -> subprocess.Popen:
    CACHE.mkdir(exist_ok=True)
    log = CACHE / f"server-{port}.log"  # a file, not a pipe nobody reads while loading
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w")
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", probe)
            if conn.getresponse().status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.3)
    process.terminate()
    raise RuntimeError(f"{command} did not start: {log.read_text()[-2000:]}")


# What docker/entrypoint.sh runs in production: threads, so that a quick page does not
# wait behind a sign-in hashing a password or a slow report on the same worker.
PRODUCTION_WORKERS = ["--worker-class=gthread", "--threads=4"]


def gunicorn(
    app: str, port: int, extra: list[str] | None = None, *, workers: list[str] | None = None
) -> list[str]:
    """Issue 11's shape for `make bench`: 2 sync workers (`workers` replaces the class)."""
    return [
        GUNICORN,
        app,
        "--workers=2",
        *(workers or ["--worker-class=sync"]),
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
        *(extra or []),
    ]


def load(
    port: int,
    path,
    *,
    seconds: float,
    concurrency: int,
    cookie: str = "",
    requests: int | None = None,
) -> dict:
    """Requests per second with `concurrency` clients for `seconds` (or until `requests`
    were made); counts non-200s. `path` is a URL, or a function of the request's number
    giving (url, cookie) (distinct URLs defeat the page cache; a mix of pages)."""
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    done, errors, latencies = [0], [0], []

    def target(n):
        return path(n) if callable(path) else (path, cookie)

    def client():
        local = []
        while time.monotonic() < deadline:
            with lock:
                n = done[0]
                if requests is not None and n >= requests:
                    break
                done[0] += 1
            url, cookie_ = target(n)
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request("GET", url, headers={"Cookie": cookie_} if cookie_ else {})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                conn.close()
            except Exception:  # any failure counts as an error; the run goes on
                ok = False
            local.append(time.perf_counter() - started)
            if not ok:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(local)

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "errors": errors[0],
        "median_ms": 1000 * statistics.median(latencies) if latencies else 0,
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0,
    }


def drain(port: int) -> None:
    """Wait until requests a slow page left queued are served, so they do not count
    against the next page."""
    for _ in range(2):  # one probe per worker
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        conn.request("GET", "/healthz")
        conn.getresponse().read()
        conn.close()


def worker_rss_mb(master_pid: int) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), in MB."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


# --- the run -------------------------------------------------------------------------

PUBLIC_TARGET, SIGNED_IN_TARGET, HELPDESK_TARGET, SEARCH_TARGET = 0.70, 0.25, 0.10, 0.25
MAX_QUERIES, MAX_GROWTH = 12, 3.0
SEARCH_MEDIAN_MS, SEARCH_P95_MS = 20, 60
SURVEY_RATE, SURVEY_QUERIES, SURVEY_RSS_MB = 0.5, 0.1, 200
WORKER_RSS_MB = 150
SINK_PORT = 8725


def run(size_name: str, seconds: float, concurrency: int, mixed_requests: int) -> Report:
    from data import SIZES

    size = SIZES[size_name]
    env = bench_env(size_name)
    report = Report(size=size_name)
    # The full run also compares with the tiny data (queries: "the same for 5 rows as
    # for 50,000") and with a tenth of it (cost growth: 1,000 against 10,000 members).
    others = ["smoke", "growth"] if size_name == "full" else []
    for name in others:
        ensure_data(SIZES[name], bench_env(name))
    report.data = ensure_data(size, env)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )

    print("measuring in process: queries, search, growth, survey", flush=True)
    # the periodic tasks' work, done once as beat would have (it runs them every few minutes)
    prepared = child("measure.py", "--prepare", size_name, env=env)
    for name in others:  # the tiny data's pages are counted as beat keeps them too
        child("measure.py", "--prepare", name, env=bench_env(name))
    no_page_cache = {"PAGE_CACHE_SECONDS": "0"}
    pages = child("measure.py", "--pages", size_name, env=bench_env(size_name, **no_page_cache))
    small_pages = (
        child("measure.py", "--pages", "smoke", env=bench_env("smoke", **no_page_cache))
        if "smoke" in others
        else None
    )
    search = child("measure.py", "--search", size_name, env=env)
    growth = child("measure.py", "--growth", size_name, env=env)
    small_growth = (
        child("measure.py", "--growth", "growth", env=bench_env("growth"))
        if "growth" in others
        else None
    )
    survey = measure_survey(size_name)
    session = child("measure.py", "--cookies", size_name, env=env)

    print("serving: floor, portal (the floor again beside each page), floor", flush=True)
    floor_before = measure_floor(env, seconds, concurrency)
    signed_in_floor = measure_signed_in_floor(env, seconds, concurrency)
    portal = serve(
        gunicorn("strongcities.wsgi:application", PORTAL_PORT), env, PORTAL_PORT, "/healthz"
    )
    # The floor stays up beside the portal (an idle server costs nothing) and is measured
    # again before each page and after the last: each page is read against the floor of
    # its own minute, so a slump of a noisy machine lowers both rather than failing a page.
    floor_beside = serve(floor_gunicorn("app"), env, FLOOR_PORT, "/")
    throughput, mixed, rss, floors_beside = {}, {}, [], []
    try:
        for label, (who, url, kind) in session["pages"].items():
            cookie = session["cookies"].get(who, "")
            if kind == "search":  # a distinct URL each time: the page cache cannot answer
                target = (lambda u, c: lambda n: (f"{u}&n={n}", c))(url, cookie)
            else:
                target = url
            floors_beside.append(measure_floor_beside(seconds, concurrency))
            drain(PORTAL_PORT)
            throughput[label] = load(
                PORTAL_PORT, target, seconds=seconds, concurrency=concurrency, cookie=cookie
            )
            print(f"  {label}: {throughput[label]['rps']:.1f} req/s", flush=True)
        floors_beside.append(measure_floor_beside(seconds, concurrency))
        drain(PORTAL_PORT)
        mix = [
            (url, session["cookies"].get(who, ""))
            for who, url, kind in session["pages"].values()
            if kind != "report"
        ]
        mixed = load(
            PORTAL_PORT,
            lambda n: mix[n % len(mix)],
            seconds=600,
            concurrency=concurrency,
            requests=mixed_requests,
        )
        rss = worker_rss_mb(portal.pid)
    finally:
        for server in (portal, floor_beside):
            server.terminate()
            server.wait()
    floor_after = measure_floor(env, seconds, concurrency)
    floor = (floor_before + floor_after) / 2
    # a page's floor: the mean of the floors measured just before and just after it
    page_floors = {
        label: (floors_beside[i] + floors_beside[i + 1]) / 2 for i, label in enumerate(throughput)
    }

    report.add(
        "floor: bare Django view (before, after)",
        round(floor),
        "req/s",
        notes=f"{floor_before:.0f} then {floor_after:.0f} req/s; gunicorn, 2 sync workers, "
        f"{concurrency} clients; beside the pages "
        f"{min(floors_beside, default=0):.0f}–{max(floors_beside, default=0):.0f} req/s",
    )
    report.add(
        "reference: the floor's view, signed in (Django's session, user and CSRF only)",
        round(signed_in_floor),
        "req/s",
        ratio=round(signed_in_floor / floor, 3) if floor else None,
        notes="bench/floor/signed_in.py: no target; what any signed-in page has left",
    )
    add_throughput_rows(report, session["pages"], throughput, page_floors)
    add_query_rows(report, pages, small_pages)
    add_search_rows(report, search)
    add_growth_rows(report, growth, small_growth)
    for label, seconds_taken in prepared.items():
        report.add(
            f"background: {label} refresh (Celery beat)",
            round(seconds_taken, 2),
            "s",
            notes=PREPARED_NOTES.get(label, "in process"),
        )
    add_survey_rows(report, survey)
    report.add(
        f"gunicorn worker RSS after {mixed.get('requests', 0)} mixed requests",
        round(max(rss), 1) if rss else 0,
        "MB",
        target=f"< {WORKER_RSS_MB} MB",
        passed=bool(rss) and max(rss) < WORKER_RSS_MB and mixed.get("errors", 1) == 0,
        notes=f"workers {', '.join(f'{r:.0f}' for r in rss)} MB; {mixed.get('errors')} errors, "
        f"{mixed.get('rps', 0):.0f} req/s over every page but the report",
    )
    return report


def floor_gunicorn(module: str) -> list[str]:
    """One of bench/floor's apps with the portal's gunicorn shape."""
    return gunicorn(f"{module}:application", FLOOR_PORT, ["--chdir", str(BENCH / "floor")])


def measure_floor_beside(seconds: float, concurrency: int) -> float:
    """The floor already served on FLOOR_PORT, for half a page's time (at least 1 s)."""
    return load(FLOOR_PORT, "/", seconds=max(1.0, seconds / 2), concurrency=concurrency)["rps"]


def load_floor_app(module: str, env: dict, probe: str, seconds, concurrency, cookie=""):
    """Serve one of bench/floor's apps with the portal's gunicorn shape and load "/"."""
    server = serve(floor_gunicorn(module), env, FLOOR_PORT, probe)
    try:
        return load(FLOOR_PORT, "/", seconds=seconds, concurrency=concurrency, cookie=cookie)
    finally:
        server.terminate()
        server.wait()


def measure_floor(env: dict, seconds: float, concurrency: int) -> float:
    return load_floor_app("app", env, "/", seconds, concurrency)["rps"]


def measure_signed_in_floor(env: dict, seconds: float, concurrency: int) -> float:
    """The floor's view behind Django's own session, authentication and CSRF middleware
    (bench/floor/signed_in.py), on a database of its own beside the portal's."""
    url = env["DATABASE_URL"].rsplit("/", 1)[0] + "/strongcities_bench_floor"
    recreate_database(url)
    floor_env = {**env, "FLOOR_DATABASE_URL": url}
    prepared = subprocess.run(
        [PYTHON, "signed_in.py", "prepare"],
        cwd=BENCH / "floor",
        env=floor_env,
        check=True,
        capture_output=True,
        text=True,
    )
    cookie = prepared.stdout.strip().splitlines()[-1]
    measured = load_floor_app("signed_in", floor_env, "/healthz", seconds, concurrency, cookie)
    if measured["errors"]:
        raise RuntimeError(f"the signed-in floor answered {measured['errors']} errors")
    return measured["rps"]


def measure_survey(size_name: str) -> dict:
    """The portal's delivery, then plain smtplib, each to a fresh sink."""
    samples = CACHE / "survey-samples.json"
    # REDIS_URL stays: the worker's sent journal lives there (survey.py keeps Celery's
    # messages in memory and runs the tasks in its own process)
    env = bench_env(size_name, EMAIL_URL=f"smtp://127.0.0.1:{SINK_PORT}")
    results = {}
    for name, args in (
        ("portal", ("--deliver", size_name, SINK_PORT, samples)),
        ("smtplib", ("--smtplib", SINK_PORT, samples)),
    ):
        sink = subprocess.Popen(
            [PYTHON, str(BENCH / "smtp_sink.py"), str(SINK_PORT)],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert sink.stdout.readline().strip() == "ready"
            results[name] = child("survey.py", *args, env=env)
        finally:
            sink.terminate()
            received = sink.communicate(timeout=30)[0].strip()
        results[name]["received"] = int(received or 0)
    samples.unlink(missing_ok=True)
    return results


def add_throughput_rows(report, pages, throughput, page_floors) -> None:
    for label, (_who, url, kind) in pages.items():
        if label not in throughput:
            continue
        figures = throughput[label]
        floor = page_floors[label]
        target = {
            "public": PUBLIC_TARGET,
            "search": SEARCH_TARGET,
            "helpdesk": HELPDESK_TARGET,
        }.get(kind, SIGNED_IN_TARGET)
        ratio = figures["rps"] / floor if floor else 0
        report.add(
            f"{label} {url}" + (" (uncached)" if kind == "search" else ""),
            round(figures["rps"], 1),
            "req/s",
            target=f">= {target:.0%} of floor",
            ratio=round(ratio, 3),
            passed=ratio >= target and figures["errors"] == 0,
            notes=f"median {figures['median_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms, "
            f"{figures['errors']} errors; floor beside it {floor:.0f} req/s",
        )


def add_query_rows(report, pages, small_pages) -> None:
    for label, measured in pages.items():
        small = (small_pages or {}).get(label)
        same = small is None or small["count"] == measured["count"]
        report.add(
            f"SQL queries: {label}",
            measured["count"],
            "queries",
            target=f"<= {MAX_QUERIES}" + (", same as tiny" if small else ""),
            passed=measured["count"] <= MAX_QUERIES and same and measured["status"] == 200,
            notes=f"HTTP {measured['status']}, {measured['ms']:.0f} ms in process"
            + (f"; tiny data: {small['count']}" if small else ""),
        )


PREPARED_NOTES = {
    "engagement snapshot": "every member's status, in process",
    "annual reports": "this year's and last year's, in ar, en and fr, in process",
    "search word counts": "nightly; ts_stat over every published resource's vector, in process",
}


def add_search_rows(report, search) -> None:
    for label, figures in search.items():
        report.add(
            f"resource search in process: {label}",
            round(figures["median_ms"], 1),
            "ms",
            target=f"median <= {SEARCH_MEDIAN_MS}, p95 <= {SEARCH_P95_MS}",
            passed=figures["median_ms"] <= SEARCH_MEDIAN_MS and figures["p95_ms"] <= SEARCH_P95_MS,
            notes=f"median; p95 {figures['p95_ms']:.1f} ms over {figures['runs']} runs",
        )


def add_growth_rows(report, growth, small_growth) -> None:
    for label in ("engagement dashboard (staff)", "annual report (staff)"):
        large = growth[label]["median_s"]
        if small_growth is None:
            report.add(
                f"cost growth: {label}",
                round(large * 1000),
                "ms",
                target="(needs the full run)",
                notes=f"{growth['members']} members",
            )
            continue
        small = small_growth[label]["median_s"]
        factor = large / small if small else 0
        report.add(
            f"cost growth: {label}, {growth['members']} vs {small_growth['members']} members",
            round(factor, 2),
            "x time",
            target=f"<= {MAX_GROWTH:.0f}x",
            passed=factor <= MAX_GROWTH,
            # in the label's order: the large network first
            notes=f"{large * 1000:.0f} ms vs {small * 1000:.0f} ms in process",
        )


def add_survey_rows(report, survey) -> None:
    portal, plain = survey["portal"], survey["smtplib"]
    ratio = portal["rate"] / plain["rate"] if plain["rate"] else 0
    complete = portal["sent"] == portal["queued"] == portal["received"]
    report.add(
        f"survey to {portal['queued']} focal points: delivery rate",
        round(portal["rate"], 1),
        "msg/s",
        target=f">= {SURVEY_RATE:.0%} of smtplib",
        ratio=round(ratio, 3),
        passed=ratio >= SURVEY_RATE and complete,
        notes=f"plain smtplib {plain['rate']:.0f} msg/s; sink received {portal['received']} "
        f"and {plain['received']}; opening took {portal['open_seconds']:.1f} s",
    )
    report.add(
        "survey: SQL statements per message (worker)",
        round(portal["statements_per_message"] or 0, 3),
        "queries",
        target=f"<= {SURVEY_QUERIES}",
        passed=(portal["statements_per_message"] or 99) <= SURVEY_QUERIES,
        notes=f"{portal['deliver_statements']} for {portal['sent']} messages; "
        f"opening: {portal['open_statements']}",
    )
    report.add(
        "survey: worker peak memory",
        portal["peak_rss_mb"],
        "MB",
        target=f"< {SURVEY_RSS_MB} MB",
        passed=portal["peak_rss_mb"] < SURVEY_RSS_MB,
        notes="peak RSS of the process doing the worker's work (tasks eager)",
    )


def print_table(report: Report) -> None:
    header = f"{'figure':<70} {'value':>9} {'unit':<8} {'target':<24} {'ratio':>6}  result"
    print(f"\nbench size {report.size}: {report.data}")
    print(header)
    print("-" * len(header))
    for row in report.rows:
        result = {True: "pass", False: "FAIL", None: ""}[row.passed]
        ratio = "" if row.ratio is None else f"{row.ratio:.2f}"
        print(
            f"{row.figure[:70]:<70} {row.value:>9} {row.unit:<8} {row.target:<24} {ratio:>6}  "
            f"{result}  {row.notes}"
        )
    failed = sum(row.passed is False for row in report.rows)
    passed = sum(row.passed is True for row in report.rows)
    print(f"\n{passed} figures pass, {failed} fail (targets from issue 11; read, not asserted)")


def machine() -> dict:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(int(memory) / 2**20, 1),
        "platform": platform.platform(),
    }


def results_file(size: str) -> Path:
    """bench/results.json for the full size, bench/results-<size>.json for the others."""
    return BENCH / ("results.json" if size == "full" else f"results-{size}.json")


def record_in_readme() -> None:
    """Replace the "Latest table" of bench/README.md with bench/results.json's rows."""
    results = json.loads(results_file("full").read_text())
    readme = BENCH / "README.md"
    text = readme.read_text()
    recorded = text.split("## Latest table", 1)[-1]
    lines = []
    for part, title in ((results, "make bench"), (results.get("load") or {}, "make bench-load")):
        if not part.get("rows"):
            # not measured on this machine (a fresh clone has no results.json): the table
            # recorded before stays, rather than vanish
            start = recorded.find(f"### `{title}` ")
            if start >= 0:
                end = recorded.find("\n### `", start + 1)
                lines += recorded[start : end if end >= 0 else None].rstrip("\n").split("\n")
                lines.append("")
            continue
        m = part["machine"]
        people = f", {part['users']} users for {part['minutes']:g} min" if "users" in part else ""
        lines += [
            f"### `{title}` — size `{part.get('size')}`{people}, {part['measured_at']}",
            "",
            f"Machine: {m['cpus']} CPUs ({m['cpu']}), {m['memory_gb']} GB, Python {m['python']}, "
            f"{m['platform']}.",
            "",
            "| figure | value | unit | target | ratio | result | notes |",
            "|---|---|---|---|---|---|---|",
        ]
        for row in part["rows"]:
            result = {True: "pass", False: "**FAIL**", None: ""}[row["passed"]]
            ratio = "" if row["ratio"] is None else f"{row['ratio']:.2f}"
            cells = [row["figure"], row["value"], row["unit"], row["target"], ratio, result]
            cells.append(row["notes"])
            lines.append("| " + " | ".join(str(c).replace("|", "/") for c in cells) + " |")
        lines.append("")
    head = text.split("## Latest table", 1)[0]
    readme.write_text(head + "## Latest table\n\n" + "\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="full", choices=["smoke", "growth", "full"])
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--mixed-requests", type=int, default=None)
    parser.add_argument("--build", metavar="SIZE")
    parser.add_argument("--data-only", action="store_true", help="build the data and stop")
    parser.add_argument(
        "--record", action="store_true", help="write bench/results.json into bench/README.md"
    )
    args = parser.parse_args()
    if args.record:
        return record_in_readme()
    if args.build:
        return build_in_process(args.build)
    if args.data_only:
        from data import SIZES

        for name in (["smoke", "growth"] if args.size == "full" else []) + [args.size]:
            print(ensure_data(SIZES[name], bench_env(name)), flush=True)
        return None
    seconds = args.seconds or (2 if args.size == "smoke" else 10)
    mixed = args.mixed_requests or (1_000 if args.size == "smoke" else 10_000)
    report = run(args.size, seconds, args.concurrency, mixed)
    print_table(report)
    results = {
        "size": report.size,
        "data": report.data,
        "machine": machine(),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "rows": [row.__dict__ for row in report.rows],
    }
    # Smaller sizes keep their own file: a smoke run (part of .ci/run) must not replace the
    # full table that `make bench-load` later records beside its own rows.
    previous = results_file(args.size)
    if previous.exists():  # keep the last load test's rows (make bench-load)
        results["load"] = json.loads(previous.read_text()).get("load")
    previous.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    if args.size == "full":  # the table bench/README.md records (never the smoke one)
        record_in_readme()
    return None


if __name__ == "__main__":
    sys.path.insert(0, str(BENCH))
    main()
