"""On PostgreSQL the ledger tables also refuse TRUNCATE (directly or through another table's CASCADE).

Row triggers do not fire on TRUNCATE, so 0002 left it open. A statement trigger refuses it unless the
session has set ``bangfu.ledger_truncate = 'allow'`` first: a deliberate switch for a full restore or
the test suite's flush between tests, never set by the application. The application's own database
role holds no TRUNCATE privilege at all (``manage.py db_roles``, docs/money.md), so for it the switch
changes nothing.
"""
from django.db import migrations

TABLES = ("funding_ledgertransaction", "funding_ledgerentry")

CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION funding_ledger_no_truncate() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('bangfu.ledger_truncate', true), '') = 'allow' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'ledger tables cannot be truncated (%): 账本不能清空', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION funding_ledger_no_truncate();"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};")
    schema_editor.execute("DROP FUNCTION IF EXISTS funding_ledger_no_truncate();")


class Migration(migrations.Migration):
    dependencies = [("funding", "0006_kept_figures")]
    operations = [migrations.RunPython(forwards, backwards)]
