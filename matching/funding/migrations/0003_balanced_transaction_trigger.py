"""On PostgreSQL the database checks, at commit, that each transaction's entries balance per currency."""
from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION funding_ledger_balanced() RETURNS trigger AS $$
DECLARE
    bad record;
BEGIN
    SELECT currency, SUM(amount) AS total INTO bad FROM funding_ledgerentry
        WHERE transaction_id = NEW.transaction_id GROUP BY currency HAVING SUM(amount) <> 0 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'ledger transaction % does not balance in % (%): 借贷不平',
            NEW.transaction_id, bad.currency, bad.total USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF (SELECT COUNT(*) FROM funding_ledgerentry WHERE transaction_id = NEW.transaction_id) < 2 THEN
        RAISE EXCEPTION 'ledger transaction % has fewer than two entries: 至少需要两条分录', NEW.transaction_id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""
TRIGGER = (
    "CREATE CONSTRAINT TRIGGER funding_ledgerentry_balanced AFTER INSERT ON funding_ledgerentry "
    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION funding_ledger_balanced();"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE, params=None)
    schema_editor.execute(TRIGGER, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS funding_ledgerentry_balanced ON funding_ledgerentry;", params=None)
    schema_editor.execute("DROP FUNCTION IF EXISTS funding_ledger_balanced();", params=None)


class Migration(migrations.Migration):
    dependencies = [("funding", "0002_append_only_trigger")]
    operations = [migrations.RunPython(forwards, backwards)]
