"""Nothing is lost when Redis is down: the row stays unsent and the sweep sends it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from strongcities.celery import app as celery_app
from strongcities.models import Invitation
from strongcities.services import invite_person
from strongcities.tasks import send_pending_invitations


@pytest.fixture
def broker_down():
    """Point the Celery app at a port where no Redis listens, without retrying."""
    conf = celery_app.conf
    saved = {
        "CELERY_TASK_ALWAYS_EAGER": conf.task_always_eager,
        "CELERY_BROKER_URL": conf.broker_url,
        "CELERY_TASK_PUBLISH_RETRY": conf.task_publish_retry,
        "CELERY_BROKER_CONNECTION_TIMEOUT": conf.broker_connection_timeout,
        "CELERY_BROKER_CONNECTION_MAX_RETRIES": conf.broker_connection_max_retries,
    }
    conf.CELERY_TASK_ALWAYS_EAGER = False
    conf.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    conf.CELERY_TASK_PUBLISH_RETRY = False
    conf.CELERY_BROKER_CONNECTION_TIMEOUT = 1
    conf.CELERY_BROKER_CONNECTION_MAX_RETRIES = 0
    forget_broker_connections()
    yield
    for key, value in saved.items():
        setattr(conf, key, value)
    # Later tests in this process must not publish through the dead port.
    forget_broker_connections()


def forget_broker_connections():
    """Drop the app's cached connection and producer pools (as Celery does after a fork)."""
    celery_app._after_fork()


@pytest.mark.django_db
def test_an_invitation_survives_a_broker_outage(
    network, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite_person(
            email="patient@example.org",
            display_name="Patient (fictional)",
            role=Invitation.Role.HUB_STAFF,
            invited_by=network.users["mu"],
            hub=network.hub_a,
        )
    invitation.refresh_from_db()
    assert invitation.sent_at is None
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_sweep_sends_what_was_left_and_only_once(network):
    invitation = Invitation.objects.create(
        email="later@example.org",
        display_name="Later (fictional)",
        role=Invitation.Role.MANAGEMENT_UNIT,
        expires_at=timezone.now() + timedelta(days=2),
    )
    Invitation.objects.create(
        email="expired@example.org",
        display_name="Expired (fictional)",
        role=Invitation.Role.MANAGEMENT_UNIT,
        expires_at=timezone.now() - timedelta(days=1),
    )
    assert send_pending_invitations() == 1
    assert send_pending_invitations() == 0
    assert [m.to for m in mail.outbox] == [["later@example.org"]]
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
