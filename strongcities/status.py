"""What the staff status page shows: the database, Redis, the worker's heartbeat, the
oldest unsent email of each outbox and the length of the task queue.

/healthz stays cheap (strongcities.health: two pings); this page is for people and may
count rows. Every probe answers within a second or says it could not.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

import redis
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from strongcities.release import code_release

# The heartbeat task runs every minute: three missed beats mean a stuck worker or beat.
HEARTBEAT_LATE_AFTER = timedelta(minutes=3)
# An unsent email older than this is a sign that the sweep or the worker is stuck.
OUTBOX_LATE_AFTER = timedelta(minutes=30)


def heartbeat_key() -> str:
    # Named after the queue, so deployments sharing one Redis (CELERY_QUEUE) keep apart.
    return f"{settings.CELERY_TASK_DEFAULT_QUEUE}:worker-heartbeat"


def redis_client():
    if not settings.REDIS_URL:
        return None
    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)


# --- heartbeat -----------------------------------------------------------------------


def record_heartbeat(*, now: datetime | None = None) -> str:
    """Called by the worker's periodic task: when, which worker host and which code
    release (strongcities/release.py) last ran one."""
    stamp = (now or timezone.now()).isoformat()
    client = redis_client()
    if client is not None:
        value = f"{stamp} {socket.gethostname()} {code_release()}"
        client.set(heartbeat_key(), value, ex=7 * 24 * 3600)
    return stamp


@dataclass(frozen=True)
class Heartbeat:
    state: str  # ok, late, never, down, not configured
    at: datetime | None = None
    host: str = ""
    code: str = ""  # the worker's code release ("" from a release before it was recorded)

    @property
    def age(self) -> timedelta | None:
        return timezone.now() - self.at if self.at else None

    @property
    def runs_other_code(self) -> bool:
        """The worker and this web node key cached figures differently: the dashboard
        and the annual report never find what the worker computes (a deploy that
        updated one and not the other)."""
        return bool(self.code) and self.code != code_release()


def last_heartbeat() -> Heartbeat:
    client = redis_client()
    if client is None:
        return Heartbeat("not configured")
    try:
        raw = client.get(heartbeat_key())
    except redis.RedisError:
        return Heartbeat("down")
    if not raw:
        return Heartbeat("never")
    stamp, _, rest = raw.decode().partition(" ")
    host, _, code = rest.partition(" ")
    at = datetime.fromisoformat(stamp)
    state = "late" if timezone.now() - at > HEARTBEAT_LATE_AFTER else "ok"
    return Heartbeat(state, at, host, code)


# --- services --------------------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    state: str  # ok, down, not configured
    milliseconds: float | None = None
    detail: str = ""


def database_probe() -> Probe:
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means "down"; the page must still render
        return Probe("down", detail=type(error).__name__)
    return Probe("ok", (time.monotonic() - started) * 1000, connection.vendor)


def redis_probe() -> Probe:
    client = redis_client()
    if client is None:
        return Probe("not configured", detail=str(_("tasks run inline in the web process")))
    started = time.monotonic()
    try:
        client.ping()
    except redis.RedisError as error:
        return Probe("down", detail=type(error).__name__)
    return Probe("ok", (time.monotonic() - started) * 1000)


def queue_names() -> list[str]:
    """The broker's lists for the default queue, with kombu's priority sub-queues."""
    base = settings.CELERY_TASK_DEFAULT_QUEUE
    return [base, *(f"{base}\x06\x16{priority}" for priority in (1, 2, 3, 4, 5, 6, 7, 8, 9))]


def queue_lengths() -> dict[str, int] | None:
    """Messages waiting per queue (Redis lists); None when Redis is absent or down."""
    client = redis_client()
    if client is None:
        return None
    try:
        pipe = client.pipeline()
        names = queue_names()
        for name in names:
            pipe.llen(name)
        lengths = pipe.execute()
    except redis.RedisError:
        return None
    base = settings.CELERY_TASK_DEFAULT_QUEUE
    return {base: sum(lengths)}


# --- outboxes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OutboxState:
    label: str
    unsent: int
    oldest: datetime | None

    @property
    def age(self) -> timedelta | None:
        return timezone.now() - self.oldest if self.oldest else None

    @property
    def is_late(self) -> bool:
        return self.age is not None and self.age > OUTBOX_LATE_AFTER


def _outbox_querysets():
    """Each table of emails that go out once, with what "not sent yet" means for it."""
    from events.models import EventNotice
    from hubs.models import HelpdeskNotification
    from hubs.models.support import SupportFundNotification
    from strongcities.models import Invitation
    from surveys.models import ReminderDelivery, SurveyDelivery

    now = timezone.now()
    return [
        (
            _("Invitations"),
            Invitation.objects.filter(
                sent_at__isnull=True,
                accepted_at__isnull=True,
                needs_approval=False,
                expires_at__gt=now,
            ),
        ),
        (_("Helpdesk emails"), HelpdeskNotification.objects.filter(sent_at__isnull=True)),
        (
            _("Technical Support Fund emails"),
            SupportFundNotification.objects.filter(sent_at__isnull=True),
        ),
        (
            _("Event emails"),
            EventNotice.objects.filter(sent_at__isnull=True, skipped_at__isnull=True),
        ),
        (_("Survey emails"), SurveyDelivery.objects.filter(status=SurveyDelivery.Status.PENDING)),
        (
            _("Reminder emails"),
            ReminderDelivery.objects.filter(status=ReminderDelivery.Status.PENDING),
        ),
    ]


def outbox_states() -> list[OutboxState]:
    """One aggregate query per outbox table (six in all, whatever the volume)."""
    from django.db.models import Count, Min

    states = []
    for label, queryset in _outbox_querysets():
        figures = queryset.order_by().aggregate(unsent=Count("pk"), oldest=Min("created_at"))
        states.append(OutboxState(str(label), figures["unsent"], figures["oldest"]))
    return states


def oldest_unsent(states: list[OutboxState]) -> OutboxState | None:
    dated = [state for state in states if state.oldest]
    return min(dated, key=lambda state: state.oldest) if dated else None


def status_report() -> dict:
    outboxes = outbox_states()
    return {
        "database": database_probe(),
        "redis": redis_probe(),
        "heartbeat": last_heartbeat(),
        "queues": queue_lengths(),
        "outboxes": outboxes,
        "oldest_unsent": oldest_unsent(outboxes),
        "checked_at": timezone.now(),
    }
