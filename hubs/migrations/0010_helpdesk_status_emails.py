from django.db import migrations, models


def count_resolved_requests_only(apps, schema_editor):
    """Engagement was recorded when a request was opened; it counts once resolved: keep
    the records of resolved requests (dated at resolution), drop the others."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    EngagementRecord = apps.get_model("members", "EngagementRecord")
    Ticket = apps.get_model("hubs", "Ticket")
    ticket_type = ContentType.objects.filter(app_label="hubs", model="ticket").first()
    if ticket_type is None:
        return
    resolved = {
        str(pk): resolved_at
        for pk, resolved_at in Ticket.objects.filter(resolved_at__isnull=False).values_list(
            "pk", "resolved_at"
        )
    }
    records = EngagementRecord.objects.filter(kind="helpdesk_ticket", source_type=ticket_type)
    for record in records.iterator():
        resolved_at = resolved.get(record.source_id)
        if resolved_at is None:
            record.delete()
        else:
            record.occurred_on = resolved_at.date()
            record.save(update_fields=["occurred_on"])


class Migration(migrations.Migration):

    dependencies = [
        ('hubs', '0009_private_ticket_attachments'),
        ('members', '0006_city_hub_overridden'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AddField(
            model_name='helpdesknotification',
            name='status',
            field=models.CharField(blank=True, choices=[('new', 'New'), ('triaged', 'Triaged'), ('in_progress', 'In progress'), ('waiting', 'Waiting on city'), ('resolved', 'Resolved'), ('closed', 'Closed')], max_length=16),
        ),
        migrations.AlterField(
            model_name='helpdesknotification',
            name='event',
            field=models.CharField(choices=[('new_ticket', 'New request'), ('city_reply', 'Reply from the city'), ('staff_reply', 'Reply from the hub'), ('status', 'Status changed'), ('reopened', 'Reopened by the city'), ('assigned', 'Assigned'), ('escalation', 'Overdue request escalated')], max_length=16),
        ),
        migrations.RunPython(count_resolved_requests_only, migrations.RunPython.noop),
    ]
