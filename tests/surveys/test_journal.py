"""The sent journal (surveys/journal.py): a batch's rows are marked sent in PostgreSQL by
one statement, whatever the batch's size; rows a dead worker had sent are found in the
journal and never sent again; a left-over entry never stops a message; with the journal
unreachable nothing is sent; when it fails mid-batch, or without a broker, each message
is marked on its own. Real PostgreSQL and Redis."""

import datetime
from types import SimpleNamespace

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from surveys import delivery, services
from surveys.delivery import DeliveryFailed
from surveys.journal import SentJournal
from surveys.models import SurveyDelivery
from tests.celery_worker import skip_without_postgres_and_redis
from tests.factories import FocalPointFactory
from tests.surveys.conftest import make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def journal(settings):
    skip_without_postgres_and_redis(settings)
    journal = SentJournal.for_model(SurveyDelivery)
    journal.client.delete(journal.key)  # a test database's ids start again every run
    yield journal
    journal.client.delete(journal.key)


def open_survey_to(network, extra_focal_points: int) -> list[int]:
    """A survey opened to the network's two focal points and `extra_focal_points` more;
    the ids of its rows, pending (the on-commit hand-off to the broker never runs here)."""
    for _ in range(extra_focal_points):
        FocalPointFactory(city=network.city_a, is_primary=False)
    services.open_survey(make_survey())
    return list(SurveyDelivery.objects.order_by("pk").values_list("pk", flat=True))


def statements(queries) -> list[str]:
    """What was asked of the database (a test's savepoints aside)."""
    return [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]


def marking_statements(queries) -> list[str]:
    return [sql for sql in statements(queries) if sql.startswith("UPDATE") and "sent_at" in sql]


def entries(journal) -> dict:
    return journal.client.hgetall(journal.key)


@pytest.mark.parametrize("extra", [3, 40])
def test_a_batch_is_marked_sent_in_one_statement_for_5_rows_as_for_42(network, journal, extra):
    ids = open_survey_to(network, extra)
    with CaptureQueriesContext(connection) as queries:
        assert services.send_survey_deliveries(ids) == (len(ids), [])
    # claim (select and lease), opt-outs are not asked for (a survey request is
    # essential), then the one statement that marks the batch
    assert len(statements(queries)) == 3
    assert len(marking_statements(queries)) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        SurveyDelivery.objects.values_list("recipient__email", flat=True)
    )
    rows = SurveyDelivery.objects.values_list("status", "attempts", "claimed_until", "sent_at")
    assert {row[:3] for row in rows} == {("sent", 1, None)}
    assert all(row[3] is not None for row in rows)
    assert entries(journal) == {}  # settled: nothing left in Redis


