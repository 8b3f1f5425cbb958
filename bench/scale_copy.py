"""PostgreSQL's bulk paths for the scale loader: COPY into a model's table, index and constraint builds
deferred until the rows are in (and run on two connections at once), sequences moved past the ids given."""

from __future__ import annotations

import concurrent.futures
import time
from collections.abc import Iterable
from contextlib import ExitStack, contextmanager


def raw_connection():
    """The psycopg connection under Django's default connection (autocommit, as Django leaves it)."""
    from django.db import connection

    connection.ensure_connection()
    return connection.connection


def columns_of(model, fields: list[str]) -> list[str]:
    return [model._meta.get_field(f).column for f in fields]


def copy_model(model, fields: list[str], rows: Iterable[tuple]) -> int:
    """COPY ``rows`` (tuples in the order of ``fields``, model attribute names such as ``county_id``)
    into the model's table. Returns the number of rows."""
    with copy_streams({"rows": (model, fields)}) as streams:
        for row in rows:
            streams["rows"](row)
        return streams.count("rows")


class _Streams(dict):
    def __init__(self):
        super().__init__()
        self.counts: dict[str, int] = {}

    def count(self, name: str) -> int:
        return self.counts[name]


@contextmanager
def copy_streams(specs: dict):
    """One COPY per table, each on a connection of its own, open at once: ``streams[name](row)`` writes a
    row to its table, so one pass over generated data fills several tables without holding them in
    memory, and PostgreSQL parses the tables in parallel. ``specs``: name -> (model, fields)."""
    import psycopg

    params = _connection_params()
    streams = _Streams()
    with ExitStack() as stack:
        for name, (model, fields) in specs.items():
            conn = stack.enter_context(psycopg.connect(**params, autocommit=True))
            cols = ", ".join(f'"{c}"' for c in columns_of(model, fields))
            cp = stack.enter_context(conn.cursor().copy(f'COPY "{model._meta.db_table}" ({cols}) FROM STDIN'))
            streams.counts[name] = 0

            def write(row, _cp=cp, _name=name):
                _cp.write_row(row)
                streams.counts[_name] += 1

            streams[name] = write
        yield streams


def _connection_params() -> dict:
    from django.db import connection

    params = connection.get_connection_params()
    for key in ("cursor_factory", "context", "prepare_threshold", "server_side_binding"):
        params.pop(key, None)
    return params


def next_id(model) -> int:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(f'SELECT COALESCE(MAX("{model._meta.pk.column}"), 0) + 1 FROM "{model._meta.db_table}"')
        return cur.fetchone()[0]


def sequences_reset(models) -> None:
    """Move each table's id sequence past the ids the loader gave."""
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cur:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cur.execute(sql)


def _deferrable(tables: list[str]) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """(constraints: table, name, definition) — foreign keys and unique constraints, not primary keys —
    and (indexes: name, definition) that back no constraint, on the given tables."""
    with raw_connection().cursor() as cur:
        cur.execute(
            """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype
            FROM pg_constraint c WHERE c.conrelid::regclass::text = ANY(%s) AND c.contype IN ('f', 'u')
            ORDER BY c.contype DESC, c.conname""",
            [tables],
        )
        constraints = [(t, n, d) for t, n, d, _kind in cur.fetchall()]
        cur.execute(
            """
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.tablename = ANY(%s) AND i.schemaname = 'public'
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""",
            [tables],
        )
        indexes = cur.fetchall()
    return constraints, indexes


@contextmanager
def indexes_deferred(models, *, log=print):
    """Drop the secondary indexes, unique and foreign-key constraints of the models' tables, let the block
    COPY, then build them again: indexes on two connections at once (both cores), constraints after."""
    tables = [m._meta.db_table for m in models]
    constraints, indexes = _deferrable(tables)
    with raw_connection().cursor() as cur:
        for table, name, _definition in constraints:
            cur.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cur.execute(f'DROP INDEX "{name}"')
    yield
    t0 = time.perf_counter()
    statements = [d for _n, d in indexes] + [
        f'ALTER TABLE "{t}" ADD CONSTRAINT "{n}" {d}' for t, n, d in constraints if not d.startswith("FOREIGN KEY")
    ]
    _run_parallel(statements)
    # Foreign keys lock both tables: one at a time.
    _run_parallel(
        [f'ALTER TABLE "{t}" ADD CONSTRAINT "{n}" {d}' for t, n, d in constraints if d.startswith("FOREIGN KEY")],
        workers=1,
    )
    log(f"  {len(indexes)} indexes and {len(constraints)} constraints built in {time.perf_counter() - t0:.0f} s")


def _run_parallel(statements: list[str], *, workers: int = 2) -> None:
    import psycopg

    if not statements:
        return
    params = _connection_params()
    # Largest first, so the two connections finish together.
    pending = sorted(statements, key=lambda s: ("ledgerentry" not in s, "wagtailcore_page" not in s))

    def run(sql: str) -> None:
        with psycopg.connect(**params, autocommit=True) as conn:
            conn.execute("SET maintenance_work_mem = '256MB'")
            conn.execute("SET max_parallel_maintenance_workers = 0")
            conn.execute(sql)

    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        for future in [pool.submit(run, s) for s in pending]:
            future.result()


@contextmanager
def row_trigger_replaced(model, trigger: str, check_sql: str):
    """A per-row trigger that re-reads the table (the ledger's balance check) costs a scan per row while
    its index is not built: switch it off for the COPY and check the same rule once, set-based, after.
    ``check_sql`` counts the rows that break the rule; any makes the load fail."""
    table = model._meta.db_table
    with raw_connection().cursor() as cur:
        cur.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER "{trigger}"')
    try:
        yield
    finally:
        with raw_connection().cursor() as cur:
            cur.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER "{trigger}"')
    with raw_connection().cursor() as cur:
        cur.execute(check_sql)
        broken = cur.fetchone()[0]
    if broken:
        raise RuntimeError(f"{broken} rows break the rule of trigger {trigger} on {table}")
