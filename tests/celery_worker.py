"""Real Celery workers for the tests that need one: a subprocess of ``celery -A
strongcities worker`` on a queue of the test's own, using the test database and Redis."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from strongcities.celery import app as celery_app

ROOT = Path(__file__).resolve().parent.parent


def database_url_of_test_db() -> str:
    s = connection.settings_dict
    user, host, port = s["USER"] or "postgres", s["HOST"] or "127.0.0.1", s["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{s['NAME']}"


def skip_without_postgres_and_redis(settings) -> None:
    """A worker is another process: it needs a database and a broker it can reach."""
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("needs PostgreSQL and Redis (make test provides both)")


def worker_command(queue: str, loglevel: str = "WARNING") -> list[str]:
    """One worker process, consuming only ``queue``, quiet about its peers."""
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "strongcities",
        "worker",
        "--pool=solo",
        "-Q",
        queue,
        "--without-heartbeat",
        "--without-mingle",
        "--without-gossip",
        f"--loglevel={loglevel}",
    ]


def start_worker(
    queue: str, redis_url: str, *, loglevel: str = "WARNING", stdout=None, **env
) -> subprocess.Popen:
    """Start a worker on ``queue``. Its output is kept (and printed by ``stop_worker``)
    unless ``stdout`` is a file to write it to; ``env`` adds to the environment."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_test_db(),
        "REDIS_URL": redis_url,
        **env,
    }
    return subprocess.Popen(
        worker_command(queue, loglevel),
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE if stdout is None else stdout,
        stderr=subprocess.STDOUT,
        text=stdout is None,
    )


def stop_worker(process: subprocess.Popen) -> None:
    """Stop a worker (killing it if it does not stop within 20 s), printing what it said."""
    if process.poll() is None:
        process.terminate()
    try:
        output, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    if output and output.strip():
        print(output)


def wait_for(predicate, timeout=60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


def celery_queue_length(queue: str) -> int:
    with celery_app.connection_for_write() as conn:
        return conn.default_channel.client.llen(queue)
