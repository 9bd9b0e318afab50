"""Schedules are data (django-celery-beat): staff can change them in the admin."""

from django.db import migrations

SWEEP = "hubs.tasks.send_pending_helpdesk_notifications"
CLOSE = "hubs.tasks.close_resolved_tickets"
FUND_SWEEP = "hubs.tasks.send_pending_support_fund_notifications"
ESCALATE = "hubs.tasks.escalate_overdue_tickets"


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_ten_minutes, _ = IntervalSchedule.objects.get_or_create(every=10, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Send helpdesk emails left behind",
        defaults={"task": SWEEP, "interval": every_ten_minutes},
    )
    PeriodicTask.objects.get_or_create(
        name="Send Technical Support Fund emails left behind",
        defaults={"task": FUND_SWEEP, "interval": every_ten_minutes},
    )
    PeriodicTask.objects.get_or_create(
        name="Escalate overdue helpdesk requests",
        defaults={"task": ESCALATE, "interval": every_ten_minutes},
    )
    nightly, _ = CrontabSchedule.objects.get_or_create(
        minute="30", hour="2", day_of_week="*", day_of_month="*", month_of_year="*"
    )
    PeriodicTask.objects.get_or_create(
        name="Close resolved helpdesk requests after the reopen window",
        defaults={"task": CLOSE, "crontab": nightly},
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        task__in=[SWEEP, CLOSE, FUND_SWEEP, ESCALATE]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("hubs", "0003_helpdesk_and_support"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
