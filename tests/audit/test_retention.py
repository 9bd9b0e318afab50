"""Entries older than AUDIT_RETENTION_DAYS are removed by a scheduled task."""

import datetime

import pytest
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from audit import services, tasks
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def entry_aged(days: int) -> AuditEntry:
    entry = services.record(AuditEntry.Kind.EXPORT, summary=f"{days} days old")
    AuditEntry.objects.filter(pk=entry.pk).update(
        timestamp=timezone.now() - datetime.timedelta(days=days)
    )
    return entry


def test_the_default_retention_is_three_years(settings):
    assert settings.AUDIT_RETENTION_DAYS == 3 * 365


def test_old_entries_go_and_recent_ones_stay(settings):
    settings.AUDIT_RETENTION_DAYS = 30
    old, edge, recent = entry_aged(31), entry_aged(29), entry_aged(1)
    assert services.delete_expired_entries() == 1
    remaining = set(AuditEntry.objects.values_list("pk", flat=True))
    assert old.pk not in remaining and {edge.pk, recent.pk} <= remaining
    assert services.delete_expired_entries() == 0  # a second run has nothing to do


def test_removal_goes_in_batches(settings):
    settings.AUDIT_RETENTION_DAYS = 30
    for _ in range(5):
        entry_aged(40)
    assert services.delete_expired_entries(batch_size=2) == 5
    assert not AuditEntry.objects.filter(kind=AuditEntry.Kind.EXPORT).exists()


def test_the_task_runs_the_rule(settings):
    settings.AUDIT_RETENTION_DAYS = 10
    entry_aged(11)
    assert tasks.delete_expired_audit_entries.delay().get() == 1


def test_the_task_is_scheduled_nightly():
    task = PeriodicTask.objects.get(task="audit.tasks.delete_expired_audit_entries")
    assert task.enabled and task.crontab.hour == "2"
