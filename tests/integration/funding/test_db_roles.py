"""The ledger against its own database: TRUNCATE is refused, and the application's role can neither
empty the ledger nor switch its triggers off. The role tests log in as the application role for real
(a separate connection, and the application itself in a subprocess)."""

import io
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "app-role-test-password"


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("roles and triggers are PostgreSQL's")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "statement",
    [
        "TRUNCATE funding_ledgerentry CASCADE",
        "TRUNCATE funding_ledgertransaction CASCADE",
        "TRUNCATE funding_account CASCADE",
    ],
)
def test_truncating_the_ledger_is_refused_even_for_the_owner(postgresql, statement):
    with pytest.raises(IntegrityError, match="账本不能清空"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("RESET bangfu.ledger_truncate")  # the test suite's flush switch, off
        cursor.execute(statement)


@pytest.fixture
def app_role(postgresql, transactional_db):
    role = f"{connection.settings_dict['NAME']}_app"[:60]
    call_command("db_roles", app_role=role, password=PASSWORD, stdout=io.StringIO())
    yield role
    with connection.cursor() as cursor:
        cursor.execute(f'DROP OWNED BY "{role}"; DROP ROLE "{role}"')


def _login(role: str) -> psycopg.Connection:
    s = connection.settings_dict
    return psycopg.connect(
        host=s["HOST"] or "127.0.0.1",
        port=s["PORT"] or 5432,
        dbname=s["NAME"],
        user=role,
        password=PASSWORD,
        autocommit=True,
    )


ATTACKS = [
    "TRUNCATE funding_ledgerentry",
    "TRUNCATE funding_account CASCADE",
    "SET session_replication_role = replica",
    "ALTER TABLE funding_ledgerentry DISABLE TRIGGER ALL",
    "DROP TRIGGER funding_ledgerentry_append_only ON funding_ledgerentry",
    "UPDATE funding_ledgerentry SET amount = 0",
    "DELETE FROM funding_ledgertransaction",
    "CREATE TABLE evil (id int)",
]


def test_the_app_role_cannot_empty_the_ledger_or_switch_its_triggers_off(app_role):
    with _login(app_role) as conn:
        assert conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone() == (False,)
        refused = []
        for statement in ATTACKS:
            try:
                conn.execute(statement)
            except (psycopg.errors.InsufficientPrivilege, psycopg.errors.InvalidSchemaName):
                refused.append(statement)
        assert refused == ATTACKS
        # What the application needs still works: read and append the ledger, change other tables.
        assert conn.execute(
            "SELECT has_table_privilege('funding_ledgerentry', 'INSERT'), "
            "has_table_privilege('funding_ledgerentry', 'SELECT'), "
            "has_table_privilege('funding_paymentevent', 'UPDATE')"
        ).fetchone() == (True, True, True)


def test_the_application_runs_under_the_app_role_and_posts_to_the_ledger(app_role):
    s = connection.settings_dict
    url = f"postgres://{app_role}:{PASSWORD}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    code = """
from django.db import connection
from matching.funding.models import LedgerEntry
from matching.funding.services import accounts
from matching.funding.services.ledger import Line, ledger_post
tx = ledger_post(kind="grant", idempotency_key="role-test-1", memo="role test", lines=[
    Line(accounts.account_grant_source("central_relief", "中央财政"), -500, "CNY"),
    Line(accounts.account_donors(), 500, "CNY")])
try:
    LedgerEntry.objects.filter(transaction=tx).update(amount=0)
except Exception as exc:
    print("update refused:", type(exc).__name__)
with connection.cursor() as c:
    c.execute("SELECT current_user")
    print("posted as", c.fetchone()[0], tx.pk)
"""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "BANGFU_DATA_DIR": str(ROOT / "var" / "role-test"),
        "LOG_LEVEL": "ERROR",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert f"posted as {app_role}" in result.stdout, result.stderr[-2000:]
    assert "update refused" in result.stdout
