"""`make bench-load`: locust (headless, bounded in time) against gunicorn on loopback.

1. The bench data (built by `make bench`, or now) and accounts that sign in for real.
2. gunicorn: 2 workers of 4 threads each (the production worker class, as
   docker/entrypoint.sh runs it), the production settings with DEBUG=0.
3. Unloaded: one person of each kind (four in all) for BASELINE seconds: the median of
   every request name.
4. Loaded: USERS people (70 % public visitors, 15 % focal points, 10 % hub staff, 5 %
   Management Unit staff) for MINUTES minutes.
5. The table: failed requests, server errors, and each request's 95th percentile under
   load against 10x its unloaded median. Its rows go into bench/results.json ("load").

    python bench/load.py --size full [--users 100] [--minutes 5]
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import (  # noqa: E402
    BENCH,
    CACHE,
    PORTAL_PORT,
    PRODUCTION_WORKERS,
    PYTHON,
    ROOT,
    Report,
    bench_env,
    child,
    ensure_data,
    gunicorn,
    machine,
    print_table,
    record_in_readme,
    results_file,
    serve,
)

LOCUST = str(Path(PYTHON).with_name("locust"))
P95_FACTOR = 10


def locust(plan: Path, env: dict, *, users: int, seconds: int, baseline: bool, prefix: Path):
    command = [
        LOCUST,
        "-f",
        str(BENCH / "locustfile.py"),
        "--headless",
        "--host",
        f"http://127.0.0.1:{PORTAL_PORT}",
        "--users",
        str(users),
        "--spawn-rate",
        str(max(1, users // 20)),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "30",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    run_env = {
        **env,
        "BENCH_LOAD_PLAN": str(plan),
        "BENCH_LOAD_BASELINE": "1" if baseline else "0",
    }
    # bounded: the run time, the stop timeout and a margin
    subprocess.run(command, cwd=ROOT, env=run_env, timeout=seconds + 180, check=False)
    with open(f"{prefix}_stats.csv") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    with open(f"{prefix}_failures.csv") as failures:
        errors = list(csv.DictReader(failures))
    return rows, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="full", choices=["smoke", "growth", "full"])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--baseline", type=int, default=90, help="seconds of the unloaded run")
    args = parser.parse_args()

    from data import SIZES

    env = bench_env(args.size)
    made = ensure_data(SIZES[args.size], env)
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    child("measure.py", "--prepare", args.size, env=env)  # beat's work, as in production
    plan = CACHE / "load-plan.json"
    plan.write_text(json.dumps(child("measure.py", "--load-people", args.size, env=env)))
    # Last, as a deploy does just before the release serves (docker/entrypoint.sh): making
    # the load's people (hub staff among them) changes what the hub pages show.
    # (--pages-only: the snapshot and reports were just computed, and timed, above)
    subprocess.run(
        [PYTHON, "manage.py", "warm_cache", "--pages-only"], cwd=ROOT, env=env, check=True
    )

    portal = serve(
        gunicorn("strongcities.wsgi:application", PORTAL_PORT, workers=PRODUCTION_WORKERS),
        env,
        PORTAL_PORT,
        "/healthz",
    )
    try:
        unloaded, _ = locust(
            plan, env, users=4, seconds=args.baseline, baseline=True, prefix=CACHE / "unloaded"
        )
        loaded, failures = locust(
            plan,
            env,
            users=args.users,
            seconds=int(args.minutes * 60),
            baseline=False,
            prefix=CACHE / "loaded",
        )
    finally:
        portal.terminate()
        portal.wait()

    report = Report(size=args.size, data=made)
    total = loaded.pop("Aggregated", {})
    requests = int(total.get("Request Count", 0))
    failed = int(total.get("Failure Count", 0))
    server_errors = sum(
        int(row["Occurrences"]) for row in failures if "HTTP 5" in row.get("Error", "")
    )
    report.add(
        f"load: {args.users} users for {args.minutes:g} min, failed requests",
        failed,
        "requests",
        target="0",
        passed=failed == 0 and requests > 0,
        notes=f"{requests} requests, {float(total.get('Requests/s', 0)):.1f} req/s; "
        + "; ".join(f"{r['Name']}: {r['Error']} x{r['Occurrences']}" for r in failures[:5]),
    )
    report.add(
        "load: server errors (HTTP 5xx)",
        server_errors,
        "responses",
        target="0",
        passed=server_errors == 0,
    )
    for name, row in sorted(loaded.items()):
        p95 = float(row["95%"] or 0)
        base = unloaded.get(name)
        median = float(base["50%"] or 0) if base else 0
        ok = bool(median) and p95 <= P95_FACTOR * median
        report.add(
            f"load p95: {name}",
            round(p95),
            "ms",
            target=f"< {P95_FACTOR}x unloaded median",
            ratio=round(p95 / median, 1) if median else None,
            passed=ok if median else None,
            notes=f"unloaded median {median:.0f} ms; {row['Request Count']} requests, "
            f"{row['Failure Count']} failed",
        )
    print_table(report)
    results_path = results_file(args.size)
    results = json.loads(results_path.read_text()) if results_path.exists() else {}
    results["load"] = {
        "size": args.size,
        "users": args.users,
        "minutes": args.minutes,
        "machine": machine(),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "rows": [row.__dict__ for row in report.rows],
    }
    results_path.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    if args.size == "full":
        record_in_readme()


if __name__ == "__main__":
    main()
