"""How long personal data is kept: the rules the nightly tasks apply (privacy/tasks.py).

Each rule is idempotent: a second run finds nothing left to do.
"""

from __future__ import annotations

from datetime import timedelta

from auditlog.context import disable_auditlog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from privacy.labels import removed_text_label


def _labels() -> set[str]:
    return {removed_text_label(code) for code, _name in settings.LANGUAGES}


def clear_closed_ticket_text(*, now=None) -> int:
    """Closed helpdesk requests keep their subject, category, status and dates (the
    hub's figures and the city's engagement), while the description, the messages, the
    comment on the answer and the files go HELPDESK_TEXT_RETENTION_DAYS after closing.
    Returns how many requests were cleared."""
    from hubs.models import Ticket, TicketAttachment, TicketMessage

    cutoff = (now or timezone.now()) - timedelta(days=settings.HELPDESK_TEXT_RETENTION_DAYS)
    labels = _labels()
    due = (
        Ticket.objects.filter(status=Ticket.Status.CLOSED, closed_at__lt=cutoff)
        .exclude(description__in=labels)
        .only("pk", "language")
    )
    cleared = 0
    for ticket in due.iterator(500):
        label = removed_text_label(ticket.language)
        with transaction.atomic():
            Ticket.objects.filter(pk=ticket.pk).update(description=label, satisfaction_comment="")
            TicketMessage.objects.filter(ticket_id=ticket.pk).update(body=label)
            for attachment in TicketAttachment.objects.filter(ticket_id=ticket.pk):
                name = attachment.file.name
                attachment.delete()
                # the file goes once the rows are gone for good
                transaction.on_commit(lambda n=name, s=attachment.file.storage: s.delete(n))
        cleared += 1
    return cleared


def delete_stale_invitations(*, now=None) -> int:
    """Invitations never accepted hold the name and address of someone who did not
    join: they go INVITATION_RETENTION_DAYS after they expired."""
    from strongcities.models import Invitation

    cutoff = (now or timezone.now()) - timedelta(days=settings.INVITATION_RETENTION_DAYS)
    stale = Invitation.objects.filter(accepted_at__isnull=True, expires_at__lt=cutoff)
    # a deletion entry would keep the address this rule removes
    with disable_auditlog():
        return stale.delete()[0]


def delete_expired_sessions(*, now=None) -> int:
    return Session.objects.filter(expire_date__lt=now or timezone.now()).delete()[0]


def apply_retention(*, now=None) -> dict[str, int]:
    return {
        "closed_ticket_text": clear_closed_ticket_text(now=now),
        "stale_invitations": delete_stale_invitations(now=now),
        "expired_sessions": delete_expired_sessions(now=now),
    }
