"""Posting to the ledger: the one place entries are written."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from matching.errors import refusal
from matching.funding.error_codes import FundingErrorCode
from matching.funding.models import (
    Account,
    LedgerEntry,
    LedgerEntryUnfolded,
    LedgerTransaction,
)
from matching.funding.rules import balance_refusal
from matching.money import Money


@dataclass(frozen=True)
class Line:
    account: Account
    amount: int
    currency: str = "CNY"


class InsufficientFunds(ValidationError):
    pass


_historical_time: ContextVar[datetime.datetime | None] = ContextVar("ledger_historical_time", default=None)


@contextmanager
def ledger_historical_time(at: datetime.datetime) -> Iterator[None]:
    """Post what happens inside with the booking time `at` instead of now: only for loading records of money
    that moved in the past (the demo data, a legacy ledger being migrated), never for a request. The time
    may not lie in the future."""
    if timezone.is_naive(at) or at > timezone.now():
        raise ValueError("historical booking time must be an aware time in the past")
    token = _historical_time.set(at)
    try:
        yield
    finally:
        _historical_time.reset(token)


def account_balance(*, account: Account, currency: str = "CNY") -> int:
    return LedgerEntry.objects.filter(account=account, currency=currency).aggregate(s=Sum("amount"))["s"] or 0


def ledger_lock_accounts(accounts: list[Account]) -> None:
    """Row-lock accounts in primary-key order (one order for everyone, so no deadlocks)."""
    ids = sorted({a.pk for a in accounts})
    list(Account.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))


def ledger_post(
    *,
    kind: str,
    lines: list[Line],
    idempotency_key: str,
    memo: str = "",
    created_by=None,
    reverses: LedgerTransaction | None = None,
) -> LedgerTransaction:
    """Post one balanced transaction, exactly once per idempotency key.

    Rules: two or more entries summing to zero per currency; an account that holds money (anything but
    the outside world's mirror accounts) never goes below zero. Accounts that lose money are row-locked
    before their balance is read, so two concurrent disbursements cannot both spend the same yuan.
    """
    if refused := balance_refusal((line.account, line.amount, line.currency) for line in lines):
        messages, code = refused
        raise ValidationError([refusal(message, code) for message in messages])
    if not idempotency_key:
        raise refusal("缺少幂等键", FundingErrorCode.IDEMPOTENCY_KEY_REQUIRED)
    with transaction.atomic():
        existing = LedgerTransaction.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
        debited = [line.account for line in lines if line.amount < 0 and not line.account.may_go_negative]
        ledger_lock_accounts(debited)
        # Another worker may have posted this very key while we waited for the lock.
        existing = LedgerTransaction.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return existing
        _check_no_overdraft(lines)
        try:
            with transaction.atomic():
                tx = LedgerTransaction.objects.create(
                    kind=kind,
                    origin_kind=reverses.origin_kind if reverses else kind,
                    memo=memo[:300],
                    created_by=created_by,
                    reverses=reverses,
                    idempotency_key=idempotency_key,
                    created_at=_historical_time.get() or timezone.now(),
                )
        except IntegrityError:
            return LedgerTransaction.objects.get(idempotency_key=idempotency_key)
        entries = LedgerEntry.objects.bulk_create(
            [
                LedgerEntry(transaction=tx, account=line.account, amount=line.amount, currency=line.currency)
                for line in lines
            ]
        )
        # The kept transparency figures fold these in later (matching.outcomes.services.figures).
        LedgerEntryUnfolded.objects.bulk_create([LedgerEntryUnfolded(entry=e) for e in entries])
    return tx


def _check_no_overdraft(lines: list[Line]) -> None:
    change: dict[tuple[int, str], int] = {}
    accounts = {}
    for line in lines:
        if line.account.may_go_negative:
            continue
        key = (line.account.pk, line.currency)
        change[key] = change.get(key, 0) + line.amount
        accounts[line.account.pk] = line.account
    for (pk, currency), delta in change.items():
        if delta >= 0:
            continue
        balance = account_balance(account=accounts[pk], currency=currency)
        if balance + delta < 0:
            raise InsufficientFunds(
                f"余额不足：{accounts[pk]} 余额 {Money(balance, currency)}，本次需要 {Money(-delta, currency)}",
                code=str(FundingErrorCode.INSUFFICIENT_FUNDS),
            )


def ledger_reverse(
    *,
    original: LedgerTransaction,
    kind: str = LedgerTransaction.Kind.REVERSAL,
    idempotency_key: str,
    memo: str = "",
    created_by=None,
) -> LedgerTransaction:
    """Undo a transaction in full with a new one that points at it; the original stays as it was."""
    existing = LedgerTransaction.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    if original.reversals.exists():
        raise refusal(f"交易 #{original.pk} 已被冲正，不能重复冲正", FundingErrorCode.ALREADY_REVERSED)
    lines = [Line(e.account, -e.amount, e.currency) for e in original.entries.select_related("account")]
    return ledger_post(
        kind=kind,
        lines=lines,
        idempotency_key=idempotency_key,
        reverses=original,
        memo=memo or f"冲正 #{original.pk}",
        created_by=created_by,
    )
