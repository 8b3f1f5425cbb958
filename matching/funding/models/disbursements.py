"""Money leaving a project for a need: regular disbursements, emergency advances and their follow-ups."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string


class Disbursement(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("拨付")
        ADVANCE = "advance", _("急难先行救助")
        FOLLOW_UP = "follow_up", _("后续分期拨付")

    class Status(models.TextChoices):
        PENDING_APPROVAL = "pending_approval", _("待第二人审批")
        AWAITING_CONFIRMATION = "awaiting_confirmation", _("待地区民政确认")
        CONFIRMED = "confirmed", _("已确认")
        REJECTED = "rejected", _("已驳回")

    project = models.ForeignKey(
        "matching.Project", verbose_name="项目", on_delete=models.PROTECT, related_name="disbursements"
    )
    need = models.ForeignKey(
        "matching.NeedPage", verbose_name="需求", on_delete=models.PROTECT, related_name="disbursements"
    )
    kind = models.CharField("类型", max_length=12, choices=Kind.choices, default=Kind.REGULAR)
    advance = models.ForeignKey(
        "self",
        verbose_name="对应的先行救助",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    amount = models.BigIntegerField("金额（分）")
    currency = models.CharField("币种", max_length=3, default="CNY")
    purpose = models.CharField("用途", max_length=300)
    status = models.CharField("状态", max_length=24, choices=Status.choices)
    receipt = models.ForeignKey(
        get_document_model_string(),
        verbose_name="收据/凭证",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审批人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField("审批时间", null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="驳回人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rejection_reason = models.CharField("驳回理由", max_length=300, blank=True)
    paperwork_due_on = models.DateField("补交材料截止日", null=True, blank=True)
    paperwork_received_at = models.DateTimeField("材料补交时间", null=True, blank=True)
    allocation_transaction = models.OneToOneField(
        "funding.LedgerTransaction",
        verbose_name="拨付交易",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    settlement_transaction = models.OneToOneField(
        "funding.LedgerTransaction",
        verbose_name="确认/冲正交易",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "拨付"
        verbose_name_plural = "拨付"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="funding_disbursement_amount_positive"),
        ]
        indexes = [
            models.Index(fields=["kind", "paperwork_received_at", "paperwork_due_on"]),
            # the monthly overlap report reads the money sent in one month
            models.Index(fields=["created_at"], name="disbursement_created_at"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.project} → {self.need}"
