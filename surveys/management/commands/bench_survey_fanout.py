"""Benchmark: open a survey to N focal points and deliver every request to a local SMTP
sink. Reports the time to queue and to deliver, SQL statements per message and peak
memory. Run it against a dedicated database whose name contains "bench" (its own
cities, people and survey are made and removed; nothing else is touched):

    createdb -h 127.0.0.1 -U postgres strongcities_bench_surveys
    DEBUG=0 SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz \\
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/strongcities_bench_surveys \\
      REDIS_URL=redis://127.0.0.1:6379/11 \\
      .venv/bin/python manage.py bench_survey_fanout --focal-points 10000 [--workers 2]

Two ways to deliver, both through the real code (claim a batch, render in the
recipient's language, SMTP, mark each sent):

- in process (default): this process does the worker's work batch by batch, so SQL
  statements per message and Python memory can be counted exactly;
- `--workers N` (needs REDIS_URL): a real Celery worker with N processes consumes the
  fan-out from Redis on a queue of its own; the figure is the wall-clock time from the
  survey opening until every row is marked sent, and the worker's peak resident memory.

Other code (bench/run.py) can call `measure(focal_points=..., workers=...)` in a process
whose Django settings point at a bench database; it returns the figures as a dict.
"""

from __future__ import annotations

import datetime
import json
import os
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

QUEUE = "bench-surveys"
ROOT = Path(__file__).resolve().parents[3]


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept mail and count it."""

    def handle(self):
        self.wfile.write(b"220 sink ESMTP\r\n")
        in_data = False
        while line := self.rfile.readline():
            if in_data:
                if line == b".\r\n":
                    in_data = False
                    with self.server.lock:
                        self.server.count += 1
                    self.wfile.write(b"250 OK\r\n")
                continue
            verb = line[:4].upper()
            if verb == b"DATA":
                in_data = True
                self.wfile.write(b"354 go ahead\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            elif verb in (b"EHLO", b"HELO"):
                self.wfile.write(b"250 sink\r\n")
            else:
                self.wfile.write(b"250 OK\r\n")


class SMTPSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _SMTPHandler)
        self.count = 0
        self.lock = threading.Lock()


def _route_to_bench_queue():
    from strongcities.celery import app as celery_app

    celery_app.conf.task_always_eager = not settings.REDIS_URL
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER = celery_app.conf.task_always_eager
    celery_app.conf.CELERY_TASK_ROUTES = {"surveys.tasks.*": {"queue": QUEUE}}
    celery_app.amqp.flush_routes()
    celery_app.amqp.__dict__.pop("router", None)
    return celery_app


def _database_url() -> str:
    s = connection.settings_dict
    user, host, port = s["USER"] or "postgres", s["HOST"] or "127.0.0.1", s["PORT"] or 5432
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{s['NAME']}"


def _peak_rss_mb(pid: int) -> float:
    """Peak resident memory of a worker: its main process and each pool process."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    pids = [pid] + ([int(p) for p in children.read_text().split()] if children.exists() else [])
    return round(sum(_rss_mb("VmHWM", each) for each in pids), 1)


def measure(*, focal_points: int = 10_000, workers: int = 0) -> dict:
    """Build N focal points, open a survey to them, deliver, and return the figures."""
    name = connection.settings_dict["NAME"]
    if "bench" not in str(name):
        raise CommandError(f"Refusing to run on {name!r}: use a database named *bench*.")
    if workers and not settings.REDIS_URL:
        raise CommandError("--workers needs REDIS_URL (a real broker).")
    call_command("migrate", verbosity=0)
    _reset()
    sink = SMTPSink()
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    host, port = sink.server_address
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = host, port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    celery_app = _route_to_bench_queue()
    _purge(celery_app)

    started = time.perf_counter()
    survey = _build(focal_points)
    report = {
        "focal_points": focal_points,
        "build_seconds": round(time.perf_counter() - started, 2),
        "broker": "redis" if settings.REDIS_URL else "memory (eager)",
        "delivery": f"celery worker, {workers} processes" if workers else "in process",
    }
    if workers:
        report.update(_deliver_with_worker(survey, workers, port))
    else:
        report.update(_deliver_in_process(survey, celery_app))
    report["smtp_messages_received"] = sink.count
    report["peak_rss_mb_this_process"] = _rss_mb("VmHWM")
    sink.shutdown()
    report["broker_messages_left_and_purged"] = _purge(celery_app)
    return report  # the rows stay for a look; the next run removes them first


def _open(survey) -> dict:
    """The staff page's work: the rows, then one fan-out task for the broker."""
    from surveys import services

    statements = [0]

    def count(execute, sql, params, many, context):
        statements[0] += 1
        return execute(sql, params, many, context)

    rss_before = _rss_mb("VmRSS")
    started = time.perf_counter()
    with connection.execute_wrapper(count):
        queued = services.open_survey(survey)
    seconds = time.perf_counter() - started
    return {
        "queued": queued,
        "open_survey_seconds": round(seconds, 2),
        "open_survey_sql_statements": statements[0],
        "rss_mb_before_open": rss_before,
        "peak_rss_mb_after_open": _rss_mb("VmHWM"),
    }


