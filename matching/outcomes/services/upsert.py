"""Adding sums into kept figures in one statement per batch of rows."""

from django.db import connection


def upsert_added(model, keys: list[str], rows: list[tuple], values: list[str], extra: dict | None = None) -> None:
    """INSERT rows, or add their values to the row already there (one statement per batch of rows; the
    ON CONFLICT … DO UPDATE of PostgreSQL and SQLite)."""
    table = model._meta.db_table
    extra = extra or {}
    cols = keys + values + list(extra)
    sets = [f"{v} = {table}.{v} + excluded.{v}" for v in values] + [f"{k} = excluded.{k}" for k in extra]
    conflict = f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {', '.join(sets)}"
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # One array per column (unnest): a few parameters a statement instead of one per value, which
            # PostgreSQL parses three times faster (the kept figures of a national load are 400,000 rows).
            types = [model._meta.get_field(c).db_type(connection) for c in keys + values]
            arrays = ", ".join(f"%s::{t}[]" for t in types)
            constants = "".join(", %s" for _ in extra)
            for i in range(0, len(rows), 20_000):
                batch = rows[i : i + 20_000]
                cur.execute(
                    f"INSERT INTO {table} ({', '.join(cols)}) SELECT *{constants} FROM unnest({arrays}) {conflict}",
                    [*extra.values(), *(list(column) for column in zip(*batch, strict=True))],
                )
            return
        for i in range(0, len(rows), 1000):
            batch = rows[i : i + 1000]
            marks = ", ".join(["(" + ", ".join(["%s"] * len(cols)) + ")"] * len(batch))
            cur.execute(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES {marks} {conflict}",
                [v for row in batch for v in (*row, *extra.values())],
            )
