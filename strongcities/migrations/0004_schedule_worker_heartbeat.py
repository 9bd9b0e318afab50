"""The worker's heartbeat, every minute: the status page shows when it last ran."""

from django.db import migrations

HEARTBEAT_TASK = "strongcities.tasks.heartbeat"


def schedule(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(
        name="Worker heartbeat",
        defaults={"task": HEARTBEAT_TASK, "interval": every_minute},
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        task=HEARTBEAT_TASK
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("strongcities", "0003_bounces_and_colleague_requests"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]
