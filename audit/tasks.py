from celery import shared_task

from audit import services


@shared_task
def delete_expired_audit_entries() -> int:
    """Nightly: entries older than AUDIT_RETENTION_DAYS are removed (idempotent)."""
    return services.delete_expired_entries()
