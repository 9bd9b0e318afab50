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


def bench_env(size_name: str) -> dict:
    database = os.environ.get(
        "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/strongcities_bench_{size_name}"
    )
    return {
        **os.environ,
        "DATABASE_URL": database,
        "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"),
        "CACHE_URL": os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/11"),
        "SECRET_KEY": SECRET,
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "EMAIL_URL": "locmem://",
        "DJANGO_SETTINGS_MODULE": "strongcities.settings",
    }


def fingerprint(size) -> str:
    digest = hashlib.sha256(json.dumps(size.as_dict(), sort_keys=True).encode())
    digest.update((BENCH / "data.py").read_bytes())
    for migration in sorted(ROOT.glob("*/migrations/0*.py")):
        digest.update(migration.name.encode())
    return digest.hexdigest()[:16]


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
        return json.loads(stamp.read_text())["made"]
    print(f"building {size.name} data (fingerprint {wanted}); this may take minutes", flush=True)
    recreate_database(env["DATABASE_URL"])
    subprocess.run(
        [PYTHON, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    started = time.monotonic()
    output = subprocess.run(
        [PYTHON, str(BENCH / "run.py"), "--build", size.name],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    made = json.loads(output.strip().splitlines()[-1])
    # Bulk inserts leave the planner without statistics until autovacuum runs.
    import psycopg

    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("ANALYZE")
    made["build_seconds"] = round(time.monotonic() - started, 1)
    stamp.write_text(json.dumps({"fingerprint": wanted, "made": made}))
    return made


def build_in_process(size_name: str) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import transaction

    from bench.data import SIZES, build

    with transaction.atomic():
        made = build(SIZES[size_name])
    print(json.dumps(made))


# --- in-process figures: SQL queries per page, cost growth ---------------------------


def measure_in_process(size_name: str) -> None:
    """Run inside the bench environment; prints JSON for the parent."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from members.engagement import engagement_rows
    from members.models import City

    staff, focal = bench_people()
    pages = page_urls(focal)
    results = {"queries": {}, "growth": {}}
    clients = {"anonymous": Client(), "staff": Client(), "focal": Client()}
    clients["staff"].force_login(staff)
    clients["focal"].force_login(focal)
    for label, (who, url) in pages.items():
        clients[who].get(url)  # warm caches and lazy imports
        with CaptureQueriesContext(connection) as queries:
            status = clients[who].get(url).status_code
        results["queries"][label] = {"count": len(queries), "status": status}

    year = timezone.localdate().year
    members = City.objects.members().order_by("pk")
    total = members.count()
    small_ids = list(members.values_list("pk", flat=True)[: max(1, total // 10)])

    def timed(queryset) -> float:
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            engagement_rows(queryset, year)
            runs.append(time.perf_counter() - started)
        return statistics.median(runs)

    results["growth"] = {
        "small_n": len(small_ids),
        "large_n": total,
        "small_s": timed(City.objects.filter(pk__in=small_ids).order_by("pk")),
        "large_s": timed(members),
    }
    print(json.dumps(results))


def bench_people():
    """A Management Unit member (with TOTP) and a focal point, for signed-in pages."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth import get_user_model

    from members.models import FocalPoint

    User = get_user_model()
    staff, _created = User.objects.get_or_create(
        email="bench.mu@bench.example",
        defaults={"display_name": "Bench staff (fictional)", "is_management_unit": True},
    )
    if not Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(staff, "JBSWY3DPEHPK3PXPJBSWY3DP")
    focal = FocalPoint.objects.select_related("user").order_by("pk").first().user
    return staff, focal


def page_urls(focal) -> dict[str, tuple[str, str]]:
    from members.models import City

    city = City.objects.members().order_by("pk").first()
    detail = city.get_absolute_url()[3:]  # without the language prefix
    mine = City.objects.filter(focal_points__user=focal).first()
    edit = f"/en/members/{mine.country.code.lower()}/{mine.slug}/edit/"
    return {
        "home (en)": ("anonymous", "/en/"),
        "home (ar)": ("anonymous", "/ar/"),
        "directory (en)": ("anonymous", "/en/members/"),
        "directory (ar)": ("anonymous", "/ar/members/"),
        "directory search (fr)": ("anonymous", "/fr/members/?q=essai+12"),
        "city page (fr)": ("anonymous", "/fr" + detail),
        "member map (en)": ("anonymous", "/en/members/map/"),
        "My city (focal point)": ("focal", edit),
        "engagement dashboard (staff)": ("staff", "/en/dashboard/engagement/"),
    }


def session_cookie(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def cookies_in_process() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    staff, focal = bench_people()
    print(
        json.dumps(
            {
                "staff": session_cookie(staff),
                "focal": session_cookie(focal),
                "pages": page_urls(focal),
            }
        )
    )


# --- HTTP load -----------------------------------------------------------------------


def serve(command: list[str], env: dict, port: int, probe: str) -> subprocess.Popen:
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
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
    raise RuntimeError(f"{command} did not start: {process.stderr.read().decode()[-2000:]}")


def gunicorn(app: str, port: int, extra: list[str] | None = None) -> list[str]:
    return [
        GUNICORN,
        app,
        "--workers=2",
        "--worker-class=sync",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
        *(extra or []),
    ]


def load(port: int, path: str, *, seconds: float, concurrency: int, cookie: str = "") -> dict:
    """Requests per second with `concurrency` clients for `seconds`; counts non-200s."""
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    done, errors, latencies = [0], [0], []
    headers = {"Cookie": cookie} if cookie else {}

    def client():
        local = []
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                conn.close()
            except OSError:
                ok = False
            local.append(time.perf_counter() - started)
            with lock:
                done[0] += 1
                errors[0] += not ok
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
        "rps": done[0] / elapsed,
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


# --- the run -------------------------------------------------------------------------

PUBLIC_TARGET, SIGNED_IN_TARGET, MAX_QUERIES, MAX_GROWTH = 0.70, 0.25, 12, 3.0


def run(size_name: str, seconds: float, concurrency: int) -> Report:
    from data import SIZES

    size = SIZES[size_name]
    env = bench_env(size_name)
    report = Report(size=size_name)
    report.data = ensure_data(size, env)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )

    def child(flag: str) -> dict:
        out = subprocess.run(
            [PYTHON, str(BENCH / "run.py"), flag, size_name],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return json.loads(out.strip().splitlines()[-1])

    in_process = child("--in-process")
    session = child("--cookies")

    floor = serve(
        gunicorn("app:application", FLOOR_PORT, ["--chdir", str(BENCH / "floor")]),
        env,
        FLOOR_PORT,
        "/",
    )
    try:
        floor_rps = load(FLOOR_PORT, "/", seconds=seconds, concurrency=concurrency)["rps"]
    finally:
        floor.terminate()
        floor.wait()
    report.add(
        "floor: bare Django view", round(floor_rps), "req/s", notes="gunicorn, 2 sync workers"
    )

    portal = serve(
        gunicorn("strongcities.wsgi:application", PORTAL_PORT), env, PORTAL_PORT, "/healthz"
    )
    try:
        for label, (who, url) in session["pages"].items():
            cookie = session.get(who, "") if who != "anonymous" else ""
            figures = load(
                PORTAL_PORT, url, seconds=seconds, concurrency=concurrency, cookie=cookie
            )
            target = PUBLIC_TARGET if who == "anonymous" else SIGNED_IN_TARGET
            ratio = figures["rps"] / floor_rps
            report.add(
                f"{label} {url}",
                round(figures["rps"], 1),
                "req/s",
                target=f">= {target:.0%} of floor",
                ratio=round(ratio, 3),
                passed=ratio >= target and figures["errors"] == 0,
                notes=f"median {figures['median_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms, "
                f"{figures['errors']} errors",
            )
    finally:
        portal.terminate()
        portal.wait()

    for label, measured in in_process["queries"].items():
        report.add(
            f"SQL queries: {label}",
            measured["count"],
            "queries",
            target=f"<= {MAX_QUERIES}",
            passed=measured["count"] <= MAX_QUERIES and measured["status"] in (200, 302),
            notes=f"HTTP {measured['status']}",
        )
    growth = in_process["growth"]
    factor = growth["large_s"] / growth["small_s"] if growth["small_s"] else 0
    scale = growth["large_n"] / growth["small_n"]
    report.add(
        f"engagement status: {growth['large_n']} vs {growth['small_n']} members",
        round(factor, 2),
        "x time",
        target=f"<= {MAX_GROWTH:.0f}x for 10x members" if scale >= 9 else "(size too small)",
        passed=(factor <= MAX_GROWTH) if scale >= 9 else None,
        notes=f"{growth['small_s'] * 1000:.0f} ms vs {growth['large_s'] * 1000:.0f} ms in process",
    )
    return report


def print_table(report: Report) -> None:
    header = f"{'figure':<62} {'value':>10} {'unit':<8} {'target':<18} {'ratio':>6}  result"
    print(f"\nbench size {report.size}: {report.data}")
    print(header)
    print("-" * len(header))
    for row in report.rows:
        result = {True: "pass", False: "FAIL", None: ""}[row.passed]
        ratio = "" if row.ratio is None else f"{row.ratio:.2f}"
        print(
            f"{row.figure[:62]:<62} {row.value:>10} {row.unit:<8} {row.target:<18} {ratio:>6}  "
            f"{result}  {row.notes}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="full", choices=["smoke", "full"])
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--build", metavar="SIZE")
    parser.add_argument("--in-process", metavar="SIZE")
    parser.add_argument("--cookies", metavar="SIZE")
    args = parser.parse_args()
    if args.build:
        return build_in_process(args.build)
    if args.in_process:
        return measure_in_process(args.in_process)
    if args.cookies:
        return cookies_in_process()
    seconds = args.seconds or (2 if args.size == "smoke" else 10)
    report = run(args.size, seconds, args.concurrency)
    print_table(report)
    results = {
        "size": report.size,
        "data": report.data,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "rows": [row.__dict__ for row in report.rows],
    }
    (BENCH / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    sys.path.insert(0, str(BENCH))
    main()
