"""Celery tasks: take ids, re-fetch, safe to run twice."""
from celery import shared_task

from matching.funding.providers import ProviderError


@shared_task(bind=True, autoretry_for=(ProviderError,), retry_backoff=True, max_retries=8, acks_late=True)
def process_payment_event(self, event_id: int) -> str:
    from matching.funding.services.events import payment_event_process

    return payment_event_process(event_id=event_id)
