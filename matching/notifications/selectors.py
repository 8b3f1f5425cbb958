"""Reads for the inbox and for choosing recipients."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from matching.notifications.models import Notification, NotificationPreference


def notifications_for_user(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-id")


def notifications_unread_count(*, user) -> int:
    if not user or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def delivery_for_user(*, user_id: int) -> str:
    value = NotificationPreference.objects.filter(user_id=user_id).values_list("delivery", flat=True).first()
    return value or NotificationPreference.Delivery.IMMEDIATE


def users_of_organisation(*, organisation) -> QuerySet:
    return get_user_model().objects.filter(memberships__organisation=organisation, is_active=True).distinct()
