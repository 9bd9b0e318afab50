"""Recompute the stored search vectors: Arabic words are now normalised before the
`arabic` configuration sees them (resources/arabic.py), so vectors saved before this
migration no longer match what queries look for."""

from django.db import migrations


def rebuild_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from resources.search import rebuild_search_vectors

    # The historical model has the translated columns (title_ar, ...) the rebuild reads.
    rebuild_search_vectors(apps.get_model("resources", "Resource").objects.all())


class Migration(migrations.Migration):
    dependencies = [("resources", "0005_private_attachments_and_cover_checks")]

    operations = [migrations.RunPython(rebuild_vectors, migrations.RunPython.noop)]
