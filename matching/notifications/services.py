"""Writes on notifications. `notify` is the one door every app uses to tell people something."""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from matching.notifications.models import Notification, NotificationPreference
from matching.notifications.selectors import users_of_organisation
from matching.permissions import staff_users_for_region


def _schedule_emails(ids: list[int]) -> None:
    from matching.notifications.tasks import send_notification_emails

    if ids:
        transaction.on_commit(lambda: send_notification_emails.delay(ids))


def notify(
    *, recipients: Iterable[AbstractBaseUser], kind: str, title: str, body: str = "", url: str = ""
) -> list[Notification]:
    """Write one inbox line per distinct recipient in the caller's transaction; email after commit.

    If the caller's transaction rolls back, neither the inbox lines nor the emails exist. The email
    task only sends to people who chose immediate delivery; the others get the daily digest.
    Callers must not put beneficiaries' personal data in title or body: they go by email.
    """
    if not kind or not title:
        raise ValidationError("通知必须有类型和标题")
    seen: set[int] = set()
    rows = []
    for user in recipients:
        if user is None or user.pk in seen:
            continue
        seen.add(user.pk)
        rows.append(Notification(recipient=user, kind=kind[:60], title=title[:200], body=body, url=url[:500]))
    with transaction.atomic():
        for notification in rows:  # one by one: bulk_create does not return ids on every backend
            notification.save()
        _schedule_emails([n.pk for n in rows])
    return rows


def notify_organisation(*, organisation, kind: str, title: str, body: str = "", url: str = "") -> list[Notification]:
    """Tell every member of an organisation."""
    return notify(
        recipients=users_of_organisation(organisation=organisation), kind=kind, title=title, body=body, url=url
    )


def notify_region_staff(*, region, kind: str, title: str, body: str = "", url: str = "") -> list[Notification]:
    """Tell the civil-affairs staff whose scope covers the region (county, prefecture, province, national)."""
    return notify(recipients=staff_users_for_region(region), kind=kind, title=title, body=body, url=url)


def notification_mark_read(*, user: AbstractBaseUser, notification_id: int) -> Notification:
    """A person can only mark their own notifications; someone else's id is 'not found'."""
    notification = Notification.objects.get(pk=notification_id, recipient=user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: AbstractBaseUser) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def notification_preference_set(*, user: AbstractBaseUser, delivery: str) -> NotificationPreference:
    if delivery not in NotificationPreference.Delivery.values:
        raise ValidationError({"delivery": "请选择即时邮件或每日汇总邮件"})
    preference, _ = NotificationPreference.objects.update_or_create(user=user, defaults={"delivery": delivery})
    return preference
