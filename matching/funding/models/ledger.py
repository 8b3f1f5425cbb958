"""The double-entry ledger: accounts, transactions and their entries. Append-only."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching.funding.error_codes import FundingErrorCode


class LedgerImmutableError(ValidationError):
    """Raised on any attempt to change or remove a posted ledger row."""


IMMUTABLE_MESSAGE = "账本记录只能追加，不能修改或删除；更正请做冲正交易"


def _immutable() -> LedgerImmutableError:
    return LedgerImmutableError(IMMUTABLE_MESSAGE, code=str(FundingErrorCode.LEDGER_APPEND_ONLY))


class AppendOnlyQuerySet(models.QuerySet):
    """Queryset that inserts and reads but refuses bulk changes."""

    def update(self, **kwargs):
        raise _immutable()

    def delete(self):
        raise _immutable()

    def bulk_update(self, objs, fields, batch_size=None):
        raise _immutable()

    def update_or_create(self, *args, **kwargs):
        raise _immutable()


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise _immutable()
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise _immutable()


class Account(models.Model):
    """A party money sits with. Balances are never stored: they are the sum of the entries."""

    class Kind(models.TextChoices):
        PROJECT = "project", _("项目资金")
        ALLOCATED = "allocated", _("已拨付待确认（项目→需求）")
        NEED = "need", _("需求已到位资金")
        DONORS = "donors", _("捐赠人（汇总）")
        GRANT_SOURCE = "grant_source", _("政府补助资金来源")
        ORG_FUNDS = "org_funds", _("社会组织自有资金")
        RECOVERY = "recovery", _("应追回款（退款/争议缺口）")

    # Accounts for the world outside the platform: their balance is the mirror of what came in,
    # so it is negative by nature. Every other account holds money and can never go below zero.
    EXTERNAL_KINDS = frozenset({Kind.DONORS, Kind.GRANT_SOURCE, Kind.ORG_FUNDS, Kind.RECOVERY})

    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    key = models.CharField("标识", max_length=120)
    name = models.CharField("名称", max_length=200)
    project = models.ForeignKey(
        "matching.Project",
        verbose_name="项目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_accounts",
    )
    need = models.ForeignKey(
        "matching.NeedPage",
        verbose_name="需求",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_accounts",
    )
    organisation = models.ForeignKey(
        "matching.Organisation",
        verbose_name="社会组织",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_accounts",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "账户"
        verbose_name_plural = "账户"
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="funding_account_unique_kind_key")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.name}"

    @property
    def may_go_negative(self) -> bool:
        return self.kind in self.EXTERNAL_KINDS


class LedgerTransaction(AppendOnlyModel):
    """One money movement: two or more entries that sum to zero in each currency."""

    class Kind(models.TextChoices):
        DONATION = "donation", _("捐赠")
        GRANT = "grant", _("政府补助")
        OWN_FUNDS = "own_funds", _("组织自有资金")
        ALLOCATION = "allocation", _("拨付（待确认）")
        SPEND = "spend", _("拨付确认")
        ADVANCE = "advance", _("急难先行救助")
        REFUND = "refund", _("退款")
        DISPUTE = "dispute", _("支付争议")
        DISPUTE_WON = "dispute_won", _("争议胜诉恢复")
        REVERSAL = "reversal", _("冲正")

    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    # The kind of the movement a reversal undoes (itself if it undoes nothing): totals group by it.
    origin_kind = models.CharField("原始类型", max_length=16, choices=Kind.choices)
    memo = models.CharField("摘要", max_length=300, blank=True)
    # Set by the ledger service: now, or the historical time a loader of past records gives it.
    created_at = models.DateTimeField("记账时间", default=timezone.now, editable=False, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记账人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reverses = models.ForeignKey(
        "self", verbose_name="冲正的原交易", null=True, blank=True, on_delete=models.PROTECT, related_name="reversals"
    )
    idempotency_key = models.CharField("幂等键", max_length=200, unique=True)

    class Meta:
        verbose_name = "账本交易"
        verbose_name_plural = "账本交易"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()} {self.memo}"


class LedgerEntry(AppendOnlyModel):
    transaction = models.ForeignKey(
        LedgerTransaction, verbose_name="交易", on_delete=models.PROTECT, related_name="entries"
    )
    account = models.ForeignKey(Account, verbose_name="账户", on_delete=models.PROTECT, related_name="entries")
    amount = models.BigIntegerField("金额（分，借正贷负）")
    currency = models.CharField("币种", max_length=3, default="CNY")

    class Meta:
        verbose_name = "账本分录"
        verbose_name_plural = "账本分录"
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=~models.Q(amount=0), name="funding_entry_amount_not_zero")]
        indexes = [models.Index(fields=["account", "currency"])]

    def __str__(self) -> str:
        return f"{self.account} {self.amount:+d} {self.currency}"


class LedgerEntryUnfolded(models.Model):
    """A ledger entry not yet folded into the kept transparency figures. Written with the entry, in its
    transaction; the fold takes the committed ones and deletes them, so every entry counts exactly once
    whatever order concurrent transactions commit in."""

    entry = models.OneToOneField(LedgerEntry, primary_key=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "待汇总分录"
        verbose_name_plural = "待汇总分录"
