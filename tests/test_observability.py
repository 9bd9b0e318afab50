"""Request ids in logs and in the tasks a request queues; JSON logs; Sentry only with a DSN."""

import gzip
import json
import logging
import os
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from strongcities.celery import app as celery_app
from strongcities.observability import (
    RequestIdMiddleware,
    _add_request_id_header,
    logging_config,
    request_id_var,
)
from strongcities.status import heartbeat_key, redis_client
from strongcities.tasks import heartbeat
from tests.celery_worker import (
    ROOT,
    skip_without_postgres_and_redis,
    start_worker,
    stop_worker,
    wait_for,
)


def run_through_middleware(view, **headers):
    request = RequestFactory().get("/", **headers)
    return RequestIdMiddleware(view)(request)


def test_every_response_carries_a_request_id(client, db):
    response = client.get("/healthz")
    assert len(response["X-Request-ID"]) == 32
    assert client.get("/healthz")["X-Request-ID"] != response["X-Request-ID"]


def test_a_request_id_from_the_proxy_is_kept(client, db):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a.42")
    assert response["X-Request-ID"] == "lb-7f3a.42"


@pytest.mark.parametrize("forged", ["abc\ninjected log line", "x" * 200, "<script>", ""])
def test_a_malformed_request_id_is_replaced(client, db, forged):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=forged)
    assert response["X-Request-ID"] != forged and len(response["X-Request-ID"]) == 32


def test_log_lines_of_a_request_carry_its_id(caplog):
    def view(request):
        logging.getLogger("strongcities.test").warning("inside the view")
        return HttpResponse("ok")

    with caplog.at_level(logging.INFO):
        response = run_through_middleware(view, HTTP_X_REQUEST_ID="req-123")
    record = next(r for r in caplog.records if r.getMessage() == "inside the view")
    assert record.request_id == "req-123" == response["X-Request-ID"]
    logging.getLogger("strongcities.test").warning("after the request")
    assert caplog.records[-1].request_id == "-"


def test_a_task_run_for_a_request_logs_with_the_request_id(caplog, settings):
    settings.REDIS_URL = ""  # the heartbeat has nowhere to write; it still runs and logs

    def view(request):
        heartbeat.delay()  # eager in these tests: runs inside the request
        return HttpResponse("ok")

    with caplog.at_level(logging.INFO):
        run_through_middleware(view, HTTP_X_REQUEST_ID="req-task-1")
    record = next(r for r in caplog.records if r.getMessage() == "Worker heartbeat recorded")
    assert record.request_id == "req-task-1"
    assert record.task.startswith("strongcities.tasks.heartbeat[")


def test_a_queued_task_carries_the_request_id_in_its_headers():
    headers = {}
    token = request_id_var.set("req-456")
    try:
        _add_request_id_header(headers=headers)
    finally:
        request_id_var.reset(token)
    assert headers == {"request_id": "req-456"}
    outside = {}
    _add_request_id_header(headers=outside)
    assert outside == {}


def test_logs_are_json_lines_in_production_and_readable_with_debug(settings):
    from pythonjsonlogger.json import JsonFormatter

    assert settings.LOGGING["handlers"]["console"]["formatter"] == "json"  # DEBUG is off
    config = logging_config(json_logs=True, level="INFO")["formatters"]["json"]
    formatter = JsonFormatter(**{k: v for k, v in config.items() if k != "()"})
    token = request_id_var.set("req-789")
    try:
        record = logging.getLogger("strongcities.test").makeRecord(
            "strongcities.test", logging.ERROR, __file__, 1, "Failed for %s", ("Amman",), None
        )
    finally:
        request_id_var.reset(token)
    line = json.loads(formatter.format(record))
    assert line["message"] == "Failed for Amman"
    assert line["level"] == "ERROR" and line["logger"] == "strongcities.test"
    assert line["request_id"] == "req-789" and line["time"].endswith("+00:00")
    readable = logging_config(json_logs=False, level="INFO")
    assert readable["handlers"]["console"]["formatter"] == "readable"
    assert "%(request_id)s" in readable["formatters"]["readable"]["format"]


# --- a real worker --------------------------------------------------------------------


@pytest.fixture
def json_logging_worker(settings, tmp_path):
    """A Celery worker on its own queue (CELERY_QUEUE), logging JSON lines to a file."""
    skip_without_postgres_and_redis(settings)
    queue = f"test-obs-{uuid.uuid4().hex[:8]}"
    log_path = tmp_path / "worker.log"
    with log_path.open("w") as log:
        process = start_worker(
            queue,
            settings.REDIS_URL,
            loglevel="INFO",
            stdout=log,
            CELERY_QUEUE=queue,
            LOG_FORMAT="json",
        )
    previous_eager = celery_app.conf.task_always_eager
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_TASK_DEFAULT_QUEUE = queue  # where this process looks for the heartbeat
    try:
        yield queue, log_path
    finally:
        celery_app.conf.CELERY_TASK_ALWAYS_EAGER = previous_eager
        stop_worker(process)
        client = redis_client()
        client.delete(heartbeat_key(), queue)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_request_id_follows_a_task_into_the_real_worker(json_logging_worker):
    from strongcities.status import last_heartbeat

    queue, log_path = json_logging_worker
    assert last_heartbeat().state == "never"
    token = request_id_var.set("req-worker-1")
    try:
        heartbeat.apply_async(queue=queue)
    finally:
        request_id_var.reset(token)

    def logged():
        for line in log_path.read_text().splitlines():
            if line.startswith("{") and "Worker heartbeat recorded" in line:
                return json.loads(line)
        return None

    assert wait_for(lambda: logged() is not None, timeout=90), log_path.read_text()[-3000:]
    line = logged()
    assert line["request_id"] == "req-worker-1"
    assert line["task"].startswith("strongcities.tasks.heartbeat[")
    assert last_heartbeat().state == "ok"


# --- Sentry ---------------------------------------------------------------------------


def test_without_a_dsn_nothing_is_sent_anywhere():
    import sentry_sdk

    assert not sentry_sdk.get_client().is_active()


class _Collector(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802 (http.server's naming)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":  # sentry-sdk uses brotli when the package is installed
            import brotli

            body = brotli.decompress(body)
        type(self).received.append((self.path, body))
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.mark.slow
def test_with_a_dsn_errors_go_to_sentry_with_the_request_id():
    _Collector.received = []
    server = HTTPServer(("127.0.0.1", 0), _Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    script = (
        "import logging, sentry_sdk;"
        "from strongcities.observability import request_id_var;"
        "request_id_var.set('req-sentry-1');"
        "logging.getLogger('strongcities.test').error('sentry test boom');"
        "sentry_sdk.flush(10)"
    )
    env = {**os.environ, "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/42"}
    try:
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", script],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        deadline = time.monotonic() + 10
        while not _Collector.received and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr[-2000:]
    paths = [path for path, _ in _Collector.received]
    assert any(path.startswith("/api/42/envelope/") for path in paths), paths
    bodies = b"".join(body for _, body in _Collector.received)
    assert b"sentry test boom" in bodies
    assert b"req-sentry-1" in bodies
