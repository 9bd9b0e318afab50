from django.db import migrations, models


def keep_hubs_chosen_by_hand(apps, schema_editor):
    """A city whose hub is not the one covering its country was placed by hand (an
    import with a hub column, the admin): keep it there."""
    City = apps.get_model("members", "City")
    HubCountry = apps.get_model("hubs", "HubCountry")
    covering = dict(HubCountry.objects.values_list("country", "hub_id"))
    chosen = [
        pk
        for pk, country, hub_id in City.objects.values_list("pk", "country", "hub_id")
        if hub_id is not None and covering.get(country) != hub_id
    ]
    City.objects.filter(pk__in=chosen).update(hub_overridden=True)


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0005_logo_upload_checks"),
        ("hubs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="city",
            name="hub_overridden",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Keep this hub whatever hub covers the country. Untick to follow the "
                    "country again."
                ),
                verbose_name="hub chosen by hand",
            ),
        ),
        migrations.RunPython(keep_hubs_chosen_by_hand, migrations.RunPython.noop),
        # A helpdesk request counts as engagement once resolved (hubs 0010 moves the
        # records written at opening).
        migrations.AlterField(
            model_name="engagementrecord",
            name="kind",
            field=models.CharField(
                choices=[
                    ("event_attended", "Network event attended"),
                    ("survey_answered", "Survey answered"),
                    ("resource_shared", "Good practice or resource shared"),
                    ("exchange_joined", "City exchange or peer learning joined"),
                    ("training_joined", "Training joined"),
                    ("tools_contributed", "Contributed to tools or training"),
                    ("capacity_building", "Deep-dive or capacity-building taken up"),
                    ("helpdesk_ticket", "Helpdesk request resolved"),
                    ("other", "Other engagement"),
                ],
                max_length=32,
                verbose_name="kind",
            ),
        ),
    ]
