from celery import shared_task


@shared_task
def refresh_annual_reports() -> int:
    """Every ten minutes: this year's and last year's report in each language, ready
    for the page (steering/report_cache.py). Safe to run twice."""
    from steering import report_cache

    return report_cache.refresh_current()
