from celery import shared_task

from privacy import retention


@shared_task
def apply_retention() -> dict:
    """Nightly: closed requests' free text, invitations never accepted, expired sessions."""
    return retention.apply_retention()
