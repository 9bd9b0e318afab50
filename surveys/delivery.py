"""The "send once, recorded" machinery shared by survey messages and reminder rules.

A delivery row is created (pending) in the transaction that decides a message is due;
`deliver()` sends it under a row lock and marks it sent, so two workers, a retried
task or a re-run sweep send it once. A failing send is counted; after MAX_ATTEMPTS the
row is marked failed and shown to staff in the outbox, who may resend it.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from strongcities.mail import send_templated_mail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


class DeliveryFailed(Exception):
    """Sending failed; the row is still pending and the task may retry."""


def deliver(model, delivery_id: int, render, related: tuple[str, ...] = ()) -> bool:
    """Send one pending row of `model`. `render(row)` returns (template, context).

    Returns True if this call sent it. Raises DeliveryFailed when the send failed but
    the row may be retried; a row that used up its attempts is marked failed.
    """
    error = None
    with transaction.atomic():
        row = (
            model.objects.select_for_update(of=("self",))
            .select_related("recipient", "city", *related)
            .filter(pk=delivery_id, status=model.Status.PENDING)
            .first()
        )
        if row is None:
            return False
        template, context = render(row)
        try:
            send_templated_mail(
                template=template,
                to=row.recipient.email,
                language=row.language,
                context={"recipient": row.recipient, "city": row.city, **context},
            )
        except Exception as exc:  # SMTP and network errors: count, keep, retry later
            error = f"{type(exc).__name__}: {exc}"[:500]
            row.attempts += 1
            row.last_error = error
            if row.attempts >= MAX_ATTEMPTS:
                row.status = model.Status.FAILED
            row.save(update_fields=["attempts", "last_error", "status"])
        else:
            row.status = model.Status.SENT
            row.sent_at = timezone.now()
            row.attempts += 1
            row.save(update_fields=["status", "sent_at", "attempts"])
    if error is not None:
        logger.warning("%s %s not sent: %s", model.__name__, delivery_id, error)
        if row.status == model.Status.PENDING:
            raise DeliveryFailed(error)
        return False
    return True


def resend(row) -> None:
    """Staff put a failed message back in the queue."""
    from surveys.tasks import send_delivery

    type(row).objects.filter(pk=row.pk).update(status=row.Status.PENDING, attempts=0, last_error="")
    from strongcities.queue import enqueue_after_commit

    enqueue_after_commit(send_delivery, row._meta.label_lower, row.pk)
