"""Survey emails delivered by a real Celery worker through the real Redis broker, on a
queue of their own: opening a survey fans out to each focal point exactly once, even
when every task runs twice."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from strongcities.celery import app as celery_app
from surveys import services
from surveys.models import SurveyDelivery
from surveys.tasks import fan_out_survey, send_delivery, send_pending_deliveries
from tests.factories import CityFactory, FocalPointFactory, UserFactory
from tests.surveys.conftest import make_survey
from tests.test_worker import celery_queue_length, database_url_of_test_db, wait_for

ROOT = Path(__file__).resolve().parent.parent.parent


def route_survey_tasks_to(queue: str | None) -> None:
    """Send this app's tasks to `queue` (None: back to the default queue)."""
    celery_app.conf.CELERY_TASK_ROUTES = {"surveys.tasks.*": {"queue": queue}} if queue else None
    celery_app.amqp.flush_routes()
    celery_app.amqp.__dict__.pop("router", None)  # the router caches the routes


@pytest.fixture
def survey_worker(settings, tmp_path):
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("needs PostgreSQL and Redis (make test provides both)")
    queue = f"surveys-test-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_test_db(),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"file://{mail_dir}",
    }
    process = subprocess.Popen(
        [
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
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER = False
    route_survey_tasks_to(queue)
    try:
        yield queue, mail_dir
    finally:
        route_survey_tasks_to(None)
        process.terminate()
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        if output.strip():
            print(output)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_opening_a_survey_delivers_each_request_once_even_if_tasks_run_twice(
    survey_worker, network, monkeypatch
):
    queue, mail_dir = survey_worker
    # go through the fan-out task, as a survey to hundreds of focal points does
    monkeypatch.setattr(services, "FAN_OUT_THRESHOLD", 5)
    for n in range(4):
        city = CityFactory(hub=network.hub_a)
        FocalPointFactory(city=city, user=UserFactory(email=f"fanout{n}@example.org"))
        FocalPointFactory(
            city=city,
            is_primary=False,
            user=UserFactory(email=f"fanout{n}b@example.org", preferred_language="ar"),
        )
    survey = make_survey()
    # transaction=True: the on-commit enqueue goes to the broker straight away
    queued = services.open_survey(survey, opened_by=network.users["mu"])
    assert queued == 10  # 8 new focal points plus those of cities A and B

    def all_sent():
        return not SurveyDelivery.objects.exclude(status="sent").exists()

    assert wait_for(all_sent), "the worker did not send every request"
    # every task again, as a broker redelivers after a worker crash, and the sweep too
    fan_out_survey.apply_async((survey.pk,), queue=queue)
    for pk in SurveyDelivery.objects.values_list("pk", flat=True):
        send_delivery.apply_async((SurveyDelivery._meta.label_lower, pk), queue=queue)
    send_pending_deliveries()
    assert wait_for(lambda: celery_queue_length(queue) == 0)
    time.sleep(1)  # let the last duplicate finish
    messages = "".join(f.read_text() for f in mail_dir.glob("*.log"))
    recipients = list(
        SurveyDelivery.objects.values_list("recipient__email", flat=True).order_by("pk")
    )
    assert len(recipients) == 10
    for email in recipients:
        assert messages.count(f"To: {email}") == 1, email
    assert "/ar/surveys/link/" in messages
