"""The staff status page, the worker heartbeat, a cheap /healthz and security.txt."""

import datetime
import uuid

import pytest
from django.utils import timezone

from strongcities.models import Invitation
from strongcities.status import (
    heartbeat_key,
    last_heartbeat,
    outbox_states,
    record_heartbeat,
    redis_client,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_queue(settings):
    """A queue name (and so a heartbeat key) of this test alone, cleaned afterwards."""
    settings.CELERY_TASK_DEFAULT_QUEUE = f"test-status-{uuid.uuid4().hex[:8]}"
    yield settings.CELERY_TASK_DEFAULT_QUEUE
    redis_client().delete(heartbeat_key(), settings.CELERY_TASK_DEFAULT_QUEUE)


def unsent_invitation(network, *, age: datetime.timedelta, **extra):
    now = timezone.now()
    return Invitation.objects.create(
        email=f"{uuid.uuid4().hex[:8]}@example.org",
        display_name="Someone (fictional)",
        role=Invitation.Role.FOCAL_POINT,
        city=network.city_a,
        created_at=now - age,
        expires_at=now + datetime.timedelta(days=3),
        **extra,
    )


def test_the_heartbeat_is_never_late_or_ok(own_queue):
    assert last_heartbeat().state == "never"
    record_heartbeat(now=timezone.now() - datetime.timedelta(minutes=10))
    assert last_heartbeat().state == "late"
    record_heartbeat()
    beat = last_heartbeat()
    assert beat.state == "ok" and beat.age < datetime.timedelta(seconds=5) and beat.host


def test_the_status_page_says_when_the_worker_runs_other_code(
    network, client_as, own_queue, monkeypatch
):
    from strongcities import release as release_module
    from strongcities.release import Release

    client = client_as(network.users["mu"])
    record_heartbeat()
    assert last_heartbeat().code == release_module.code_release()
    assert "another release of the code" not in client.get("/en/dashboard/status/").content.decode()
    # the web node redeployed, the worker not: they key the cached figures differently
    taken = release_module._current
    monkeypatch.setattr(release_module, "_current", Release(pages="new", code="new-code"))
    page = client.get("/ar/dashboard/status/").content.decode()
    assert f"({taken.code})" in page and "(new-code)" in page
    assert "another release of the code" not in page  # in Arabic
    assert "new-code" in client.get("/en/dashboard/status/").content.decode()
    english = client.get("/en/dashboard/status/").content.decode()
    assert "The worker runs another release of the code" in english


def test_a_heartbeat_of_a_release_before_codes_were_recorded_still_reads(own_queue):
    stamp = timezone.now().isoformat()
    redis_client().set(heartbeat_key(), f"{stamp} worker-1")
    beat = last_heartbeat()
    assert (beat.state, beat.host, beat.code, beat.runs_other_code) == ("ok", "worker-1", "", False)


def test_without_redis_the_heartbeat_is_not_configured(settings):
    settings.REDIS_URL = ""
    assert last_heartbeat().state == "not configured"


def test_the_heartbeat_is_scheduled_every_minute():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="strongcities.tasks.heartbeat")
    assert (task.interval.every, task.interval.period) == (1, "minutes")
    assert task.enabled


def test_the_oldest_unsent_email_is_found_in_every_outbox(network):
    unsent_invitation(network, age=datetime.timedelta(hours=2))
    unsent_invitation(network, age=datetime.timedelta(minutes=5))
    # not waiting to be sent: already sent, or held for staff approval
    unsent_invitation(network, age=datetime.timedelta(days=1), sent_at=timezone.now())
    unsent_invitation(network, age=datetime.timedelta(days=1), needs_approval=True)
    states = {state.label: state for state in outbox_states()}
    invitations = states["Invitations"]
    assert invitations.unsent == 2
    assert invitations.age > datetime.timedelta(minutes=119) and invitations.is_late
    assert states["Helpdesk emails"].unsent == 0 and states["Helpdesk emails"].oldest is None


def test_the_status_page_shows_what_staff_need(network, client_as, own_queue):
    unsent_invitation(network, age=datetime.timedelta(hours=2))
    redis_client().rpush(own_queue, "a", "b", "c")
    record_heartbeat()
    response = client_as(network.user("mu")).get("/en/dashboard/status/")
    assert response.status_code == 200
    html = response.content.decode()
    report = response.context["report"]
    assert report["database"].state == "ok" and report["redis"].state == "ok"
    assert report["heartbeat"].state == "ok"
    assert report["queues"] == {own_queue: 3}
    assert report["oldest_unsent"].label == "Invitations"
    assert 'class="queue-length">3<' in html
    assert "The oldest unsent email (Invitations) has waited 2" in html
    assert "Last heartbeat" in html


def test_the_status_page_when_redis_is_down(network, client_as, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client_as(network.user("admin")).get("/en/dashboard/status/")
    assert response.status_code == 200
    report = response.context["report"]
    assert report["redis"].state == "down" and report["heartbeat"].state == "down"
    assert report["queues"] is None


@pytest.mark.parametrize("size", [1, 25])
def test_the_status_page_costs_the_same_whatever_is_waiting(
    network, client_as, size, django_assert_max_num_queries
):
    for _ in range(size):
        unsent_invitation(network, age=datetime.timedelta(minutes=1))
    client = client_as(network.user("mu"))
    with django_assert_max_num_queries(11):  # session, user, grants, MFA, 6 outboxes, ping
        assert client.get("/en/dashboard/status/").status_code == 200


@pytest.mark.parametrize("role", ["focal_a", "hub_a", "committee"])
def test_only_central_staff_see_the_status_page(network, client_as, role):
    assert client_as(network.user(role)).get("/en/dashboard/status/").status_code == 403


def test_healthz_stays_cheap(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert set(response.json()) == {"database", "redis"}


def test_security_txt_names_the_contact(client, settings):
    settings.SECURITY_CONTACT = ["security@strongcities.example", "https://example.org/report"]
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Contact: mailto:security@strongcities.example" in lines
    assert "Contact: https://example.org/report" in lines
    expires = next(line for line in lines if line.startswith("Expires: "))
    when = datetime.datetime.fromisoformat(expires.removeprefix("Expires: ").replace("Z", "+00:00"))
    assert timezone.now() < when < timezone.now() + datetime.timedelta(days=365)
    assert f"Canonical: {settings.SITE_URL}/.well-known/security.txt" in lines


def test_security_txt_contact_defaults_to_the_site(settings):
    # the setting's default, computed from ADMINS or SITE_URL, is a mailto: address
    assert all(c.startswith(("mailto:", "https://")) for c in settings.SECURITY_CONTACT)
