"""Survey emails delivered by a real Celery worker through the real Redis broker, on a
queue of their own: opening a survey fans out to each focal point exactly once, even
when every task runs twice, when the worker is killed mid-batch, and when the broker
was unreachable as the survey opened."""

import datetime
import signal
import subprocess
import time
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from strongcities.celery import app as celery_app
from surveys import services
from surveys.journal import SentJournal
from surveys.models import Survey, SurveyDelivery
from surveys.tasks import fan_out_survey, send_delivery, send_pending_deliveries
from tests.celery_worker import (
    celery_queue_length,
    skip_without_postgres_and_redis,
    start_worker,
    stop_worker,
    wait_for,
)
from tests.factories import CityFactory, FocalPointFactory, UserFactory
from tests.surveys.conftest import make_survey
from tests.surveys.smtp_sink import SMTPSink
from tests.test_outbox import forget_broker_connections

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def route_survey_tasks_to(queue: str | None) -> None:
    """Send this app's tasks to `queue` (None: back to the default queue)."""
    celery_app.conf.CELERY_TASK_ROUTES = {"surveys.tasks.*": {"queue": queue}} if queue else None
    celery_app.amqp.flush_routes()
    celery_app.amqp.__dict__.pop("router", None)  # the router caches the routes


class Workers:
    """Starts Celery workers on one test queue, each a process of its own."""

    def __init__(self, redis_url: str, queue: str):
        self.redis_url, self.queue = redis_url, queue
        self.processes: list[subprocess.Popen] = []

    def start(self, email_url: str) -> subprocess.Popen:
        process = start_worker(self.queue, self.redis_url, EMAIL_URL=email_url)
        self.processes.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.processes:
            stop_worker(process)


@pytest.fixture
def workers(settings):
    skip_without_postgres_and_redis(settings)
    queue = f"surveys-test-{uuid.uuid4().hex[:8]}"
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER = False
    route_survey_tasks_to(queue)
    started = Workers(settings.REDIS_URL, queue)
    try:
        yield started
    finally:
        route_survey_tasks_to(None)
        started.stop_all()


def add_focal_points(network, n: int) -> None:
    for i in range(n):
        city = CityFactory(hub=network.hub_a)
        FocalPointFactory(city=city, user=UserFactory(email=f"fanout{i}@example.org"))
        FocalPointFactory(
            city=city,
            is_primary=False,
            user=UserFactory(email=f"fanout{i}b@example.org", preferred_language="ar"),
        )


def recipients_of_survey() -> list[str]:
    return sorted(SurveyDelivery.objects.values_list("recipient__email", flat=True))


def all_sent() -> bool:
    return not SurveyDelivery.objects.exclude(status="sent").exists()


def test_opening_a_survey_delivers_each_request_once_even_if_tasks_run_twice(
    workers, network, monkeypatch, tmp_path
):
    mail_dir = tmp_path / "mail"
    workers.start(f"file://{mail_dir}")
    # go through the fan-out task, as a survey to hundreds of focal points does
    monkeypatch.setattr(services, "FAN_OUT_THRESHOLD", 5)
    add_focal_points(network, 4)
    survey = make_survey()
    # transaction=True: the on-commit enqueue goes to the broker straight away
    queued = services.open_survey(survey, opened_by=network.users["mu"])
    assert queued == 10  # 8 new focal points plus those of cities A and B

    assert wait_for(all_sent), "the worker did not send every request"
    # every task again, as a broker redelivers after a worker crash, and the sweep too
    fan_out_survey.apply_async((survey.pk,), queue=workers.queue)
    for pk in SurveyDelivery.objects.values_list("pk", flat=True):
        send_delivery.apply_async((SurveyDelivery._meta.label_lower, pk), queue=workers.queue)
    send_pending_deliveries.apply_async(queue=workers.queue)
    assert wait_for(lambda: celery_queue_length(workers.queue) == 0)
    time.sleep(1)  # let the last duplicate finish
    messages = "".join(f.read_text() for f in mail_dir.glob("*.log"))
    recipients = recipients_of_survey()
    assert len(recipients) == 10
    for email in recipients:
        assert messages.count(f"To: {email}") == 1, email
    assert "/ar/surveys/link/" in messages


def restore_unacknowledged_messages() -> None:
    """What Redis does for a task whose worker died before acknowledging it, once the
    visibility timeout (an hour) has passed: put it back on its queue."""
    with celery_app.connection_for_write() as conn:
        channel = conn.default_channel
        channel.visibility_timeout = 0
        channel.qos.restore_visible(num=1000, interval=1)


