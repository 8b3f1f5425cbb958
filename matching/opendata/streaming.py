"""Row streams written as CSV or JSON, a batch at a time, so memory does not grow with the rows."""

import json
from collections.abc import Callable, Iterable, Iterator

from matching.csv_cells import SafeWriter

BATCH = 500


def batched_by_pk(queryset, *, size: int = BATCH) -> Iterator[list]:
    """Keyset pagination by primary key: each batch is one query (plus its prefetches). Rows are model
    instances, or dicts with a "pk" key from ``values("pk", ...)``."""
    last = None
    while True:
        qs = queryset.order_by("pk")
        if last is not None:
            qs = qs.filter(pk__gt=last)
        batch = list(qs[:size])
        if not batch:
            return
        yield batch
        if len(batch) < size:
            return
        last = batch[-1]["pk"] if isinstance(batch[-1], dict) else batch[-1].pk


class _Echo:
    def write(self, value):
        return value


def csv_lines(columns: tuple[str, ...], rows: Iterable[dict]) -> Iterator[str]:
    """A UTF-8 BOM (so spreadsheet programs read the Chinese right), the header, then one line a row;
    text cells that would run as a formula are quoted (matching/csv_cells.py)."""
    writer = SafeWriter(_Echo())
    yield "\ufeff" + writer.writerow(columns)
    for row in rows:
        yield writer.writerow([_cell(row.get(c)) for c in columns])


def _cell(value):
    """Text stays text (and is neutralised by the writer); numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return str(value)


def json_chunks(columns: tuple[str, ...], rows: Iterable[dict]) -> Iterator[str]:
    """A JSON array of objects with exactly the documented keys, written a row at a time."""
    yield "["
    first = True
    for row in rows:
        yield (
            ("" if first else ",")
            + "\n"
            + json.dumps({c: _json_value(row.get(c)) for c in columns}, ensure_ascii=False)
        )
        first = False
    yield "\n]\n"


def _json_value(value):
    if value is None or isinstance(value, (bool, int, str, list)):
        return value
    return str(value)


def rows_from_batches(batches: Iterable[list], to_rows: Callable[[list], Iterable[dict]]) -> Iterator[dict]:
    for batch in batches:
        yield from to_rows(batch)
