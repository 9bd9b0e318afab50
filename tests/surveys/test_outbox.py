"""Never lost: with the broker down pages work and rows wait; SMTP failures are
counted, retried, then marked failed for staff to see and resend."""

import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from surveys import services
from surveys.delivery import MAX_ATTEMPTS, DeliveryFailed
from surveys.models import Survey, SurveyDelivery
from surveys.tasks import send_pending_deliveries
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