def test_rows_a_dead_worker_sent_are_marked_sent_not_sent_again(network, journal):
    ids = open_survey_to(network, 2)
    # A worker claimed the four rows, SMTP accepted the first two and the journal noted
    # them, then the worker was killed before its batch's statement; its lease ran out.
    claimed = delivery.claim(SurveyDelivery, ids)
    accepted_at = timezone.now() - datetime.timedelta(minutes=20)
    for row in claimed[:2]:
        assert journal.record(row, accepted_at)
    SurveyDelivery.objects.update(claimed_until=timezone.now() - datetime.timedelta(seconds=1))

    assert services.send_survey_deliveries(ids) == (2, [])
    unsent_emails = SurveyDelivery.objects.filter(pk__in=ids[2:]).values_list(
        "recipient__email", flat=True
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted(unsent_emails)
    settled = SurveyDelivery.objects.filter(pk__in=ids[:2])
    assert {(row.status, row.sent_at, row.attempts, row.claimed_until) for row in settled} == {
        ("sent", accepted_at, 1, None)
    }
    assert entries(journal) == {}
    # the sweep and a redelivered single-message task find nothing more to send
    assert services.send_survey_deliveries(ids) == (0, [])
    assert services.send_survey_delivery(ids[0]) is False
    assert len(mail.outbox) == 2


def test_a_single_message_task_also_settles_from_the_journal(network, journal):
    ids = open_survey_to(network, 0)
    (row,) = delivery.claim(SurveyDelivery, ids[:1])
    assert journal.record(row, timezone.now())
    SurveyDelivery.objects.update(claimed_until=None)
    assert services.send_survey_delivery(ids[0]) is False  # sent already: not again
    assert mail.outbox == []
    assert SurveyDelivery.objects.get(pk=ids[0]).status == "sent"


def test_a_left_over_entry_of_another_row_with_the_same_id_never_stops_a_message(network, journal):
    ids = open_survey_to(network, 0)
    # a row of an earlier test database, or another portal's, had the same id
    earlier = SimpleNamespace(pk=ids[0], created_at=timezone.now() - datetime.timedelta(days=3))
    assert journal.record(earlier, timezone.now() - datetime.timedelta(days=3))
    rows = delivery._claim_unsent(SurveyDelivery, ids, ("survey",), journal)
    assert [row.pk for row in rows] == ids  # both still to send
    assert entries(journal) == {}  # the left-over is dropped
    SurveyDelivery.objects.update(claimed_until=None)
    assert services.send_survey_deliveries(ids) == (2, [])
    assert len(mail.outbox) == 2
    assert SurveyDelivery.objects.get(pk=ids[0]).sent_at > earlier.created_at


def test_portals_sharing_one_redis_keep_their_journals_apart(network, journal, settings):
    ids = open_survey_to(network, 0)
    (row,) = delivery.claim(SurveyDelivery, ids[:1])
    settings.CELERY_TASK_DEFAULT_QUEUE = "another-portal"  # its database has the same name
    theirs = SentJournal.for_model(SurveyDelivery)
    assert theirs.record(SimpleNamespace(pk=row.pk, created_at=timezone.now()), timezone.now())
    try:
        settings.CELERY_TASK_DEFAULT_QUEUE = journal.key.split(":")[1]  # ours again
        SurveyDelivery.objects.update(claimed_until=None)
        assert services.send_survey_deliveries(ids) == (2, [])  # theirs stops nothing
        assert theirs.client.hlen(theirs.key) == 1  # and is not dropped as a left-over
    finally:
        theirs.client.delete(theirs.key)


def test_with_the_journal_unreachable_nothing_is_sent_and_the_rows_wait(network, journal, settings):
    ids = open_survey_to(network, 1)
    reachable = settings.REDIS_URL
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    # what a dead worker may have sent is unknown: send nothing, give the rows back
    assert services.send_survey_deliveries(ids) == (0, ids)
    with pytest.raises(DeliveryFailed):
        services.send_survey_delivery(ids[0])
    assert mail.outbox == []
    assert set(SurveyDelivery.objects.values_list("status", "claimed_until")) == {("pending", None)}
    settings.REDIS_URL = reachable  # Redis is back: the retry sends each once
    assert services.send_survey_deliveries(ids) == (len(ids), [])
    assert len(mail.outbox) == len(ids)


def test_a_journal_failing_mid_batch_leaves_the_rest_marked_one_by_one(network, journal, caplog):
    ids = open_survey_to(network, 4)
    rendered = []

    def render_breaking_the_journal_at_the_third(row):
        rendered.append(row.pk)
        if len(rendered) == 3:  # the journal's key is lost and Redis refuses its writes
            journal.client.set(journal.key, "not a hash")
        return services.render_survey_delivery(row)

    with CaptureQueriesContext(connection) as queries:
        sent = delivery.deliver_many(
            SurveyDelivery, ids, render_breaking_the_journal_at_the_third, related=("survey",)
        )
    assert sent == (6, [])
    # the third to the sixth at once, a statement each; the first two (their entries
    # gone with the hash) by the batch's, from what the worker kept
    assert len(marking_statements(queries)) == 4 + 1
    # after the first refusal the batch stopped asking Redis
    refusals = [r for r in caplog.records if "Sent journal unavailable" in r.getMessage()]
    assert len(refusals) == 1
    assert len(mail.outbox) == 6
    assert set(SurveyDelivery.objects.values_list("status", "attempts", "claimed_until")) == {
        ("sent", 1, None)
    }


class WorkerStopped(SystemExit):
    """What a worker told to stop raises in the task it is running."""


def test_a_batch_stopped_mid_way_marks_what_it_sent(network, journal):
    ids = open_survey_to(network, 3)
    rendered = []

    def render_then_stop_at_the_third(row):
        rendered.append(row.pk)
        if len(rendered) == 3:
            raise WorkerStopped
        return services.render_survey_delivery(row)

    with pytest.raises(WorkerStopped):
        delivery.deliver_many(
            SurveyDelivery, ids, render_then_stop_at_the_third, related=("survey",)
        )
    assert len(mail.outbox) == 2
    statuses = dict(SurveyDelivery.objects.values_list("pk", "status"))
    assert [statuses[pk] for pk in rendered] == ["sent", "sent", "pending"]
    assert entries(journal) == {}


def test_without_a_broker_each_message_is_marked_on_its_own(network, journal, settings):
    settings.REDIS_URL = ""  # the quick start
    ids = open_survey_to(network, 3)
    with CaptureQueriesContext(connection) as queries:
        assert services.send_survey_deliveries(ids) == (5, [])
    assert len(marking_statements(queries)) == 5
    assert set(SurveyDelivery.objects.values_list("status", flat=True)) == {"sent"}
    assert len(mail.outbox) == 5
    assert not journal.client.exists(journal.key)  # no journal was written
