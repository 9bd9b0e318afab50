"""The "send once, recorded" machinery shared by survey messages and reminder rules.

A delivery row is created (pending) in the transaction that decides a message is due.
To send, a worker first *claims* pending rows in a short transaction (a row lock that
skips rows another worker holds, and a `claimed_until` lease), commits, then sends each
row. Straight after SMTP accepts a message it is recorded: in the sent journal
(surveys.journal, the broker's Redis) for a batch, whose rows are then marked sent in
PostgreSQL by one statement at the batch's end; or by a statement of its own without a
journal (the quick start, a single message, Redis failing mid-batch). With Redis not
answering as rows are claimed, nothing is sent: the rows wait for a retry. So:

- two workers, a retried task, a redelivered message or a re-run sweep never send a
  row twice: the second finds it claimed or sent, or (if the first died before its
  batch's statement) finds it in the journal and marks it sent instead of sending;
- a worker killed mid-batch loses nothing: the rows it had sent are in the journal,
  the rest stay pending and are claimable again once the lease ends (the sweep or the
  broker's redelivery sends them). Only the one message in flight at the kill, accepted
  by SMTP but not yet recorded, can go twice; its Message-ID is the same both times,
  so mail systems that deduplicate show it once;
- a failing send is counted; after MAX_ATTEMPTS the row is marked failed and shown to
  staff in the outbox, who may resend it; never dropped silently;
- a non-essential row whose person unsubscribed, left or whose address bounces by
  the time it is sent is marked skipped, with the reason.
"""

from __future__ import annotations

import datetime
import logging
from contextlib import contextmanager, nullcontext

from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from strongcities.mail import send_templated_mail
from strongcities.queue import enqueue_after_commit
from surveys import preferences
from surveys.journal import JournalUnavailable, SentJournal

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5

# Messages per batch task (a survey's fan-out, the sweep): one claim for the batch,
# one SMTP session, one statement marking the batch sent.
BATCH_SIZE = 50

# A hung SMTP server must not outlive the claim below: BATCH_SIZE x SMTP_TIMEOUT
# stays under CLAIM_SECONDS.
SMTP_TIMEOUT = 15

# How long a claimed row is left to its worker; after that a dead worker's rows are
# sent by whoever comes next. Well above the time a batch of BATCH_SIZE takes.
CLAIM_SECONDS = 15 * 60


class DeliveryFailed(Exception):
    """Sending failed; the row is still pending and the task may retry."""


def claim(model, ids, related: tuple[str, ...] = ()) -> list:
    """Lock the pending, unclaimed rows among `ids` (skipping rows another worker holds),
    give them a lease and commit: they are this worker's to send."""
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            model.objects.select_for_update(of=("self",), skip_locked=True)
            .select_related("recipient", "city", *related)
            .filter(pk__in=list(ids), status=model.Status.PENDING)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .order_by("pk")
        )
        if rows:
            model.objects.filter(pk__in=[row.pk for row in rows]).update(
                claimed_until=now + datetime.timedelta(seconds=CLAIM_SECONDS)
            )
    return rows


def _skip_reason(row, opted_out: set[int]) -> str:
    recipient = row.recipient
    if not recipient.is_active:
        return gettext_noop("The account is deactivated.")
    if recipient.email_bounced_at is not None:
        return gettext_noop("The email address bounces.")
    if row.is_optional and recipient.pk in opted_out:
        return gettext_noop("The person unsubscribed from reminders.")
    return ""


