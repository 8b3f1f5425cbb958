"""Typed deep page numbers (``?page=500``) without walking the offset on every request.

Where every STEP-th row of a list begins is kept in the cache: the keyset cursor of the row before it, per
list (its SQL, so per filter combination) and under the public data's generation (``outcomes/cache.py``:
bumped by every save of a need, its log, a match, a view restriction, and by every bulk import, once more
after commit). A deep page then starts from the nearest kept boundary at or before it and walks fewer than
STEP rows by keyset: an index range scan, as the list's next links do. The first request for a depth after a
change walks the offset once (the same index scan as before), keeping every boundary it passes. So a page's
rows are always the rows of the offset on the data the request reads: a boundary is never used under another
generation than the one it was walked under.
"""

from types import SimpleNamespace

from django.core.cache import cache
from django.db import connections

from matching.outcomes.cache import queryset_key

STEP = 200  # rows between two kept boundaries (ten pages of 20)
KEEP_SECONDS = 60 * 60


def deep_rows(queryset, start: int, stop: int, *, keyset) -> list:
    """Rows ``start:stop`` of ``queryset`` (ordered as ``keyset`` pages it), the same rows as the slice: the
    ids from the nearest kept boundary (one query), then the rows by id with everything the list shows."""
    key = _key(queryset)
    known = cache.get(key) or {}
    base = max((i for i in known if i <= start), default=0)
    walked = queryset if base == 0 else keyset.after(queryset, known[base])
    ids, found = _walk(walked, skip=start - base, take=stop - start, keyset=keyset)
    found = {base + at: cursor for at, cursor in found.items() if base + at not in known}
    if found:
        cache.set(key, {**known, **found}, KEEP_SECONDS)
    rows = {row.pk: row for row in queryset.filter(pk__in=ids)}
    return [rows[pk] for pk in ids if pk in rows]


def _key(queryset) -> str:
    return queryset_key("list:boundaries", queryset)


def _walk(queryset, *, skip: int, take: int, keyset) -> tuple[list, dict[int, str]]:
    """One query: the ids of the ``take`` rows after the first ``skip`` rows of ``queryset``, and the cursors
    of every STEP-th row walked on the way ({rows walked: cursor of the last of them}). The cursor is made
    from the row's ``keyset.fields`` and pk alone."""
    fields = tuple(keyset.fields)
    inner = queryset.values_list(*fields, "pk")[: skip + take]
    sql, params = inner.query.sql_with_params()
    # Only the boundaries and the page's rows leave the database, however deep the walk.
    wrapped = (
        f"SELECT * FROM (SELECT w.*, row_number() OVER () AS walk_n FROM ({sql}) w) numbered "
        f"WHERE walk_n %% {STEP} = 0 OR walk_n > {skip} ORDER BY walk_n"
    )
    ids, found = [], {}
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(wrapped, params)
        for *values, pk, n in cursor.fetchall():
            if n > skip:
                ids.append(pk)
            if n % STEP == 0:
                found[n] = keyset.cursor(SimpleNamespace(pk=pk, **dict(zip(fields, values, strict=True))))
    return ids, found
