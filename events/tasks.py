from celery import shared_task

from events import services


@shared_task(acks_late=True)
def send_event_notice(notice_id: int) -> bool:
    return services.send_notice(notice_id)


@shared_task
def send_due_event_notices() -> int:
    """Periodic: owe the reminders and follow-ups now due, then queue every unsent email
    (including any a broker outage left behind). Safe to run as often as wanted."""
    services.create_due_notices()
    ids = services.unsent_notice_ids()
    for notice_id in ids:
        send_event_notice.delay(notice_id)
    return len(ids)
