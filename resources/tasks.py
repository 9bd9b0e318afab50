from celery import shared_task

from resources import services


@shared_task(acks_late=True)
def send_submission_notice(resource_id: int, step: str) -> bool:
    return services.send_submission_notice(resource_id, step)


@shared_task
def send_pending_submission_notices() -> int:
    """Sweep: queue every submitter notice a broker outage left unsent."""
    pending = services.unsent_notices()
    for resource_id, step in pending:
        send_submission_notice.delay(resource_id, step)
    return len(pending)


@shared_task
def refresh_search_term_frequencies() -> int:
    """Nightly: recount the published resources each search word occurs in."""
    from resources.search import refresh_term_frequencies

    return refresh_term_frequencies()
