"""An inbox line per recipient, and each person's choice of email delivery."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One notification for one person. Written in the caller's transaction; email goes after commit."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("类型", max_length=60, help_text="例如 intake.report_received、organisation.approved")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=500, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    emailed_at = models.DateTimeField(
        "邮件发送时间", null=True, blank=True, help_text="已发送（或已由某次发送认领）；防止重复发信"
    )

    class Meta:
        verbose_name = "站内通知"
        verbose_name_plural = "站内通知"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notif_recipient_read"),
            models.Index(fields=["recipient", "emailed_at"], name="notif_recipient_emailed"),
        ]

    def __str__(self) -> str:
        return f"通知 #{self.pk} {self.kind}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("即时邮件")
        DAILY_DIGEST = "daily_digest", _("每日汇总邮件")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="notification_preference"
    )
    delivery = models.CharField("邮件提醒方式", max_length=16, choices=Delivery.choices, default=Delivery.IMMEDIATE)

    class Meta:
        verbose_name = "通知偏好"
        verbose_name_plural = "通知偏好"

    def __str__(self) -> str:
        return f"通知偏好 #{self.pk}"
