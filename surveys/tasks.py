"""Celery tasks: thin, take ids, safe to run twice (the delivery rows make them so)."""

from celery import shared_task
from django.db.models import Q
from django.utils import timezone

from surveys import reminders, services
from surveys.delivery import BATCH_SIZE, DeliveryFailed
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
        raise self.retry(
            exc=exc, countdown=60 * 2**self.request.retries, queue=_queue_of(self)
        ) from exc


BATCH_SENDERS = {
    SurveyDelivery._meta.label_lower: services.send_survey_deliveries,
    ReminderDelivery._meta.label_lower: reminders.send_reminder_deliveries,
}


@shared_task(bind=True, acks_late=True, max_retries=4)
def send_batch(self, model: str, delivery_ids: list[int]) -> int:
    """Send up to BATCH_SIZE messages over one SMTP session; retry (with backoff) only
    those whose send failed. Rows already sent or held by another worker are skipped,
    so running it twice is harmless."""
    sent, failed = BATCH_SENDERS[model](delivery_ids)
    if failed and not self.request.is_eager and self.request.retries < self.max_retries:
        raise self.retry(
            args=(model, failed), countdown=60 * 2**self.request.retries, queue=_queue_of(self)
        )
    return sent


def _queue_of(task) -> str | None:
    """The queue the running task came from, so the work it queues stays there (tests
    run a worker on a queue of their own)."""
    if task.request.is_eager:
        return None
    return (task.request.delivery_info or {}).get("routing_key")


def queue_batches(task, model, ids) -> int:
    queue = _queue_of(task)
    options = {"queue": queue} if queue else {}
    ids = list(ids)
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        send_batch.apply_async((model._meta.label_lower, batch), **options)
    return len(ids)


@shared_task(bind=True, acks_late=True)
def fan_out_survey(self, survey_id: int) -> int:
    """Queue the pending messages of a survey in batches (run twice: harmless)."""
    return queue_batches(self, SurveyDelivery, services.pending_delivery_ids(survey_id))


@shared_task(bind=True)
def send_pending_deliveries(self) -> int:
    """Sweep: queue every message still pending and not being sent (broker outage,
    crash, a worker killed mid-batch, retries used up)."""
    now = timezone.now()
    count = 0
    for model in (SurveyDelivery, ReminderDelivery):
        ids = (
            model.objects.filter(status=model.Status.PENDING)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        count += queue_batches(self, model, ids)
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
