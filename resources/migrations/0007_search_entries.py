"""The public search moves to its own narrow table (SearchEntry), with the facet values
as tags and a word-frequency table, so a search reads ten times fewer pages; the
vector column of resources goes. Entries are filled here from every published
resource; a daily task recounts word frequencies."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
import django.contrib.postgres.search
import django.db.models.deletion
import resources.models
from django.db import migrations, models


TASK = "resources.tasks.refresh_search_term_frequencies"


def fill_entries(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from resources.search import rebuild_search_entries

    # The historical model has the translated columns (title_ar, ...) the entries read.
    rebuild_search_entries(apps.get_model("resources", "Resource").objects.all())


def schedule(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    nightly, _ = CrontabSchedule.objects.get_or_create(
        minute="17", hour="3", day_of_week="*", day_of_month="*", month_of_year="*"
    )
    PeriodicTask.objects.get_or_create(
        name="Recount how many resources each search word occurs in",
        defaults={"task": TASK, "crontab": nightly},
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(task=TASK).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('resources', '0006_rebuild_search_vectors'),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchTermFrequency',
            fields=[
                ('lexeme', models.CharField(max_length=255, primary_key=True, serialize=False)),
                ('documents', models.PositiveIntegerField()),
            ],
        ),
        migrations.CreateModel(
            name='SearchEntry',
            fields=[
                ('resource', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_entry', serialize=False, to='resources.resource')),
                ('publication_date', models.DateField(null=True)),
                ('published_at', models.DateTimeField(null=True)),
                ('tags', resources.models.TagsField(base_field=models.CharField(max_length=80), default=list, size=None)),
                ('head_vector', django.contrib.postgres.search.SearchVectorField(null=True)),
                ('search_vector', django.contrib.postgres.search.SearchVectorField(null=True)),
            ],
            options={
                'indexes': [django.contrib.postgres.indexes.GinIndex(fields=['search_vector'], name='search_entry_vector_gin'), django.contrib.postgres.indexes.GinIndex(fields=['tags'], name='search_entry_tags_gin')],
            },
        ),
        migrations.RunPython(fill_entries, migrations.RunPython.noop),
        migrations.RunPython(schedule, unschedule),
        migrations.RemoveField(
            model_name='resource',
            name='search_vector',
        ),
    ]
