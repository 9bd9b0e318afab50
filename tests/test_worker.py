"""A task executed by a real Celery worker through the real Redis broker."""

import time
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from strongcities.celery import app as celery_app
from strongcities.models import Invitation
from strongcities.tasks import send_invitation
from tests.celery_worker import (
    celery_queue_length,
    skip_without_postgres_and_redis,
    start_worker,
    stop_worker,
    wait_for,
)


@pytest.fixture
def worker(settings, tmp_path):
    skip_without_postgres_and_redis(settings)
    queue = f"test-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    process = start_worker(queue, settings.REDIS_URL, EMAIL_URL=f"file://{mail_dir}")
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER = False
    try:
        yield queue, mail_dir
    finally:
        stop_worker(process)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_invitation_once(worker, network):
    queue, mail_dir = worker
    invitation = Invitation.objects.create(
        email="worker-test@example.org",
        display_name="Worker Test (fictional)",
        role=Invitation.Role.FOCAL_POINT,
        city=network.city_a,
        language="fr",
        expires_at=timezone.now() + timedelta(days=3),
    )
    # the same message delivered twice, as a broker may after a worker crash
    send_invitation.apply_async((invitation.pk,), queue=queue)
    send_invitation.apply_async((invitation.pk,), queue=queue)

    def sent():
        invitation.refresh_from_db()
        return invitation.sent_at is not None

    assert wait_for(sent), "the worker did not send the invitation"
    # let the duplicate message be consumed too
    assert wait_for(lambda: celery_queue_length(queue) == 0)
    time.sleep(1)
    files = list(mail_dir.glob("*.log"))
    messages = "".join(f.read_text() for f in files)
    assert messages.count("To: worker-test@example.org") == 1
    assert "/fr/accounts/invitation/" in messages
