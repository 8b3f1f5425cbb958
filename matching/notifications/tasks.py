"""Email tasks: take ids, re-fetch, claim each row (emailed_at) before sending so a rerun never sends twice.

A row is claimed before the send; if the send raises, the claim is released and the task retries.
A worker killed between claim and send loses that one email (at most once): the inbox line stays.
"""

import logging
import smtplib

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from matching.notifications import emails
from matching.notifications.models import Notification, NotificationPreference

logger = logging.getLogger(__name__)
RETRYABLE = (smtplib.SMTPException, OSError)


def _claim(ids: list[int]) -> list[Notification]:
    """Mark unsent rows as emailed in one transaction and return the ones this call claimed."""
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            Notification.objects.select_for_update()
            .filter(pk__in=ids, emailed_at__isnull=True)
            .select_related("recipient")
            .order_by("created_at", "id")
        )
        Notification.objects.filter(pk__in=[r.pk for r in rows]).update(emailed_at=now)
    return rows


def _release(rows: list[Notification]) -> None:
    Notification.objects.filter(pk__in=[r.pk for r in rows]).update(emailed_at=None)


@shared_task(
    bind=True, autoretry_for=RETRYABLE, retry_backoff=True, retry_backoff_max=600, max_retries=6, acks_late=True
)
def send_notification_emails(self, notification_ids: list[int]) -> int:
    """Email each notification to its recipient, if they chose immediate delivery and have an address."""
    digest_users = set(
        NotificationPreference.objects.filter(
            user__notifications__pk__in=notification_ids, delivery=NotificationPreference.Delivery.DAILY_DIGEST
        ).values_list("user_id", flat=True)
    )
    candidates = list(
        Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True)
        .exclude(recipient_id__in=digest_users)
        .exclude(recipient__email="")
        .values_list("pk", flat=True)
    )
    sent = 0
    for notification in _claim(candidates):
        subject, text = emails.format_one(title=notification.title, body=notification.body, url=notification.url)
        try:
            emails.deliver(to=notification.recipient.email, subject=subject, text=text)
        except RETRYABLE:
            _release([notification])
            raise
        sent += 1
    logger.info("notification emails sent: %d of %d", sent, len(notification_ids))
    return sent


@shared_task(acks_late=True)
def send_daily_digests() -> int:
    """Beat entry point: one digest task per person who chose the daily digest and has unsent notifications."""
    user_ids = list(
        get_user_model()
        .objects.filter(
            notification_preference__delivery=NotificationPreference.Delivery.DAILY_DIGEST,
            notifications__emailed_at__isnull=True,
            is_active=True,
        )
        .exclude(email="")
        .values_list("pk", flat=True)
        .distinct()
    )
    for user_id in user_ids:
        send_digest_for_user.delay(user_id)
    return len(user_ids)


@shared_task(
    bind=True, autoretry_for=RETRYABLE, retry_backoff=True, retry_backoff_max=600, max_retries=6, acks_late=True
)
def send_digest_for_user(self, user_id: int) -> int:
    """One email listing all of this person's notifications not emailed yet. Safe to run twice."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return 0
    ids = list(Notification.objects.filter(recipient=user, emailed_at__isnull=True).values_list("pk", flat=True))
    rows = _claim(ids)
    if not rows:
        return 0
    subject, text = emails.format_digest(items=[(n.title, n.body, n.url) for n in rows])
    try:
        emails.deliver(to=user.email, subject=subject, text=text)
    except RETRYABLE:
        _release(rows)
        raise
    return len(rows)
