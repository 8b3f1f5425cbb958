"""Pure money rules: no ORM, unit-tested without a database."""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from matching.errors import refusal
from matching.funding.error_codes import FundingErrorCode
from matching.money import CURRENCIES, MAX_FEN, Money


def amount_refusal(fen, *, currency: str = "CNY", maximum: int = MAX_FEN) -> tuple[str, FundingErrorCode] | None:
    """Why an amount of money cannot be accepted, and its code (None when it can)."""
    if currency not in CURRENCIES:
        return f"不支持的币种：{currency}", FundingErrorCode.UNSUPPORTED_CURRENCY
    if isinstance(fen, bool) or not isinstance(fen, int):
        return "金额必须是整数分（不能有小于一分的零头）", FundingErrorCode.AMOUNT_NOT_WHOLE_FEN
    if fen == 0:
        return "金额必须大于零", FundingErrorCode.AMOUNT_ZERO
    if fen < 0:
        return "金额不能为负数", FundingErrorCode.AMOUNT_NEGATIVE
    if fen > maximum:
        return f"金额过大：单笔不能超过{Money(maximum, currency)}", FundingErrorCode.AMOUNT_TOO_LARGE
    return None


def amount_errors(fen, *, currency: str = "CNY", maximum: int = MAX_FEN) -> list[str]:
    """Why an amount of money cannot be accepted (empty when it can)."""
    refused = amount_refusal(fen, currency=currency, maximum=maximum)
    return [refused[0]] if refused else []


def validate_amount(fen, *, currency: str = "CNY", maximum: int = MAX_FEN) -> None:
    if refused := amount_refusal(fen, currency=currency, maximum=maximum):
        message, code = refused
        raise refusal(message, code, field="amount")


def balance_refusal(lines: Iterable[tuple[object, int, str]]) -> tuple[list[str], FundingErrorCode] | None:
    """A transaction is two or more non-zero integer entries summing to zero in each currency: why these
    lines are not one, and its code (None when they are)."""
    lines = list(lines)
    if len(lines) < 2:
        return ["一笔账本交易至少需要两条分录"], FundingErrorCode.TOO_FEW_ENTRIES
    totals: dict[str, int] = defaultdict(int)
    for _, amount, currency in lines:
        if isinstance(amount, bool) or not isinstance(amount, int):
            return ["分录金额必须是整数分"], FundingErrorCode.ENTRY_NOT_WHOLE_FEN
        if amount == 0:
            return ["分录金额不能为零"], FundingErrorCode.ENTRY_ZERO
        if currency not in CURRENCIES:
            return [f"不支持的币种：{currency}"], FundingErrorCode.UNSUPPORTED_CURRENCY
        totals[currency] += amount
    unbalanced = {c: t for c, t in totals.items() if t != 0}
    if unbalanced:
        return [f"借贷不平：{c} 差额 {t} 分" for c, t in sorted(unbalanced.items())], FundingErrorCode.UNBALANCED
    return None


def balance_errors(lines: Iterable[tuple[object, int, str]]) -> list[str]:
    """A transaction is two or more non-zero integer entries summing to zero in each currency."""
    refused = balance_refusal(lines)
    return refused[0] if refused else []


def needs_second_approval(amount: int, threshold: int, already_moved: int = 0) -> bool:
    """Four eyes above the threshold, counting what already left for the same need or project in the window,
    so splitting a sum into pieces does not avoid the second person."""
    return amount + already_moved > threshold


def approval_reason(*, amount: int, already_moved: int, threshold: int, window_days: int, currency: str = "CNY") -> str:
    """Why a disbursement waits for a second approver (empty when it does not)."""
    if not needs_second_approval(amount, threshold, already_moved):
        return ""
    if already_moved:
        return (
            f"本笔 {Money(amount, currency)} 与近 {window_days} 天内同一项目或需求已拨付的 "
            f"{Money(already_moved, currency)} 合计超过 {Money(threshold, currency)}，须由另一位管理员审批"
        )
    return f"本笔 {Money(amount, currency)} 超过 {Money(threshold, currency)}，须由另一位管理员审批"


def advance_cap_error(*, amount: int, already_advanced: int, cap: int, window_days: int, currency: str = "CNY") -> str:
    """Why an emergency advance is refused by the cap (empty when it fits), counting the advances the same need
    already received in the window."""
    if amount + already_advanced <= cap:
        return ""
    if already_advanced:
        return (
            f"先行救助在 {window_days} 天内对同一需求累计不能超过 {Money(cap, currency)}：该需求已先行救助 "
            f"{Money(already_advanced, currency)}，本次最多还可拨付 {Money(max(0, cap - already_advanced), currency)}"
        )
    return f"先行救助单笔不能超过 {Money(cap, currency)}"


def reversal_split(amount: int, holding_balance: int) -> tuple[int, int]:
    """How much of a reversal the holding account can return, and the shortfall to recover elsewhere.

    A refund or lost dispute takes money back from the project (or need) it went to; if that money
    was already spent, the holding account never goes negative: the rest is owed back (应追回).
    """
    taken = max(0, min(amount, holding_balance))
    return taken, amount - taken


def refundable(*, paid: int, already_reversed: int) -> int:
    return max(0, paid - already_reversed)


PAPERWORK_DUE, PAPERWORK_OVERDUE, PAPERWORK_RECEIVED = "due", "overdue", "received"


def paperwork_state(*, due_on: datetime.date | None, received_on: datetime.date | None, today: datetime.date) -> str:
    """Where an emergency advance's paperwork stands: received (whenever it came), overdue once the due
    day has passed without it, otherwise still due (the due day itself counts as in time)."""
    if received_on is not None:
        return PAPERWORK_RECEIVED
    if due_on is not None and today > due_on:
        return PAPERWORK_OVERDUE
    return PAPERWORK_DUE
