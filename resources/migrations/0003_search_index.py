from django.db import migrations


def create_index(apps, schema_editor):
    # A GIN index on the stored vector, of public resources only: every search is over
    # them, and the partial index lets the planner answer "published and matching"
    # from the index alone. PostgreSQL only (SQLite has no tsvector).
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS resource_public_search_gin ON resources_resource "
        "USING gin (search_vector) WHERE status = 'published'"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS resource_public_search_gin")


class Migration(migrations.Migration):
    dependencies = [("resources", "0002_resource_hub")]

    operations = [migrations.RunPython(create_index, drop_index)]
