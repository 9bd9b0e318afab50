"""Recomputed the stored search vectors when Arabic words began to be normalised
(resources/arabic.py). The vectors have since moved to SearchEntry, which migration
0007 fills from the text with today's normalisation, so nothing is left to do here."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("resources", "0005_private_attachments_and_cover_checks")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
