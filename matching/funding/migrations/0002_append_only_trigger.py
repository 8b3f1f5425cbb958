"""On PostgreSQL the database itself refuses UPDATE and DELETE on posted ledger rows.

TRUNCATE is a statement, not a row change: 0007_ledger_truncate_trigger refuses it.
"""
from django.db import migrations

TABLES = ("funding_ledgertransaction", "funding_ledgerentry")

CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION funding_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger rows are append-only (%): 账本记录只能追加，不能修改或删除', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""
DROP_FUNCTION = "DROP FUNCTION IF EXISTS funding_ledger_append_only();"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION funding_ledger_append_only();"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
    schema_editor.execute(DROP_FUNCTION)


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
