from celery import shared_task

from strongcities import services


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
