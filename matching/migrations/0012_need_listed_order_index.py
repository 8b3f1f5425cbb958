"""The public order over listable needs only (a partial index): the needs lists no longer step over the drafts.

Built without locking the table on PostgreSQL (CREATE INDEX CONCURRENTLY, so not in a transaction), and
IF NOT EXISTS: on a database where it was built ahead of this migration (the national benchmark's), the
migration only records it.
"""

from django.db import migrations, models

NAME = "need_listed_order"
INDEX = models.Index(
    condition=models.Q(("status__in", ["open", "matched", "in_progress", "fulfilled", "closed"])),
    fields=["published_on", "page_ptr"],
    name=NAME,
)


def _build(apps, schema_editor):
    model = apps.get_model("matching", "NeedPage")
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.add_index(model, INDEX)
        return
    sql = str(INDEX.create_sql(model, schema_editor)).replace("CREATE INDEX", "CREATE INDEX CONCURRENTLY IF NOT EXISTS", 1)
    schema_editor.execute(sql)


def _drop(apps, schema_editor):
    model = apps.get_model("matching", "NeedPage")
    schema_editor.remove_index(model, INDEX)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("matching", "0011_volunteer_models_from_portal"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(_build, _drop)],
            state_operations=[migrations.AddIndex(model_name="needpage", index=INDEX)],
        ),
    ]
