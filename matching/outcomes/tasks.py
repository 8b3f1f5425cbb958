"""Celery tasks: thin, safe to run twice."""
from celery import shared_task


@shared_task(acks_late=True)
def dashboard_digest() -> int:
    from matching.outcomes.services.digest import dashboard_digest_send

    return dashboard_digest_send()
