"""The annual report, kept ready in the shared cache.

Building it reads every section's tables (members, events, helpdesk, resources,
surveys, the fund): its cost grows with the network. A Celery task rebuilds this
year's and last year's report in each language every ten minutes
(CELERY_BEAT_SCHEDULE in the settings), so the page costs a cache read whatever the
network's size; the page shows when the figures were computed. Until the task has run
(or if evicted) the page builds the report itself, as before.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from steering.report import AnnualReport, annual_report
from strongcities.release import code_release

KEEP_SECONDS = 60 * 60  # well above the refresh period


def _key(year: int, language: str) -> str:
    return f"report:annual:{code_release()}:{year}:{language}"  # each release its own shape


def refresh(year: int, language: str) -> AnnualReport:
    with translation.override(language):
        report = annual_report(year)
    cache.set(_key(year, language), report, KEEP_SECONDS)
    return report


def ready_report(year: int) -> AnnualReport:
    """The report the task stored for `year` in the current language; until it has
    run (or if evicted), one built now."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return cache.get(_key(year, language)) or annual_report(year)


def refresh_current() -> int:
    this_year = timezone.localdate().year
    count = 0
    for language, _name in settings.LANGUAGES:
        for year in (this_year, this_year - 1):
            refresh(year, language)
            count += 1
    return count
