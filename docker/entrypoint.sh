#!/usr/bin/env bash
# Container entrypoint for the Strong Cities Network portal image.
#
#   web     wait for the database, apply migrations, serve gunicorn on :8000 (warming beside)
#   serve   gunicorn on :8000 only (several web nodes: the "migrate" service migrates)
#   migrate wait for the database, apply migrations, warm the shared cache, exit
#   worker  wait for the database, then run the Celery worker
#   beat    wait for the database, then run Celery beat (schedules kept in the database)
#   *       run the given command as it is (e.g. python manage.py createsuperuser)
#
# Extra arguments after web/worker/beat are passed on to gunicorn/celery.
# WEB_CONCURRENCY sets the number of gunicorn workers (default 3), WEB_THREADS the
# threads of each (default 4);
# DB_WAIT_ATTEMPTS bounds the wait for the database (default 30, about 2 s apart);
# WARM_CACHE_TIMEOUT the cache warm-up after migrations (seconds, default 300).
set -euo pipefail

cd "$(dirname "$0")/.."

wait_for_db() {
    python - <<'PY'
import os
import sys
import time

import dj_database_url

url = os.environ.get("DATABASE_URL", "")
if not url:
    sys.exit(0)  # SQLite quick start: nothing to wait for
config = dj_database_url.parse(url)
if "postgresql" not in config["ENGINE"] and "postgis" not in config["ENGINE"]:
    sys.exit(0)

import psycopg

params = {
    "dbname": config.get("NAME") or None,
    "user": config.get("USER") or None,
    "password": config.get("PASSWORD") or None,
    "host": config.get("HOST") or None,
    "port": config.get("PORT") or None,
    "sslmode": config.get("OPTIONS", {}).get("sslmode"),
    "connect_timeout": 3,
}
params = {key: value for key, value in params.items() if value is not None}
attempts = int(os.environ.get("DB_WAIT_ATTEMPTS", "30"))
for attempt in range(1, attempts + 1):
    try:
        psycopg.connect(**params).close()
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"entrypoint: database not ready ({attempt}/{attempts}): {reason}", file=sys.stderr)
        if attempt < attempts:
            time.sleep(2)
    else:
        print("entrypoint: database is up", file=sys.stderr)
        sys.exit(0)
print("entrypoint: gave up waiting for the database", file=sys.stderr)
sys.exit(1)
PY
}

# Each release keeps its own pages and figures in the shared cache: compute them before
# the release serves. Never fatal, and bounded (a stalled Redis must not stall a deploy):
# without them pages render at their first visit, figures at beat's next refresh.
warm_cache() {
    timeout "${WARM_CACHE_TIMEOUT:-300}" python manage.py warm_cache \
        || echo "entrypoint: cache not warmed; pages render at their first visit" >&2
}

# Threads, so that a quick page never waits behind a sign-in hashing a password or a
# long export on the same worker (bench/README.md, "make bench-load"). Each thread keeps
# its own database connection: workers x threads x web nodes must stay below
# PostgreSQL's max_connections (100 by default).
serve_http() {
    exec gunicorn strongcities.wsgi:application \
        --bind 0.0.0.0:8000 \
        --workers "${WEB_CONCURRENCY:-3}" \
        --worker-class gthread \
        --threads "${WEB_THREADS:-4}" \
        --access-logfile - \
        "$@"
}

case "${1:-}" in
    web)
        shift
        wait_for_db
        python manage.py migrate --noinput
        # beside the server, not before it: serving never waits for the warm-up (nor
        # does the image's health check)
        warm_cache &
        serve_http "$@"
        ;;
    serve)
        shift
        serve_http "$@"
        ;;
    migrate)
        shift
        wait_for_db
        python manage.py migrate --noinput "$@"
        # not after "migrate <app> <migration>": a rollback is not a release
        if [ "$#" -eq 0 ]; then warm_cache; fi
        ;;
    worker)
        shift
        wait_for_db
        exec celery -A strongcities worker --loglevel="${LOG_LEVEL:-INFO}" "$@"
        ;;
    beat)
        shift
        wait_for_db
        exec celery -A strongcities beat --loglevel="${LOG_LEVEL:-INFO}" \
            --scheduler django_celery_beat.schedulers:DatabaseScheduler "$@"
        ;;
    *)
        exec "$@"
        ;;
esac
