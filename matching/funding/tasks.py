"""Celery tasks: take ids, re-fetch, safe to run twice.

A payment event is stored before the webhook answers; processing it is retried with backoff on any
transient fault (the provider unreachable, the database locked or gone), the sweep (a beat entry,
``funding-payment-events-sweep``) picks up whatever the retries or a lost broker message left, and
``reconcile_stripe`` reports any event still unprocessed.
"""

import datetime
import logging
import random
import time

from celery import current_app, shared_task
from django.db import DatabaseError
from django.utils import timezone

from matching.funding.providers import ProviderError

logger = logging.getLogger(__name__)

TRANSIENT = (ProviderError, DatabaseError)
# In-process (no broker): a few quick retries inside the request, then the sweep takes over.
IN_PROCESS_BACKOFF = (0.1, 0.3, 0.9, 2.0)
SWEEP_AGE = datetime.timedelta(seconds=30)
SWEEP_LIMIT = 200


@shared_task(bind=True, acks_late=True, max_retries=10)
def process_payment_event(self, event_id: int) -> str:
    from matching.funding.services.events import (
        payment_event_note_failure,
        payment_event_process,
    )

    try:
        return payment_event_process(event_id=event_id)
    except TRANSIENT as exc:
        payment_event_note_failure(event_id=event_id, error=exc)
        if self.request.is_eager:
            raise
        # 2, 4, 8 … s, at most 10 minutes, with jitter so retries of many events spread out.
        countdown = min(600, 2 ** (self.request.retries + 1))
        raise self.retry(exc=exc, countdown=countdown * random.uniform(0.5, 1.5)) from exc


def payment_event_dispatch(event_id: int) -> None:
    """Hand a stored event to processing after commit. With a broker: a task (a broker outage is logged
    and left to the sweep). Without one: in this process, with short backoff, then older leftovers."""
    if not current_app.conf.task_always_eager:
        try:
            process_payment_event.delay(event_id)
        except Exception:  # the broker is down: the event is stored, the sweep will process it
            logger.warning(
                "payment event %s not queued (broker unreachable); the sweep will process it", event_id, exc_info=True
            )
        return
    for pause in (*IN_PROCESS_BACKOFF, None):
        try:
            process_payment_event.apply(args=[event_id], throw=True)
            break
        except TRANSIENT as exc:
            if pause is None:
                logger.warning("payment event %s failed, left for the sweep: %s", event_id, exc)
                return
            time.sleep(pause)
    payment_events_sweep.apply(throw=False)


@shared_task(acks_late=True)
def payment_events_sweep() -> int:
    """Process every stored event older than ``SWEEP_AGE`` that is still unprocessed. Returns how many
    ended processed; failures are counted on the event and tried again at the next sweep."""
    from matching.funding.services.events import (
        payment_event_note_failure,
        payment_event_process,
        payment_events_unprocessed,
    )

    done = 0
    ids = list(
        payment_events_unprocessed(received_before=timezone.now() - SWEEP_AGE).values_list("pk", flat=True)[
            :SWEEP_LIMIT
        ]
    )
    for event_id in ids:
        try:
            payment_event_process(event_id=event_id)
            done += 1
        except TRANSIENT as exc:
            payment_event_note_failure(event_id=event_id, error=exc)
            logger.warning("sweep: payment event %s still failing: %s", event_id, exc)
    return done
