"""Spending lines (支出明细): what a disbursement bought, each line tied to the delivery or report that proves it.

Descriptive records, not money: the money moved in the ledger when the disbursement was made and confirmed, and the
ledger is never edited. A line says what part of that money bought (amount in fen; the lines of a disbursement never
add up to more than it), how many people it reached (a count, never names), and which delivery record or progress
report of the same project carries its receipts and photos. Rules live in services/spending.py; who may write them
in matching/permissions/spending.py.
"""

from django.conf import settings
from django.db import models

from matching.personal_data import public_text_check


class SpendingLine(models.Model):
    disbursement = models.ForeignKey(
        "funding.Disbursement", verbose_name="拨付", on_delete=models.PROTECT, related_name="spending_lines"
    )
    what = models.CharField("购买内容", max_length=200, help_text="公开显示：买了什么、多少")
    amount = models.BigIntegerField("金额（分）")
    beneficiaries = models.PositiveIntegerField("受益人数", default=0, help_text="只填人数，不填姓名")
    delivery = models.ForeignKey(
        "outcomes.DeliveryRecord",
        verbose_name="佐证：交付记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="spending_lines",
    )
    report = models.ForeignKey(
        "outcomes.ProgressReport",
        verbose_name="佐证：进展报告",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="spending_lines",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填写人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("填写时间", auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="最后修改人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("最后修改时间", auto_now=True)

    class Meta:
        verbose_name = "支出明细"
        verbose_name_plural = "支出明细"
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="outcomes_spending_line_amount_positive"),
            models.CheckConstraint(
                condition=~models.Q(delivery__isnull=False, report__isnull=False),
                name="outcomes_spending_line_one_proof",
            ),
        ]

    def __str__(self) -> str:
        return f"支出明细 #{self.pk}：{self.what[:40]}"

    def clean(self) -> None:
        from django.apps import apps

        records = apps.get_model("matching", "BeneficiaryRecord")
        need_id = self.disbursement.need_id if self.disbursement_id else None
        public_text_check(
            fields={"what": self.what}, private_values=records.private_values(need_id=need_id) if need_id else ()
        )

    @property
    def proof(self):
        """The delivery record or progress report linked as evidence, or None."""
        return self.delivery or self.report
