import pytest
from django.core.exceptions import ValidationError

from matching.error_codes import MoneyErrorCode
from matching.errors import error_codes
from matching.funding.error_codes import FundingErrorCode
from matching.funding.rules import (
    amount_errors,
    balance_errors,
    balance_refusal,
    needs_second_approval,
    refundable,
    reversal_split,
    validate_amount,
)
from matching.money import MAX_FEN, AmountError, Money, parse_yuan


@pytest.mark.parametrize(
    "fen, message",
    [
        (0, "大于零"),
        (-100, "负数"),
        (1.5, "整数分"),
        (True, "整数分"),
        (MAX_FEN + 1, "过大"),
        ("100", "整数分"),
    ],
)
def test_bad_amounts_are_refused_with_a_reason(fen, message):
    assert any(message in e for e in amount_errors(fen))


def test_unknown_currency_is_refused():
    assert amount_errors(100, currency="USD") == ["不支持的币种：USD"]
    with pytest.raises(ValidationError) as refused:
        validate_amount(100, currency="XXX")
    assert error_codes(refused.value) == {FundingErrorCode.UNSUPPORTED_CURRENCY}
    assert list(refused.value.message_dict) == ["amount"]


def test_the_maximum_is_inclusive():
    assert amount_errors(500, maximum=500) == []
    assert "过大" in amount_errors(501, maximum=500)[0]


def test_fractional_fen_never_becomes_money():
    with pytest.raises(AmountError) as refused:
        parse_yuan("10.001")
    assert refused.value.code == MoneyErrorCode.FRACTION_OF_A_FEN


def test_a_transaction_must_balance_per_currency():
    assert balance_errors([("a", 100, "CNY"), ("b", -100, "CNY")]) == []
    assert "借贷不平" in balance_errors([("a", 100, "CNY"), ("b", -99, "CNY")])[0]
    assert "至少需要两条" in balance_errors([("a", 0, "CNY")])[0]
    assert "不能为零" in balance_errors([("a", 0, "CNY"), ("b", 0, "CNY")])[0]
    assert "整数分" in balance_errors([("a", 1.0, "CNY"), ("b", -1.0, "CNY")])[0]
    assert "不支持的币种" in balance_errors([("a", 1, "USD"), ("b", -1, "USD")])[0]


def test_second_approval_only_above_the_threshold():
    assert not needs_second_approval(5_000_000, 5_000_000)
    assert needs_second_approval(5_000_001, 5_000_000)


def test_reversal_takes_what_the_holder_has_and_owes_the_rest():
    assert reversal_split(300, 1000) == (300, 0)
    assert reversal_split(300, 100) == (100, 200)
    assert reversal_split(300, 0) == (0, 300)


def test_refundable_never_negative():
    assert refundable(paid=1000, already_reversed=300) == 700
    assert refundable(paid=1000, already_reversed=1000) == 0


def test_money_formats_like_a_receipt():
    assert str(Money(123450)) == "¥1,234.50"


@pytest.mark.parametrize(
    "fen, code",
    [
        (0, FundingErrorCode.AMOUNT_ZERO),
        (-100, FundingErrorCode.AMOUNT_NEGATIVE),
        (1.5, FundingErrorCode.AMOUNT_NOT_WHOLE_FEN),
        (MAX_FEN + 1, FundingErrorCode.AMOUNT_TOO_LARGE),
    ],
)
def test_a_refused_amount_carries_its_code(fen, code):
    with pytest.raises(ValidationError) as refused:
        validate_amount(fen)
    assert error_codes(refused.value) == {code}


@pytest.mark.parametrize(
    "lines, code",
    [
        ([("a", 100, "CNY"), ("b", -99, "CNY")], FundingErrorCode.UNBALANCED),
        ([("a", 0, "CNY")], FundingErrorCode.TOO_FEW_ENTRIES),
        ([("a", 0, "CNY"), ("b", 0, "CNY")], FundingErrorCode.ENTRY_ZERO),
        ([("a", 1.0, "CNY"), ("b", -1.0, "CNY")], FundingErrorCode.ENTRY_NOT_WHOLE_FEN),
        ([("a", 1, "USD"), ("b", -1, "USD")], FundingErrorCode.UNSUPPORTED_CURRENCY),
    ],
)
def test_a_refused_transaction_carries_its_code(lines, code):
    assert balance_refusal(lines)[1] == code
    assert balance_refusal([("a", 100, "CNY"), ("b", -100, "CNY")]) is None
