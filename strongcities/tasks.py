import logging

from celery import shared_task

from strongcities import services

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def send_invitation(invitation_id: int) -> bool:
    return services.send_invitation_email(invitation_id)


@shared_task
def send_pending_invitations() -> int:
    """Sweep: queue every invitation whose email has not gone out (broker outage, crash)."""
    ids = services.unsent_invitation_ids()
    for invitation_id in ids:
        send_invitation.delay(invitation_id)
    return len(ids)


# Expires after a minute: beats queued while no worker ran are dropped, not replayed, so
# the status page's "last heartbeat" is always the time a worker really ran one.
@shared_task(ignore_result=True, expires=60)
def heartbeat() -> str:
    """Every minute (beat): the worker records that it is alive (the status page)."""
    from strongcities.status import record_heartbeat

    stamp = record_heartbeat()
    logger.info("Worker heartbeat recorded")
    return stamp
