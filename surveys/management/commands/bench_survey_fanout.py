"""Benchmark: open a survey to N focal points, then deliver every request to a local
SMTP sink. Reports the time to queue and to deliver, SQL queries per message and peak
memory. Run it against a dedicated, empty database whose name contains "bench":

    createdb -h 127.0.0.1 -U postgres strongcities_bench_surveys
    DEBUG=0 SECRET_KEY=bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz \\
      DATABASE_URL=postgres://postgres@127.0.0.1:5432/strongcities_bench_surveys \\
      REDIS_URL=redis://127.0.0.1:6379/11 \\
      .venv/bin/python manage.py bench_survey_fanout --focal-points 10000

With REDIS_URL the requests are queued to Redis (on a queue of their own, purged at the
end); without it, to Celery's in-memory transport. Delivery runs the real send path
(row lock, render in the recipient's language, SMTP, mark sent) in this process.
"""

from __future__ import annotations

import datetime
import json
import resource
import socketserver
import threading
import time
import tracemalloc

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

QUEUE = "bench-surveys"


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP to accept mail and count it."""

    def handle(self):
        self.wfile.write(b"220 sink ESMTP\r\n")
        in_data = False
        while line := self.rfile.readline():
            if in_data:
                if line == b".\r\n":
                    in_data = False
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
    count = 0


class Command(BaseCommand):
    help = "Time a survey fan-out to N focal points (dedicated bench database only)."

    def add_arguments(self, parser):
        parser.add_argument("--focal-points", type=int, default=10_000)

    def handle(self, *args, focal_points: int, **options):
        name = connection.settings_dict["NAME"]
        if "bench" not in str(name):
            raise CommandError(f"Refusing to run on {name!r}: use a database named *bench*.")
        call_command("migrate", verbosity=0)
        self._reset()
        sink = SMTPSink(("127.0.0.1", 0), _SMTPHandler)
        threading.Thread(target=sink.serve_forever, daemon=True).start()
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = sink.server_address
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""

        from strongcities.celery import app as celery_app

        celery_app.conf.CELERY_TASK_ALWAYS_EAGER = False
        celery_app.conf.CELERY_TASK_ROUTES = {"surveys.tasks.*": {"queue": QUEUE}}
        celery_app.amqp.flush_routes()
        celery_app.amqp.__dict__.pop("router", None)

        started = time.perf_counter()
        survey = self._build(focal_points)
        build_s = time.perf_counter() - started

        from surveys import services
        from surveys.models import SurveyDelivery

        tracemalloc.start()
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as open_queries:
            # the staff page's work: the rows, then one fan-out task on commit
            queued = services.open_survey(survey)
        open_s = time.perf_counter() - started
        _, open_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()  # it would slow what it measures

        from surveys.tasks import fan_out_survey

        started = time.perf_counter()
        fan_out_survey.run(survey.pk)  # the worker's work: one message per email
        queue_s = time.perf_counter() - started

        ids = list(SurveyDelivery.objects.order_by("pk").values_list("pk", flat=True))
        statements = [0]

        def count(execute, sql, params, many, context):
            statements[0] += 1
            return execute(sql, params, many, context)

        started = time.perf_counter()
        with connection.execute_wrapper(count):
            for pk in ids:
                services.send_survey_delivery(pk)
        deliver_s = time.perf_counter() - started
        sent = SurveyDelivery.objects.filter(status="sent").count()
        again = sum(services.send_survey_delivery(pk) for pk in ids[:200])
        purged = self._purge(celery_app)
        sink.shutdown()

        report = {
            "focal_points": focal_points,
            "build_seconds": round(build_s, 2),
            "queued": queued,
            "open_survey_seconds": round(open_s, 2),
            "open_survey_sql_queries": len(open_queries.captured_queries),
            "peak_python_memory_mb_open": round(open_peak / 2**20, 1),
            "queue_seconds": round(queue_s, 2),
            "broker": "redis" if settings.REDIS_URL else "memory",
            "broker_messages_purged": purged,
            "deliver_seconds": round(deliver_s, 2),
            "messages_per_second": round(sent / deliver_s, 1) if deliver_s else None,
            # SELECT ... FOR UPDATE and UPDATE; BEGIN and COMMIT are not counted
            "sql_statements_per_message": round(statements[0] / len(ids), 2),
            "smtp_messages_received": sink.count,
            "sent_again_on_rerun_of_200": again,
            "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
        self.stdout.write(json.dumps(report, indent=2))

    def _reset(self):
        from members.models import City
        from strongcities.models import User
        from surveys.models import Survey

        Survey.objects.all().delete()
        City.objects.filter(slug__startswith="bench-").delete()
        User.objects.filter(email__endswith="@bench.example").delete()

    @transaction.atomic
    def _build(self, n: int):
        from hubs.models import Hub
        from members.models import City, FocalPoint
        from strongcities.models import User
        from surveys.models import Question, Survey

        hub, _ = Hub.objects.get_or_create(
            slug="bench-hub", defaults={"name_en": "Bench hub", "status": "active"}
        )
        languages = ["ar", "en", "fr"]
        cities = City.objects.bulk_create(
            [
                City(
                    name_en=f"Bench city {i}",
                    slug=f"bench-{i}",
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
                    email=f"fp{i}@bench.example",
                    display_name=f"Focal point {i} (fictional)",
                    preferred_language=languages[i % 3],
                    password="!",
                )
                for i in range(n)
            ],
            batch_size=2000,
        )
        FocalPoint.objects.bulk_create(
            [
                FocalPoint(city=c, user=u, is_primary=True)
                for c, u in zip(cities, users, strict=True)
            ],
            batch_size=2000,
        )
        today = timezone.localdate()
        survey = Survey.objects.create(
            title_en="Bench survey",
            title_fr="Enquête de test",
            title_ar="استطلاع تجريبي",
            opens_on=today,
            closes_on=today + datetime.timedelta(days=30),
        )
        Question.objects.create(survey=survey, text_en="Q", kind=Question.Kind.SHORT)
        return survey

    def _purge(self, celery_app) -> int:
        try:
            with celery_app.connection_for_write() as conn:
                return conn.default_channel.queue_purge(QUEUE) or 0
        except Exception:
            return 0