def journalled_ids() -> set[int]:
    """Rows the sent journal (the broker's Redis) holds as accepted by SMTP."""
    journal = SentJournal.for_model(SurveyDelivery)
    return {int(pk) for pk in journal.client.hkeys(journal.key)}


def test_a_worker_killed_mid_batch_sends_no_duplicates_and_loses_nothing(
    workers, network, monkeypatch
):
    monkeypatch.setattr(services, "FAN_OUT_THRESHOLD", 5)
    journal = SentJournal.for_model(SurveyDelivery)
    journal.client.delete(journal.key)  # an earlier run's test database had these ids
    add_focal_points(network, 4)
    survey = make_survey()
    with SMTPSink(hold=3) as sink:
        first = workers.start(f"smtp://127.0.0.1:{sink.port}")
        services.open_survey(survey)
        # two messages accepted and recorded in the journal, the third in flight: kill
        # the worker before its batch is marked sent in PostgreSQL
        assert sink.holding.wait(60), "the worker did not start sending"
        assert wait_for(lambda: len(journalled_ids()) == 2)
        first.send_signal(signal.SIGKILL)
        first.wait(20)
        sink.release()
        assert SurveyDelivery.objects.filter(status="pending").count() == 10
        assert len(sink.accepted) == 2
        accepted_first = {
            pk
            for pk, email in SurveyDelivery.objects.values_list("pk", "recipient__email")
            if email in sink.recipients()
        }
        assert journalled_ids() == accepted_first

        # An hour later the broker hands the unacknowledged batch out again, and the
        # rows the dead worker had claimed are free (its lease ran out).
        SurveyDelivery.objects.filter(status="pending").update(
            claimed_until=timezone.now() - datetime.timedelta(seconds=1)
        )
        restore_unacknowledged_messages()
        workers.start(f"smtp://127.0.0.1:{sink.port}")
        assert wait_for(all_sent), "the redelivered batch did not send the rest"
        send_pending_deliveries.apply_async(queue=workers.queue)  # and the sweep: nothing
        assert wait_for(lambda: celery_queue_length(workers.queue) == 0)
        time.sleep(1)
        assert sorted(sink.recipients()) == recipients_of_survey()  # each exactly once
        assert sink.received == 11  # ten delivered, one dropped unanswered at the kill
        assert journalled_ids() == set()  # settled: the journal keeps nothing


def test_with_the_broker_unreachable_nothing_is_lost_and_the_backlog_drains_once(
    workers, network, client_as
):
    add_focal_points(network, 2)
    survey = make_survey()
    with SMTPSink() as sink:
        workers.start(f"smtp://127.0.0.1:{sink.port}")
        conf = celery_app.conf
        saved = {
            "CELERY_BROKER_URL": conf.broker_url,
            "CELERY_TASK_PUBLISH_RETRY": conf.task_publish_retry,
            "CELERY_BROKER_CONNECTION_TIMEOUT": conf.broker_connection_timeout,
            "CELERY_BROKER_CONNECTION_MAX_RETRIES": conf.broker_connection_max_retries,
        }
        conf.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
        conf.CELERY_TASK_PUBLISH_RETRY = False
        conf.CELERY_BROKER_CONNECTION_TIMEOUT = 1
        conf.CELERY_BROKER_CONNECTION_MAX_RETRIES = 0
        forget_broker_connections()
        try:
            page = client_as(network.users["mu"]).post(
                reverse("surveys:open", kwargs={"pk": survey.pk})
            )
        finally:
            for key, value in saved.items():
                setattr(conf, key, value)
            forget_broker_connections()
        assert page.status_code == 302  # the page worked
        survey.refresh_from_db()
        assert survey.status == Survey.Status.OPEN
        assert SurveyDelivery.objects.filter(status="pending").count() == 6
        time.sleep(2)
        assert sink.accepted == []  # the worker is up, but nothing reached the broker

        # the broker is back: the periodic sweep (beat) runs on the worker and drains it
        send_pending_deliveries.apply_async(queue=workers.queue)
        assert wait_for(all_sent), "the backlog did not drain"
        send_pending_deliveries.apply_async(queue=workers.queue)
        assert wait_for(lambda: celery_queue_length(workers.queue) == 0)
        time.sleep(1)
        assert sorted(sink.recipients()) == recipients_of_survey()
        assert len(sink.accepted) == 6
