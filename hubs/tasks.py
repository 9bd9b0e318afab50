from celery import shared_task

from hubs import helpdesk_services


@shared_task(acks_late=True)
def send_helpdesk_notification(notification_id: int) -> bool:
    return helpdesk_services.send_notification_email(notification_id)


@shared_task
def send_pending_helpdesk_notifications() -> int:
    """Sweep: queue every helpdesk email that has not gone out (broker outage, crash)."""
    ids = helpdesk_services.unsent_notification_ids()
    for notification_id in ids:
        send_helpdesk_notification.delay(notification_id)
    return len(ids)


@shared_task
def close_resolved_tickets() -> int:
    return helpdesk_services.close_resolved_tickets()


@shared_task(acks_late=True)
def send_support_fund_notification(notification_id: int) -> bool:
    from hubs import support_services

    return support_services.send_notification_email(notification_id)


@shared_task
def send_pending_support_fund_notifications() -> int:
    from hubs import support_services

    ids = support_services.unsent_notification_ids()
    for notification_id in ids:
        send_support_fund_notification.delay(notification_id)
    return len(ids)


@shared_task
def escalate_overdue_tickets() -> int:
    return helpdesk_services.escalate_overdue_tickets()