def _headers(row) -> dict[str, str]:
    headers = {"Message-ID": row.message_id}
    if row.is_optional:
        url = preferences.unsubscribe_url(row.recipient, row.language)
        # RFC 8058: mail programs show an unsubscribe button that posts to this URL
        headers["List-Unsubscribe"] = f"<{url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def _send_claimed(model, row, render, connection, opted_out: set[int], marks) -> str | None:
    """Send one claimed row and record the outcome (a sent one through `marks`, a
    SentMarks). Returns None when sent, else the error or skip reason (row.status tells
    which)."""
    reason = _skip_reason(row, opted_out)
    if reason:
        row.status = model.Status.SKIPPED
        model.objects.filter(pk=row.pk).update(
            status=row.status, last_error=reason, claimed_until=None
        )
        return reason
    try:
        template, context = render(row)
        headers = _headers(row)
        if row.is_optional:
            context["unsubscribe_url"] = headers["List-Unsubscribe"][1:-1]
        connection.open()  # once per session: a no-op while it is open
        send_templated_mail(
            template=template,
            to=row.recipient.email,
            language=row.language,
            context={"recipient": row.recipient, "city": row.city, **context},
            connection=connection,
            headers=headers,
        )
    except Exception as exc:  # SMTP, network and rendering errors: count, keep, retry later
        error = f"{type(exc).__name__}: {exc}"[:500]
        row.attempts += 1
        if row.attempts >= MAX_ATTEMPTS:
            row.status = model.Status.FAILED
        model.objects.filter(pk=row.pk).update(
            attempts=row.attempts, last_error=error, status=row.status, claimed_until=None
        )
        logger.warning("%s %s not sent: %s", model.__name__, row.pk, error)
        connection.close()  # a fresh SMTP session for the next message
        return error
    # straight after SMTP accepted it: a worker killed later does not send it again
    marks.sent(row)
    row.status = model.Status.SENT
    return None


class SentMarks:
    """How a worker records the rows SMTP accepted. With a journal: in the journal at
    once, and in PostgreSQL for the whole batch by `flush()`. Without one (the quick
    start, a single message), or once the journal stops answering: in PostgreSQL at
    once, a statement each."""

    def __init__(self, model, journal: SentJournal | None = None):
        self.model, self.journal = model, journal
        self.unmarked: dict[int, datetime.datetime] = {}  # pk -> when SMTP accepted it

    def sent(self, row) -> None:
        sent_at = timezone.now()
        if self.journal is not None and self.journal.record(row, sent_at):
            self.unmarked[row.pk] = sent_at
        else:
            _mark_sent(self.model, row.pk)

    def flush(self) -> None:
        if self.unmarked:
            _mark_batch_sent(self.model, self.unmarked)
            self.journal.forget(list(self.unmarked))
            self.unmarked = {}


def _mark_sent(model, pk: int) -> None:
    """Mark one row sent now, by a statement of its own (no journal)."""
    _mark_batch_sent(model, {pk: timezone.now()})


MARKED_FIELDS = ("status", "sent_at", "attempts", "claimed_until")


def _mark_batch_sent(model, sent: dict[int, datetime.datetime]) -> None:
    """Mark pending rows sent, each with its own time, in one statement (PostgreSQL).
    A row already sent (settled by another worker after this one's lease ran out)
    keeps its mark."""
    if not sent:
        return
    if db_connection.vendor != "postgresql":  # SQLite: a statement a row
        for pk, sent_at in sent.items():
            model.objects.filter(pk=pk, status=model.Status.PENDING).update(
                status=model.Status.SENT,
                sent_at=sent_at,
                attempts=F("attempts") + 1,
                claimed_until=None,
            )
        return
    meta, quote = model._meta, db_connection.ops.quote_name
    column = {name: quote(meta.get_field(name).column) for name in MARKED_FIELDS}
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    with db_connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET {column['status']} = %s, "  # noqa: S608 - our names
            f"{column['sent_at']} = marked.sent_at, "
            f"{column['attempts']} = {table}.{column['attempts']} + 1, "
            f"{column['claimed_until']} = NULL "
            "FROM unnest(%s::bigint[], %s::timestamptz[]) AS marked(id, sent_at) "
            f"WHERE {table}.{pk} = marked.id AND {table}.{column['status']} = %s",
            [model.Status.SENT, list(sent), list(sent.values()), model.Status.PENDING],
        )


def _claim_unsent(model, ids, related, journal: SentJournal | None) -> list:
    """`claim()`, less the rows a dead worker had sent: found in the journal, they are
    marked sent now instead of sent again. Raises JournalUnavailable (the rows given
    back at once) when Redis does not answer: sending without knowing could send a
    message twice."""
    rows = claim(model, ids, related)
    if journal is None or not rows:
        return rows
    try:
        recorded = journal.recorded(rows)
    except JournalUnavailable:
        model.objects.filter(pk__in=[row.pk for row in rows]).update(claimed_until=None)
        raise
    if recorded:
        _mark_batch_sent(model, recorded)
        journal.forget(list(recorded))
        logger.info("%d %s rows were sent before a worker died", len(recorded), model.__name__)
    return [row for row in rows if row.pk not in recorded]


