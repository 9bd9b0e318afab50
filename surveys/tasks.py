"""Celery tasks: thin, take ids, safe to run twice (the delivery rows make them so)."""

from celery import shared_task

from surveys import reminders, services
from surveys.delivery import DeliveryFailed
from surveys.models import ReminderDelivery, ReminderRule, SurveyDelivery

SENDERS = {
    SurveyDelivery._meta.label_lower: services.send_survey_delivery,
    ReminderDelivery._meta.label_lower: reminders.send_reminder_delivery,
}


@shared_task(bind=True, acks_late=True, max_retries=4)
def send_delivery(self, model: str, delivery_id: int) -> bool:
    """Send one pending message; on an SMTP or network error retry with backoff
    (1, 2, 4, 8 minutes). The sweep picks up anything a retry did not."""
    try:
        return SENDERS[model](delivery_id)
    except DeliveryFailed as exc:
        if self.request.is_eager or self.request.retries >= self.max_retries:
            return False
        raise self.retry(exc=exc, countdown=60 * 2**self.request.retries) from exc


@shared_task(bind=True, acks_late=True)
def fan_out_survey(self, survey_id: int) -> int:
    """Queue one send task per pending message of a survey (run twice: harmless), on
    the queue this task came from."""
    queue = (self.request.delivery_info or {}).get("routing_key")
    options = {"queue": queue} if queue and not self.request.is_eager else {}
    ids = services.pending_delivery_ids(survey_id)
    for pk in ids:
        send_delivery.apply_async((SurveyDelivery._meta.label_lower, pk), **options)
    return len(ids)


@shared_task
def send_pending_deliveries() -> int:
    """Sweep: queue every message still pending (broker outage, crash, retries used up)."""
    count = 0
    for model in (SurveyDelivery, ReminderDelivery):
        ids = model.objects.filter(status=model.Status.PENDING).values_list("pk", flat=True)
        for pk in ids.iterator():
            send_delivery.delay(model._meta.label_lower, pk)
            count += 1
    return count


@shared_task
def queue_survey_reminders() -> int:
    """Daily: close ended surveys and queue the reminders and hub-lead notices due."""
    return services.queue_all_survey_reminders()


@shared_task
def evaluate_reminder_rule(rule_id: int) -> int:
    return reminders.evaluate_rule(rule_id)


@shared_task
def evaluate_reminder_rules() -> int:
    """Evaluate every active rule (for rules without a schedule of their own)."""
    return sum(
        reminders.evaluate_rule(pk)
        for pk in ReminderRule.objects.filter(is_active=True).values_list("pk", flat=True)
    )
