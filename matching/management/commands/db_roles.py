"""Create or update the application's PostgreSQL role and its grants (docs/money.md, "Database roles").

Two roles: the owner (whoever runs this and ``migrate``; owns the tables, may change the schema) and
the application role (``--app-role``, default ``bangfu_app``): it logs in, owns nothing, is no
superuser, and may SELECT/INSERT/UPDATE/DELETE the tables, except the ledger's, where it may only
SELECT and INSERT. Without ownership or superuser rights it cannot TRUNCATE, disable triggers or
``SET session_replication_role = replica``, so the append-only triggers hold against the application
itself. Run after every ``migrate`` (new tables get the grants; the ledger's are narrowed again).
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from psycopg import sql

LEDGER_TABLES = ("funding_ledgertransaction", "funding_ledgerentry")


def statements(*, role: str, password: str | None, database: str, owner: str, exists: bool) -> list:
    r, db, o = sql.Identifier(role), sql.Identifier(database), sql.Identifier(owner)
    out = []
    options = sql.SQL("LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS")
    if not exists:
        out.append(sql.SQL("CREATE ROLE {} ").format(r) + options)
    else:
        out.append(sql.SQL("ALTER ROLE {} ").format(r) + options)
    if password:
        out.append(sql.SQL("ALTER ROLE {} PASSWORD {}").format(r, sql.Literal(password)))
    out += [
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(db, r),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(r),
        sql.SQL("REVOKE CREATE ON SCHEMA public FROM {}").format(r),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(r),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(r),
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}"
        ).format(o, r),
        sql.SQL("ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {}").format(
            o, r
        ),
    ]
    for table in LEDGER_TABLES:
        t = sql.Identifier(table)
        out += [
            sql.SQL("REVOKE ALL ON {} FROM {}").format(t, r),
            sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(t, r),
        ]
    return out


class Command(BaseCommand):
    help = (
        "创建/更新应用数据库角色及其权限（账本表只能读和追加）。"
        "Create or update the application's database role and grants; run as the owner after migrate."
    )

    def add_arguments(self, parser):
        parser.add_argument("--app-role", default="bangfu_app")
        parser.add_argument(
            "--password", default=None, help="the role's password (default: the APP_DB_PASSWORD environment variable)"
        )

    def handle(self, *args, app_role, password, **options):
        import os

        if connection.vendor != "postgresql":
            raise CommandError("db_roles needs PostgreSQL (SQLite has no roles)")
        password = password or os.environ.get("APP_DB_PASSWORD") or None
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_user, current_database(), EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s)",
                [app_role],
            )
            owner, database, exists = cursor.fetchone()
            if owner == app_role:
                raise CommandError("run this as the owner role, not as the application role")
            with transaction.atomic():
                for statement in statements(
                    role=app_role, password=password, database=database, owner=owner, exists=exists
                ):
                    cursor.execute(statement)
        self.stdout.write(
            f"role {app_role}: DML on all tables, SELECT/INSERT only on {', '.join(LEDGER_TABLES)}; owner {owner}"
        )