def _opted_out_of(rows) -> set[int]:
    optional = [row.recipient_id for row in rows if row.is_optional]
    return preferences.opted_out_among(optional) if optional else set()


def deliver(model, delivery_id: int, render, related: tuple[str, ...] = ()) -> bool:
    """Send one pending row of `model`. `render(row)` returns (template, context).

    Returns True if this call sent it. Raises DeliveryFailed when the send failed but
    the row may be retried; a row that used up its attempts is marked failed.
    """
    try:
        rows = _claim_unsent(model, [delivery_id], related, SentJournal.for_model(model))
    except JournalUnavailable as exc:
        raise DeliveryFailed(f"sent journal unavailable: {exc}") from exc
    if not rows:
        return False
    (row,) = rows
    connection = get_connection(timeout=SMTP_TIMEOUT)
    try:
        error = _send_claimed(model, row, render, connection, _opted_out_of(rows), SentMarks(model))
    finally:
        connection.close()
    if error is None:
        return True
    if row.status == model.Status.PENDING:
        raise DeliveryFailed(error)
    return False


def deliver_many(model, ids, render, related: tuple[str, ...] = ()) -> tuple[int, list[int]]:
    """Send the pending rows of `model` among `ids` over one SMTP session. Returns
    (sent, ids left pending after a failed send, for the task to retry)."""
    journal = SentJournal.for_model(model)
    try:
        rows = _claim_unsent(model, ids, related, journal)
    except JournalUnavailable as exc:
        logger.warning("Sent journal unavailable (%s); the batch is left for a retry", exc)
        return 0, list(ids)
    if not rows:
        return 0, []
    opted_out = _opted_out_of(rows)
    marks = SentMarks(model, journal)
    sent, retry = 0, []
    connection = get_connection(timeout=SMTP_TIMEOUT)
    try:
        # with a journal one statement marks the batch; without, see below
        with nullcontext() if journal else _commits_without_waiting_for_disk():
            for row in rows:
                error = _send_claimed(model, row, render, connection, opted_out, marks)
                if error is None:
                    sent += 1
                elif row.status == model.Status.PENDING:
                    retry.append(row.pk)
    except BaseException:
        _end_batch(marks, connection, quietly=True)
        raise
    _end_batch(marks, connection)
    return sent, retry


def _end_batch(marks: SentMarks, connection, *, quietly: bool = False) -> None:
    """Mark what was sent (also when the batch stopped on an error), then end the SMTP
    session. A failing mark leaves its rows in the journal, for whoever claims them
    after the lease; it is raised, except over the batch's own error (`quietly`)."""
    try:
        marks.flush()
    except Exception:
        if not quietly:
            raise
        logger.exception("%d sent rows left to the journal", len(marks.unmarked))
    finally:
        connection.close()


@contextmanager
def _commits_without_waiting_for_disk():
    """Each "sent" mark commits on its own, without waiting for the disk flush: a
    killed worker cannot lose a commit PostgreSQL has taken (only a crash of the
    database server itself could, for its last fraction of a second), and delivery
    is no longer paced by one fsync per message."""
    if db_connection.vendor != "postgresql" or db_connection.in_atomic_block:
        yield
        return
    with db_connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with db_connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def enqueue_batches_after_commit(model, ids) -> None:
    """Once the transaction that made these rows commits, hand them to the broker in
    batches. If the broker is down they wait, pending, for the sweep."""
    from surveys.tasks import send_batch

    ids = list(ids)
    for start in range(0, len(ids), BATCH_SIZE):
        enqueue_after_commit(send_batch, model._meta.label_lower, ids[start : start + BATCH_SIZE])


def resend(row) -> None:
    """Staff put a failed message back in the queue."""
    from surveys.tasks import send_delivery

    type(row).objects.filter(pk=row.pk).update(
        status=row.Status.PENDING, attempts=0, last_error="", claimed_until=None
    )
    enqueue_after_commit(send_delivery, row._meta.label_lower, row.pk)
