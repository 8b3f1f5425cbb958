"""New rows written with PostgreSQL's COPY, in the current transaction: what ``bulk_create`` writes, without
building one INSERT statement of every value (Django's SQL compilation and the client-side quoting of every
parameter were most of a bulk import's insert time). PostgreSQL only, as the bulk paths that use it.

Values are prepared as ``bulk_create`` prepares them (each field's ``pre_save`` for an insert, then
``get_db_prep_save``); ids the caller needs are taken from the table's sequence first (``ids_take``).
"""

from django.db import connection


def ids_take(model, count: int) -> list[int]:
    """``count`` new primary keys from the model's sequence (what the inserts would have taken)."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cur.fetchall()]


def rows_copy(model, objs: list, fields=None) -> int:
    """COPY ``objs`` into the model's table: ``fields`` (default: the model's own concrete fields, without an
    auto primary key that is not set). Returns the number of rows."""
    if not objs:
        return 0
    if fields is None:
        pk = model._meta.pk
        fields = [f for f in model._meta.local_concrete_fields if not (f is pk and getattr(objs[0], f.attname) is None)]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cur, cur.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for obj in objs:
            copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])
    return len(objs)
