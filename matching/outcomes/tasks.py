"""Celery tasks: thin, safe to run twice."""

from celery import shared_task


@shared_task(acks_late=True)
def dashboard_digest() -> int:
    from matching.outcomes.services.digest import dashboard_digest_send

    return dashboard_digest_send()


REFRESH_QUEUED = "outcomes:figures-refresh-queued"
RECOUNT_HELD = "outcomes:figures-recount-held"


@shared_task(acks_late=True)
def figures_refresh() -> dict:
    """Bring the kept transparency figures up to date: fold new ledger entries every time; recount needs and
    the dashboard's figures at most once every FIGURES_RECOUNT_SECONDS (the key held in the cache for that
    long), since a recount reads every live need. Run by beat every FIGURES_REFRESH_SECONDS and queued after a
    write that changes them; safe to run twice.

    The kept figures say when they were last recounted, and that is asked first: a cache of one process
    (the default, in-process cache) would let every new process recount at once, e.g. each
    ``import_records`` run without a broker, which at the national size cost 20-45 s an import."""
    from django.conf import settings
    from django.core.cache import cache

    from matching.outcomes.services.figures import figures_refresh as refresh

    cache.delete(REFRESH_QUEUED)
    every = settings.FIGURES_RECOUNT_SECONDS
    return refresh(recount=every <= 0 or (not _recounted_within(every) and cache.add(RECOUNT_HELD, 1, every)))


def _recounted_within(seconds: int) -> bool:
    import datetime as dt

    from django.utils import timezone

    from matching.outcomes.models import PLATFORM, RegionFigures

    since = timezone.now() - dt.timedelta(seconds=seconds)
    return RegionFigures.objects.filter(code=PLATFORM, needs_refreshed_at__gte=since).exists()


def figures_refresh_soon(**_kwargs) -> None:
    """After a need or a ledger transaction is saved and committed: one refresh a few seconds later, however
    many saves there were (one per transaction, one queued at a time)."""
    from django.core.cache import cache
    from django.db import connection, transaction

    if any(getattr(f, "__name__", "") == "_figures_queue" for _sids, f, *_ in connection.run_on_commit):
        return

    def _figures_queue() -> None:
        if cache.add(REFRESH_QUEUED, 1, 300):
            figures_refresh.apply_async(countdown=2)

    transaction.on_commit(_figures_queue)
