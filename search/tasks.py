"""Celery tasks of the search layer: thin wrappers around search.outbox (idempotent)."""

from celery import shared_task


@shared_task(name="search.tasks.outbox_drain", ignore_result=True)
def outbox_drain() -> dict:
    from search.outbox import outbox_drain as drain

    return drain()


@shared_task(name="search.tasks.outbox_sweep", ignore_result=True)
def outbox_sweep() -> dict:
    """The periodic safety net (CELERY_BEAT_SCHEDULE): drain whatever is due."""
    from search.outbox import outbox_drain as drain

    return drain(max_batches=500)


@shared_task(
    name="search.tasks.profiles_alert",
    ignore_result=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def profiles_alert(need_ref: str) -> int:
    """Alert the organisations whose standing profiles a newly published need fits."""
    from search.standing_profiles.services import profiles_alert_for_need

    return profiles_alert_for_need(need_ref=need_ref)


@shared_task(
    name="search.tasks.profiles_alert_many",
    ignore_result=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def profiles_alert_many(need_refs: list[str]) -> int:
    """``profiles_alert`` for the needs of one import batch: one task, not one per need. Safe to retry
    whole: a profile is alerted once per need (the alert's unique key)."""
    from search.standing_profiles.services import profiles_alert_for_needs

    return profiles_alert_for_needs(need_refs=need_refs)