def _rss_mb(field: str, pid: int | str = "self") -> float:
    """VmRSS (now) or VmHWM (peak) of a process, in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return round(int(line.split()[1]) / 1024, 1)
    except FileNotFoundError:
        pass
    return 0.0


def _deliver_in_process(survey, celery_app) -> dict:
    from surveys import services
    from surveys.delivery import BATCH_SIZE
    from surveys.models import SurveyDelivery
    from surveys.tasks import fan_out_survey

    celery_app.conf.task_always_eager = False  # the fan-out goes to the broker
    figures = _open(survey)
    started = time.perf_counter()
    fan_out_survey.run(survey.pk)  # the worker's first step: the batch messages
    figures["fan_out_seconds"] = round(time.perf_counter() - started, 2)

    ids = list(SurveyDelivery.objects.order_by("pk").values_list("pk", flat=True))
    statements = [0]

    def count(execute, sql, params, many, context):
        statements[0] += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(count):
        for start in range(0, len(ids), BATCH_SIZE):  # each batch task's work
            services.send_survey_deliveries(ids[start : start + BATCH_SIZE])
    seconds = time.perf_counter() - started
    sent = SurveyDelivery.objects.filter(status="sent").count()
    again = services.send_survey_deliveries(ids[:BATCH_SIZE])[0]
    figures.update(
        {
            "sent": sent,
            "deliver_seconds": round(seconds, 2),
            "messages_per_second": round(sent / seconds, 1) if seconds else None,
            # claim (SELECT ... FOR UPDATE, UPDATE) per batch, one UPDATE per message;
            # BEGIN and COMMIT are not counted
            "sql_statements_per_message": round(statements[0] / len(ids), 3) if ids else None,
            "sent_again_when_a_batch_runs_twice": again,
        }
    )
    return figures


def _deliver_with_worker(survey, workers: int, smtp_port: int) -> dict:
    from surveys.models import SurveyDelivery

    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "DEBUG": "0",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "strongcities",
            "worker",
            f"--concurrency={workers}",
            "-Q",
            QUEUE,
            "--without-heartbeat",
            "--without-mingle",
            "--without-gossip",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,  # its banner; warnings and errors still go to stderr
    )
    try:
        time.sleep(3)  # let the worker connect before the clock starts
        started = time.perf_counter()
        figures = _open(survey)
        total = figures["queued"]
        deadline = time.monotonic() + 3600
        while SurveyDelivery.objects.filter(status="sent").count() < total:
            if time.monotonic() > deadline or process.poll() is not None:
                raise CommandError("the worker did not deliver everything")
            time.sleep(0.5)
        seconds = time.perf_counter() - started
        figures.update(
            {
                "sent": total,
                "open_to_all_delivered_seconds": round(seconds, 2),
                "messages_per_second": round(total / seconds, 1) if seconds else None,
                "worker_peak_rss_mb": _peak_rss_mb(process.pid),
            }
        )
    finally:
        process.terminate()
        process.wait(60)
    return figures


def _reset():
    from members.models import City
    from strongcities.models import User
    from surveys.models import Survey

    Survey.objects.filter(title_en="Bench survey").delete()
    City.objects.filter(slug__startswith="bench-fanout-").delete()
    User.objects.filter(email__endswith="@fanout.bench.example").delete()


@transaction.atomic
def _build(n: int):
    from hubs.models import Hub
    from members.models import City, FocalPoint
    from strongcities.models import User
    from surveys.models import Question, Survey

    hub, _ = Hub.objects.get_or_create(
        slug="bench-fanout-hub", defaults={"name_en": "Bench hub", "status": "active"}
    )
    languages = ["ar", "en", "fr"]
    cities = City.objects.bulk_create(
        [
            City(
                name_en=f"Bench city {i}",
                slug=f"bench-fanout-{i}",
                country="KE",
                authority_type="municipality",
                membership_status="member",
                hub=hub,
            )
            for i in range(n)
        ],
        batch_size=2000,
    )
    users = User.objects.bulk_create(
        [
            User(
                email=f"fp{i}@fanout.bench.example",
                display_name=f"Focal point {i} (fictional)",
                preferred_language=languages[i % 3],
                password="!",
            )
            for i in range(n)
        ],
        batch_size=2000,
    )
    FocalPoint.objects.bulk_create(
        [FocalPoint(city=c, user=u, is_primary=True) for c, u in zip(cities, users, strict=True)],
        batch_size=2000,
    )
    today = timezone.localdate()
    survey = Survey.objects.create(
        title_en="Bench survey",
        title_fr="Enquête de test",
        title_ar="استطلاع تجريبي",
        audience=Survey.Audience.HUBS,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
    )
    survey.hubs.set([hub])  # only the bench cities, whatever else the database holds
    Question.objects.create(survey=survey, text_en="Q", kind=Question.Kind.SHORT)
    return survey


def _purge(celery_app) -> int:
    if not settings.REDIS_URL:
        return 0
    try:
        with celery_app.connection_for_write() as conn:
            return conn.default_channel.queue_purge(QUEUE) or 0
    except Exception:
        return 0


class Command(BaseCommand):
    help = "Time a survey fan-out to N focal points (dedicated bench database only)."

    def add_arguments(self, parser):
        parser.add_argument("--focal-points", type=int, default=10_000)
        parser.add_argument(
            "--workers",
            type=int,
            default=0,
            help="deliver with a real Celery worker of this many processes (needs REDIS_URL)",
        )

    def handle(self, *args, focal_points: int, workers: int, **options):
        report = measure(focal_points=focal_points, workers=workers)
        self.stdout.write(json.dumps(report, indent=2))
