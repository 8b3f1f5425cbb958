"""Cached public transparency pages, invalidated when the data behind them changes.

One generation number in the cache; every cached page's key includes it. Any save of a ledger
transaction, report, delivery, response-log line, need, project, organisation or page view restriction bumps it (signals
connected in apps.py: a boundary, like the search outbox), so the next request renders afresh.
Coarse on purpose: writes are rare next to page views, and a bump costs one cache write.

A bump can never fail the save that caused it: the cache backend answers a Redis outage as a miss
(config/cache.py) and anything else the cache raises is logged here. It bumps again after commit,
so a page rendered from the data before the commit is not kept under the new generation.
"""

import hashlib
import logging

from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

KEY = "transparency:generation"
TIMEOUT = 60 * 60


def generation() -> int:
    value = cache.get(KEY)
    if value is None:
        cache.add(KEY, 1, None)
        value = cache.get(KEY) or 1
    return value


def _incr() -> None:
    try:
        try:
            cache.incr(KEY)
        except ValueError:
            cache.set(KEY, 2, None)
    except Exception:  # a cache fault must never roll back the write that caused the bump
        logger.exception("transparency cache bump failed")


def bump(**_kwargs) -> None:
    _incr()
    transaction.on_commit(_incr)


def page_key(path: str) -> str:
    """The path with its query string is a stranger's text of any length: a digest keeps the key short and
    of one shape whatever it holds (memcached refuses keys over 250 characters or with spaces)."""
    digest = hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()
    return f"transparency:page:{generation()}:{digest}"


def queryset_key(prefix: str, queryset) -> str:
    """A key for something read from ``queryset`` (its count, its page boundaries), under the current
    generation: a digest of the query's SQL and parameters, so each filter combination and each base list has
    its own, and a save that bumps the generation leaves it behind."""
    sql, params = queryset.query.sql_with_params()
    digest = hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()[:32]
    return f"{prefix}:{generation()}:{digest}"


def connect() -> None:
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save

    for label in (
        "funding.LedgerTransaction",
        "outcomes.ProgressReport",
        "outcomes.Evidence",
        "outcomes.DeliveryRecord",
        "outcomes.SpendingLine",
        "matching.ResponseLogEntry",
        "matching.NeedPage",
        "matching.Project",
        "matching.Organisation",
        "matching.Match",
        # A view restriction hides or shows needs: the kept boundaries of deep list pages depend on it.
        "wagtailcore.PageViewRestriction",
    ):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        post_save.connect(bump, sender=model, dispatch_uid=f"transparency-bump-{label}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"transparency-bump-del-{label}")
