"""The indexing outbox: enqueue in the domain transaction, drain into the backend after commit.

A backend that is down never fails the write that enqueued: the drain catches the error, keeps
the rows with a growing delay (exponential backoff) and the periodic sweep tries again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from search.backends.base import SearchUnavailable, get_search_backend
from search.document_source import documents_for_refs
from search.models import IndexOutbox

logger = logging.getLogger(__name__)

# Rows read per round: a round's documents of a kind go to the backend together, one commit of the embedded
# engine per round (an import of 1,000 needs is one round, not five).
BATCH_SIZE = 1000
MAX_BACKOFF = dt.timedelta(hours=1)

# The kinds whose backend copy is not a record's document (standing profiles: the percolator's copy), each with
# the function that makes the backend agree with the database; registered at start-up (SearchConfig.ready).
_APPLIERS: dict[str, Callable] = {}
# What schedules a drain after a commit (the Celery task's delay); registered at start-up too.
_scheduler: list[Callable[[], object]] = []


def outbox_kind_register(kind: str, apply: Callable) -> None:
    """`apply(target_backend, refs)` makes the backend agree with the database for those refs of `kind`."""
    _APPLIERS[kind] = apply


def outbox_scheduler_register(schedule: Callable[[], object]) -> None:
    _scheduler[:] = [schedule]


def backoff(attempts: int) -> dt.timedelta:
    """2, 4, 8 … seconds after each failed attempt, at most an hour."""
    return min(dt.timedelta(seconds=2 ** min(max(1, attempts), 12)), MAX_BACKOFF)


def outbox_enqueue(*, kind: str, refs, op: str = IndexOutbox.Op.UPSERT) -> int:
    """Queue index work for ``refs`` in the current transaction; drain after it commits."""
    refs = [r for r in dict.fromkeys(refs) if r]
    if refs:
        # One untried row per document is enough: the drain reads the database anyway.
        queued = set(
            IndexOutbox.objects.filter(kind=kind, ref__in=refs, attempts=0, op=op).values_list("ref", flat=True)
        )
        refs = [r for r in refs if r not in queued]
    if not refs:
        return 0
    IndexOutbox.objects.bulk_create([IndexOutbox(kind=kind, ref=r, op=op) for r in refs])
    connection = transaction.get_connection()
    if not any(entry[1] is _schedule_drain for entry in connection.run_on_commit):
        transaction.on_commit(_schedule_drain, robust=True)
    return len(refs)


def _schedule_drain() -> None:
    if not _scheduler:
        logger.warning("search outbox: no drain scheduler registered; the sweep will catch up")
        return
    try:
        _scheduler[0]()
    except Exception:  # a broker that is down: the periodic sweep drains later
        logger.warning("search outbox: could not schedule a drain; the sweep will catch up", exc_info=True)


def outbox_drain(*, batch_size: int = BATCH_SIZE, max_batches: int = 50, backend=None) -> dict:
    """Apply due outbox rows to the backend, oldest first, in batches. Safe to run twice or
    concurrently: a row is deleted only after its document was written. Never raises for a
    backend error: the rows stay, with ``attempts`` and ``available_at`` pushed back."""
    done = failed = 0
    for _ in range(max_batches):
        now = timezone.now()
        rows = list(IndexOutbox.objects.filter(available_at__lte=now).order_by("id")[:batch_size])
        if not rows:
            break
        by_kind: dict[str, list[IndexOutbox]] = defaultdict(list)
        for row in rows:
            by_kind[row.kind].append(row)
        for kind, kind_rows in by_kind.items():
            refs = list(dict.fromkeys(r.ref for r in kind_rows))
            ids = [r.id for r in kind_rows]
            try:
                _apply(backend or get_search_backend(), kind, refs)
            except (SearchUnavailable, OSError, ValueError) as exc:
                failed += len(ids)
                _postpone(kind_rows, exc)
                continue
            IndexOutbox.objects.filter(id__in=ids).delete()
            done += len(ids)
        if failed:
            break
    return {"done": done, "failed": failed, "pending": IndexOutbox.objects.count()}


def _apply(target, kind: str, refs: list[str]) -> None:
    """Make the backend agree with the database for ``refs`` of ``kind``."""
    if kind in _APPLIERS:
        _APPLIERS[kind](target, refs)
        return
    docs, gone = documents_for_refs(kind, refs)
    target.index(kind, docs)
    target.delete(kind, gone)


def _postpone(rows: list[IndexOutbox], exc: BaseException) -> None:
    now = timezone.now()
    message = str(exc)[:1000]
    logger.warning("search outbox: %d rows postponed: %s", len(rows), message)
    for row in rows:
        attempts = row.attempts + 1
        IndexOutbox.objects.filter(id=row.id).update(
            attempts=attempts, last_error=message, available_at=now + backoff(attempts)
        )


def outbox_status() -> dict:
    rows = IndexOutbox.objects.all()
    oldest = rows.order_by("created_at").values_list("created_at", flat=True).first()
    return {"pending": rows.count(), "failing": rows.filter(attempts__gt=0).count(), "oldest": oldest}
