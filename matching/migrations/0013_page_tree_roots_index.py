"""An index of the page tree's root (Wagtail's pages table, depth 1): Wagtail asks for it on every admin
listing a superuser opens (``Page.get_first_root_node``), and without an index that is a walk of every page
(130-190 ms at a million pages). Additive; built without locking the table on PostgreSQL, IF NOT EXISTS so a
database where it was built ahead of this migration only records it.
"""

from django.db import migrations

NAME = "page_tree_roots"
COLUMNS = '"wagtailcore_page" ("path") WHERE "depth" = 1'


def _build(apps, schema_editor):
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(f'CREATE INDEX {concurrently}IF NOT EXISTS "{NAME}" ON {COLUMNS}')


def _drop(apps, schema_editor):
    schema_editor.execute(f'DROP INDEX IF EXISTS "{NAME}"')


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("matching", "0012_need_listed_order_index"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(_build, _drop)]
