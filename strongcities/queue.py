"""Hand work to Celery after the transaction commits, without ever failing the request.

If the broker is down the message is not lost: every task enqueued this way works
from database state that a periodic sweep finds again (e.g. unsent invitations).
"""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_after_commit(task, *args) -> None:
    def send():
        try:
            task.delay(*args)
        except Exception:  # broker unreachable: the periodic sweep will pick it up
            logger.warning("Could not enqueue %s%r; left for the sweep", task.name, args)

    transaction.on_commit(send)
