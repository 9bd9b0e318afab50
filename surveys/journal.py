"""The sent journal: which claimed rows SMTP has accepted, kept in the broker's Redis
until PostgreSQL is told, in one statement for the whole batch.

Marking each message sent in PostgreSQL straight after SMTP accepted it cost the
database a statement (and a commit) per message: 10,000 for a survey to every focal
point, while the portal is serving pages. Instead the worker notes each accepted
message here (one HSET on the Redis it already talks to as its broker) and marks the
batch sent in one UPDATE at its end (surveys.delivery). A worker killed before that
UPDATE leaves its accepted rows in the journal, still pending (and claimed until its
lease ends) in PostgreSQL: whoever claims them next finds them here and marks them
sent instead of sending them again. So, as with a statement per message, only the
message in flight at a kill can go twice.

An entry names its row by id and creation time, and counts only for that row: an entry
left over from another row with the same id (a test database made again, a database
restored under the same name) never stops a message.

The guarantee needs the journal to outlive the worker: the broker's Redis must keep
its data across a restart (append-only file, as in docker-compose.yml) and never evict
keys (see REDIS_URL in the README); Celery's queues need both anyway. Without
REDIS_URL (the quick start) there is no journal and each message is marked in
PostgreSQL on its own; so are the rest of a batch's messages once Redis stops answering
mid-batch.
"""

from __future__ import annotations

import datetime
import logging

import redis
from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

# Entries are removed once their batch is marked. The journal of a model expires after
# a month without a write, long after any lease has ended and the sweep has settled it.
KEEP_SECONDS = 30 * 24 * 3600

_clients: dict[str, redis.Redis] = {}


class JournalUnavailable(Exception):
    """Redis did not answer, so what a dead worker may have sent is unknown."""


def _client(url: str) -> redis.Redis:
    # One client per process and URL: its pool reconnects after a fork.
    client = _clients.get(url)
    if client is None:
        client = _clients[url] = redis.Redis.from_url(
            url, socket_timeout=2, socket_connect_timeout=2
        )
    return client


def _identity(row) -> str:
    """A row's creation time in UTC, as the microseconds PostgreSQL keeps."""
    return row.created_at.astimezone(datetime.UTC).isoformat()


class SentJournal:
    def __init__(self, model, client: redis.Redis):
        self.client = client
        # Several portals (each on a task queue of its own: CELERY_QUEUE), or the
        # parallel test databases, may share one Redis: the queue and the database's
        # name keep their row ids apart.
        self.key = ":".join(
            (
                "sent-journal",
                settings.CELERY_TASK_DEFAULT_QUEUE,
                connection.settings_dict["NAME"],
                model._meta.label_lower,
            )
        )
        self.working = True

    @classmethod
    def for_model(cls, model) -> SentJournal | None:
        """The journal of `model`'s rows, or None without a broker (the quick start)."""
        if not settings.REDIS_URL:
            return None
        return cls(model, _client(settings.REDIS_URL))

    def record(self, row, sent_at: datetime.datetime) -> bool:
        """Note that SMTP accepted `row`. False if Redis did not take it (the caller
        then marks the row in PostgreSQL at once); after one failure the journal stops
        trying for the rest of its batch, rather than wait on Redis for every message."""
        if not self.working:
            return False
        try:
            with self.client.pipeline(transaction=False) as pipe:
                pipe.hset(self.key, str(row.pk), f"{sent_at.isoformat()} {_identity(row)}")
                pipe.expire(self.key, KEEP_SECONDS)
                pipe.execute()
        except redis.RedisError as exc:
            logger.warning("Sent journal unavailable (%s); marking each message at once", exc)
            self.working = False
            return False
        return True

    def recorded(self, rows) -> dict[int, datetime.datetime]:
        """Which of these (pending) rows SMTP accepted without PostgreSQL being told,
        with when. Entries of other rows with the same ids are left-overs, and dropped."""
        pks = [row.pk for row in rows]
        try:
            values = self.client.hmget(self.key, [str(pk) for pk in pks]) if pks else []
        except (redis.ConnectionError, redis.TimeoutError) as exc:
            raise JournalUnavailable(str(exc)) from exc
        except redis.RedisError as exc:  # not an outage: the journal itself is broken
            logger.error("Sent journal %s unreadable: %s; nothing is sent", self.key, exc)
            raise JournalUnavailable(str(exc)) from exc
        sent, stale = {}, []
        for row, value in zip(rows, values, strict=True):
            if value is None:
                continue
            sent_at, _, identity = value.decode().partition(" ")
            if identity == _identity(row):
                sent[row.pk] = datetime.datetime.fromisoformat(sent_at)
            else:
                stale.append(row.pk)
        self.forget(stale)
        return sent

    def forget(self, pks: list[int]) -> None:
        """PostgreSQL has these rows as sent (or the entries are left-overs)."""
        if not pks:
            return
        try:
            self.client.hdel(self.key, *[str(pk) for pk in pks])
        except redis.RedisError as exc:  # left-overs never count (see above)
            logger.warning("Could not clear %d sent journal entries: %s", len(pks), exc)
