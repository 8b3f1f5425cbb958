"""Money that does not come through the payment provider: government grants, own funds, pledges."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string


class FundSource(models.TextChoices):
    CENTRAL_RELIEF = "central_relief", _("中央财政困难群众救助补助资金")
    WELFARE_LOTTERY = "welfare_lottery", _("福利彩票公益金")
    LOCAL_FISCAL = "local_fiscal", _("地方财政资金")
    OWN_FUNDS = "own_funds", _("社会组织自有资金")
    OTHER = "other", _("其他来源")


class Grant(models.Model):
    """A grant or the organisation's own funds put into a project, backed by a document."""

    project = models.ForeignKey(
        "matching.Project", verbose_name="项目", on_delete=models.PROTECT, related_name="grants"
    )
    source = models.CharField("资金来源", max_length=20, choices=FundSource.choices)
    source_detail = models.CharField("文号或说明", max_length=200, blank=True)
    amount = models.BigIntegerField("金额（分）")
    currency = models.CharField("币种", max_length=3, default="CNY")
    document = models.ForeignKey(
        get_document_model_string(), verbose_name="凭证文件", on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("录入时间", auto_now_add=True)
    transaction = models.OneToOneField(
        "funding.LedgerTransaction", verbose_name="账本交易", on_delete=models.PROTECT, related_name="grant"
    )

    class Meta:
        verbose_name = "补助与自有资金"
        verbose_name_plural = "补助与自有资金"
        ordering = ["-recorded_at"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="funding_grant_amount_positive")]

    def __str__(self) -> str:
        return f"{self.get_source_display()} → {self.project}"


class Pledge(models.Model):
    """A promise of money. It becomes a commitment with a signed document, and ledger money when it arrives."""

    class Status(models.TextChoices):
        PLEDGED = "pledged", _("已认捐")
        COMMITTED = "committed", _("已承诺（有协议）")
        FULFILLED = "fulfilled", _("已到账")
        CANCELLED = "cancelled", _("已取消")

    project = models.ForeignKey(
        "matching.Project", verbose_name="项目", on_delete=models.PROTECT, related_name="pledges"
    )
    pledger = models.CharField("认捐方", max_length=200)
    source = models.CharField("资金来源", max_length=20, choices=FundSource.choices)
    amount = models.BigIntegerField("金额（分）")
    currency = models.CharField("币种", max_length=3, default="CNY")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.PLEDGED)
    commitment_document = models.ForeignKey(
        get_document_model_string(),
        verbose_name="承诺协议",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    grant = models.OneToOneField(
        Grant, verbose_name="到账记录", null=True, blank=True, on_delete=models.PROTECT, related_name="pledge"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "认捐"
        verbose_name_plural = "认捐"
        ordering = ["-created_at"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="funding_pledge_amount_positive")]

    def __str__(self) -> str:
        return f"{self.pledger} → {self.project}"
