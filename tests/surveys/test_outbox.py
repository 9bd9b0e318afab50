"""Never lost: with the broker down pages work and rows wait; SMTP failures are
counted, retried, then marked failed for staff to see and resend."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from surveys import delivery, services
from surveys.delivery import MAX_ATTEMPTS, DeliveryFailed
from surveys.models import ReminderOptOut, Survey, SurveyDelivery
from surveys.tasks import send_pending_deliveries
from tests.factories import FocalPointFactory
from tests.surveys.conftest import make_survey
from tests.test_outbox import broker_down  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_opening_a_survey_with_the_broker_down_loses_nothing(
    network,
    broker_down,  # noqa: F811 (the fixture imported above)
    client_as,
    django_capture_on_commit_callbacks,
):
    survey = make_survey()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(network.users["mu"]).post(
            reverse("surveys:open", kwargs={"pk": survey.pk})
        )
    assert response.status_code == 302  # the page works
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    assert mail.outbox == []
    assert SurveyDelivery.objects.filter(status="pending").count() == 2


def test_the_backlog_drains_once_when_the_broker_returns(network):
    survey = make_survey()
    services.open_survey(survey)  # nothing committed: as if the enqueue had failed
    assert SurveyDelivery.objects.filter(status="pending").count() == 2
    assert send_pending_deliveries() == 2
    assert send_pending_deliveries() == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [network.users["focal_a"].email, network.users["focal_b"].email]
    )


def test_an_smtp_error_is_retried_then_marked_failed_and_shown(network, settings, client_as):
    survey = make_survey()
    services.open_survey(survey)
    delivery = SurveyDelivery.objects.get(recipient=network.users["focal_a"])
    settings.EMAIL_BACKEND = "tests.surveys.test_outbox.RefusingBackend"
    for _ in range(MAX_ATTEMPTS - 1):
        with pytest.raises(DeliveryFailed):
            services.send_survey_delivery(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", MAX_ATTEMPTS - 1)
    assert services.send_survey_delivery(delivery.pk) is False
    delivery.refresh_from_db()
    assert delivery.status == "failed"
    assert "SMTPServerDisconnected" in delivery.last_error
    # the sweep leaves failed rows alone; staff see them
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_pending_deliveries()
    assert network.users["focal_a"].email not in [m.to[0] for m in mail.outbox]
    html = client_as(network.users["mu"]).get(reverse("surveys:outbox") + "?status=failed")
    assert network.users["focal_a"].email in html.content.decode()


# --- preferences and headers ----------------------------------------------------------


def _reminded(network, survey):
    """Open the survey, send the requests, then make the first reminder due and send it."""
    services.open_survey(survey)
    send_pending_deliveries()
    SurveyDelivery.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    services.queue_survey_reminders(survey)
    send_pending_deliveries()


def test_reminders_carry_one_click_unsubscribe_headers_and_requests_do_not(network):
    survey = make_survey()
    _reminded(network, survey)
    email = network.users["focal_a"].email
    request, reminder = [m for m in mail.outbox if m.to == [email]]
    assert "List-Unsubscribe" not in request.extra_headers  # essential: always goes
    header = reminder.extra_headers["List-Unsubscribe"]
    assert header.startswith("<http://127.0.0.1:8000/en/surveys/unsubscribe/")
    assert reminder.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert header[1:-1] in reminder.body  # the same link in the text
    # each row has its own Message-ID, the same however often it is sent
    row = SurveyDelivery.objects.get(recipient=network.users["focal_a"], kind="reminder")
    assert reminder.extra_headers["Message-ID"] == row.message_id
    assert request.extra_headers["Message-ID"] != row.message_id


def test_a_mail_programs_one_click_post_unsubscribes_without_a_session(network):
    survey = make_survey()
    _reminded(network, survey)
    focal = network.users["focal_a"]
    reminder = [m for m in mail.outbox if m.to == [focal.email]][-1]
    path = reminder.extra_headers["List-Unsubscribe"][1:-1].split("8000", 1)[1]
    client = Client(enforce_csrf_checks=True)  # no cookie, no CSRF token: a mail program
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert ReminderOptOut.objects.filter(user=focal).exists()
    # the page lets the person turn reminders back on
    assert "Send me reminders again" in client.get(path).content.decode()
    client.post(path, {"action": "resubscribe"})
    assert not ReminderOptOut.objects.filter(user=focal).exists()


def test_a_reminder_waiting_in_the_outbox_is_not_sent_after_an_unsubscribe(network):
    survey = make_survey()
    services.open_survey(survey)
    send_pending_deliveries()
    SurveyDelivery.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    services.queue_survey_reminders(survey)  # queued, not sent yet (the broker was down)
    ReminderOptOut.objects.create(user=network.users["focal_a"])
    mail.outbox.clear()
    send_pending_deliveries()
    assert [m.to for m in mail.outbox] == [[network.users["focal_b"].email]]
    skipped = SurveyDelivery.objects.get(recipient=network.users["focal_a"], kind="reminder")
    assert skipped.status == SurveyDelivery.Status.SKIPPED
    assert "unsubscribed" in skipped.last_error


def test_essential_messages_ignore_the_unsubscribe_but_not_a_deactivated_account(network):
    ReminderOptOut.objects.create(user=network.users["focal_a"])
    survey = make_survey()
    services.open_survey(survey)
    focal_b = network.users["focal_b"]
    focal_b.is_active = False
    focal_b.save()
    send_pending_deliveries()
    assert [m.to for m in mail.outbox] == [[network.users["focal_a"].email]]
    assert SurveyDelivery.objects.get(recipient=focal_b).status == SurveyDelivery.Status.SKIPPED


# --- claims, batches and errors -------------------------------------------------------


def test_a_row_another_worker_is_sending_is_left_to_it_until_its_claim_runs_out(network):
    survey = make_survey()
    services.open_survey(survey)
    ids = list(SurveyDelivery.objects.order_by("pk").values_list("pk", flat=True))
    claimed = delivery.claim(SurveyDelivery, ids[:1])  # a worker took the first row
    assert [row.pk for row in claimed] == ids[:1]
    assert services.send_survey_deliveries(ids) == (1, [])  # the other one only
    assert len(mail.outbox) == 1
    assert send_pending_deliveries() == 0  # the sweep leaves a claimed row alone
    # that worker died: once its claim ran out, the row goes
    SurveyDelivery.objects.filter(pk=ids[0]).update(
        claimed_until=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert send_pending_deliveries() == 1
    assert len(mail.outbox) == 2
    assert not SurveyDelivery.objects.exclude(status="sent").exists()


class RefusingSecondBackend(BaseEmailBackend):
    """Accepts every message but the second of the process."""

    calls = 0

    def send_messages(self, messages):
        type(self).calls += 1
        if type(self).calls == 2:
            raise smtplib.SMTPRecipientsRefused({})
        mail.outbox.extend(messages)
        return len(messages)


def test_one_failure_in_a_batch_does_not_hold_back_the_others(network, settings):
    for _ in range(3):
        FocalPointFactory(city=network.city_a, is_primary=False)
    survey = make_survey()
    services.open_survey(survey)
    ids = list(SurveyDelivery.objects.order_by("pk").values_list("pk", flat=True))
    settings.EMAIL_BACKEND = "tests.surveys.test_outbox.RefusingSecondBackend"
    RefusingSecondBackend.calls = 0
    sent, retry = services.send_survey_deliveries(ids)
    assert (sent, retry) == (4, [ids[1]])
    failed = SurveyDelivery.objects.get(pk=ids[1])
    assert (failed.status, failed.attempts, failed.claimed_until) == ("pending", 1, None)
    assert services.send_survey_deliveries(ids) == (1, [])  # the retry sends only that one
    assert len(mail.outbox) == 5
    marks = {
        row.pk: (row.status, row.attempts, row.claimed_until, row.sent_at is not None)
        for row in SurveyDelivery.objects.all()
    }
    assert marks[ids[1]] == ("sent", 2, None, True)  # a failed attempt, then the send
    assert {marks[pk] for pk in ids if pk != ids[1]} == {("sent", 1, None, True)}


def test_a_message_that_cannot_be_rendered_is_counted_and_ends_failed(network, monkeypatch):
    survey = make_survey()
    services.open_survey(survey)

    def broken(row):
        raise KeyError("a template variable")

    monkeypatch.setattr(services, "render_survey_delivery", broken)
    row = SurveyDelivery.objects.first()
    for _ in range(MAX_ATTEMPTS - 1):
        with pytest.raises(DeliveryFailed):
            delivery.deliver(SurveyDelivery, row.pk, services.render_survey_delivery)
    assert delivery.deliver(SurveyDelivery, row.pk, services.render_survey_delivery) is False
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("failed", MAX_ATTEMPTS)
    assert "KeyError" in row.last_error
    assert mail.outbox == []


def test_opening_a_survey_with_an_empty_audience_is_refused(network):
    survey = make_survey(audience=Survey.Audience.HUBS)  # no hub chosen
    with pytest.raises(ValidationError):
        services.open_survey(survey)
    survey.refresh_from_db()
    assert survey.status == Survey.Status.DRAFT
