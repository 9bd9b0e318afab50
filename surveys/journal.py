"""The sent journal: which claimed rows SMTP has accepted, kept in the broker's Redis
until PostgreSQL is told, in one statement for the whole batch.

Marking each message sent in PostgreSQL straight after SMTP accepted it cost the
database a statement (and a commit) per message: 10,000 for a survey to every focal
point, while the portal is serving pages. Instead the worker notes each accepted
message here (one HSET on the Redis it already talks to as its broker) and marks the
batch sent in one UPDATE at its end (surveys.delivery). A worker killed before that
UPDATE leaves its accepted rows in the journal, still pending in PostgreSQL: whoever
claims them next (once the lease ends) finds them here and marks them sent instead of
sending them again. So the guarantee is the same as with a statement per message: only
the message in flight at a kill can go twice.

It holds as long as the journal outlives the worker: in production the broker's Redis
keeps an append-only file (docker-compose.yml); only losing a worker mid-batch and
Redis's last second together could send up to a batch twice. Without REDIS_URL (the
quick start) there is no journal and each message is marked in PostgreSQL on its own;
when Redis stops answering mid-batch, so are the rest of the batch's messages.
"""

from __future__ import annotations

import datetime
import logging

import redis
from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

# A stale entry (its row marked sent, but the clean-up failed) is harmless: only
# pending rows are looked up. The whole journal of a model expires after a month
# without a write, long after any lease has ended and the sweep has settled its rows.
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


class SentJournal:
    def __init__(self, model, client: redis.Redis):
        self.client = client
        # Several portals, or the parallel test databases, may share one Redis: the
        # database's name keeps their row ids apart.
        self.key = f"sent-journal:{connection.settings_dict['NAME']}:{model._meta.label_lower}"
        self.working = True

    @classmethod
    def for_model(cls, model) -> SentJournal | None:
        """The journal of `model`'s rows, or None without a broker (the quick start)."""
        if not settings.REDIS_URL:
            return None
        return cls(model, _client(settings.REDIS_URL))

    def record(self, pk: int, sent_at: datetime.datetime) -> bool:
        """Note that SMTP accepted row `pk`. False if Redis did not take it (the caller
        then marks the row in PostgreSQL at once); after one failure the journal stops
        trying for the rest of its batch, rather than wait on Redis for every message."""
        if not self.working:
            return False
        try:
            with self.client.pipeline(transaction=False) as pipe:
                pipe.hset(self.key, str(pk), sent_at.isoformat())
                pipe.expire(self.key, KEEP_SECONDS)
                pipe.execute()
        except redis.RedisError as exc:
            logger.warning("Sent journal unavailable (%s); marking each message at once", exc)
            self.working = False
            return False
        return True

    def recorded(self, pks: list[int]) -> dict[int, datetime.datetime]:
        """Which of these rows SMTP accepted (with when) without PostgreSQL being told."""
        try:
            values = self.client.hmget(self.key, [str(pk) for pk in pks]) if pks else []
        except redis.RedisError as exc:
            raise JournalUnavailable(str(exc)) from exc
        return {
            pk: datetime.datetime.fromisoformat(value.decode())
            for pk, value in zip(pks, values, strict=True)
            if value is not None
        }

    def forget(self, pks) -> None:
        """PostgreSQL has these rows as sent: their entries are no longer needed."""
        if not pks:
            return
        try:
            self.client.hdel(self.key, *[str(pk) for pk in pks])
        except redis.RedisError as exc:  # harmless leftovers (see KEEP_SECONDS)
            logger.warning("Could not clear %d sent journal entries: %s", len(pks), exc)
