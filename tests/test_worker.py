"""A task executed by a real Celery worker through the real Redis broker."""

import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from strongcities.celery import app as celery_app
from strongcities.models import Invitation
from strongcities.tasks import send_invitation

ROOT = Path(__file__).resolve().parent.parent


def database_url_of_test_db() -> str:
    s = connection.settings_dict
    user, host, port = s["USER"] or "postgres", s["HOST"] or "127.0.0.1", s["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{s['NAME']}"


@pytest.fixture
def worker(settings, tmp_path):
    if connection.vendor != "postgresql" or not settings.REDIS_URL:
        pytest.skip("needs PostgreSQL and Redis (make test provides both)")
    queue = f"test-{uuid.uuid4().hex[:8]}"
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
    try:
        yield queue, mail_dir
    finally:
        process.terminate()
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        if output.strip():
            print(output)


def wait_for(predicate, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


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


def celery_queue_length(queue: str) -> int:
    with celery_app.connection_for_write() as conn:
        return conn.default_channel.client.llen(queue)
