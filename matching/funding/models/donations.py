"""Online donations and the payment provider's events that move them."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


def new_donation_ref() -> str:
    return f"don-{uuid.uuid4().hex[:16]}"


class Donation(models.Model):
    """A donor's gift to a project or a need. The ledger moves only on the provider's verified events."""

    class Status(models.TextChoices):
        PENDING = "pending", _("待支付")
        SUCCEEDED = "succeeded", _("已到账")
        PARTIALLY_REFUNDED = "partially_refunded", _("部分退款")
        REFUNDED = "refunded", _("已全额退款")
        DISPUTED = "disputed", _("支付争议中")
        FAILED = "failed", _("支付失败")

    ref = models.CharField("捐赠编号", max_length=40, unique=True, default=new_donation_ref)
    project = models.ForeignKey(
        "matching.Project",
        verbose_name="项目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="donations",
    )
    need = models.ForeignKey(
        "matching.NeedPage",
        verbose_name="需求",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="donations",
    )
    amount = models.BigIntegerField("金额（分）")
    currency = models.CharField("币种", max_length=3, default="CNY")
    donor_name = models.CharField("捐赠人", max_length=100, blank=True)
    is_anonymous = models.BooleanField("匿名捐赠", default=False)
    email = models.EmailField("收据邮箱", blank=True)
    provider = models.CharField("支付渠道", max_length=32, default="stripe")
    provider_payment_id = models.CharField("渠道支付编号", max_length=100, null=True, blank=True, unique=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    succeeded_at = models.DateTimeField("到账时间", null=True, blank=True)
    receipt_sent_at = models.DateTimeField("收据发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "捐赠"
        verbose_name_plural = "捐赠"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="funding_donation_amount_positive"),
            models.CheckConstraint(
                condition=(
                    models.Q(project__isnull=False, need__isnull=True)
                    | models.Q(project__isnull=True, need__isnull=False)
                ),
                name="funding_donation_one_target",
            ),
        ]

    def __str__(self) -> str:
        return self.ref

    @property
    def public_donor(self) -> str:
        return "匿名爱心人士" if self.is_anonymous or not self.donor_name else self.donor_name

    @property
    def target(self):
        return self.project or self.need


class PaymentEvent(models.Model):
    """Every verified webhook event, stored once by its id before anything else happens."""

    provider = models.CharField("支付渠道", max_length=32)
    event_id = models.CharField("事件编号", max_length=100)
    type = models.CharField("事件类型", max_length=100)
    payload = models.JSONField("内容")
    received_at = models.DateTimeField("接收时间", auto_now_add=True)
    deliveries = models.PositiveIntegerField("投递次数", default=1)
    processed_at = models.DateTimeField("处理时间", null=True, blank=True)
    outcome = models.CharField("处理结果", max_length=300, blank=True)
    # Failed processing attempts and the last error: the retries and the sweep keep trying, and
    # `reconcile_stripe` lists any event still unprocessed with these.
    attempts = models.PositiveIntegerField("失败次数", default=0)
    last_error = models.CharField("最近错误", max_length=300, blank=True)

    class Meta:
        verbose_name = "支付事件"
        verbose_name_plural = "支付事件"
        ordering = ["received_at", "id"]
        constraints = [models.UniqueConstraint(fields=["provider", "event_id"], name="funding_event_unique_id")]

    def __str__(self) -> str:
        return f"{self.provider}:{self.event_id} {self.type}"
