import pytest

from matching.error_codes import MoneyErrorCode
from matching.money import AmountError, Money, compact_yuan, format_yuan, parse_yuan


@pytest.mark.parametrize("text, fen", [("80000.00", 8_000_000), ("0.01", 1), ("12", 1200), ("1,234.5", 123_450)])
def test_parse_yuan(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize(
    "text, code",
    [
        ("0.001", MoneyErrorCode.FRACTION_OF_A_FEN),
        ("-5", MoneyErrorCode.NEGATIVE),
        ("abc", MoneyErrorCode.NOT_A_NUMBER),
        ("1e30", MoneyErrorCode.TOO_LARGE),
        ("NaN", MoneyErrorCode.NOT_A_NUMBER),
    ],
)
def test_parse_yuan_refuses_what_is_not_money(text, code):
    with pytest.raises(AmountError) as refused:
        parse_yuan(text)
    assert refused.value.code == code


def test_parse_yuan_refuses_floats_and_zero_when_asked():
    with pytest.raises(AmountError) as refused:
        parse_yuan(1.5)
    assert refused.value.code == MoneyErrorCode.FLOAT_NOT_ACCEPTED
    with pytest.raises(AmountError) as refused:
        parse_yuan("0", allow_zero=False)
    assert refused.value.code == MoneyErrorCode.ZERO


def test_money_display_and_arithmetic():
    assert str(Money(123_450)) == "¥1,234.50"
    assert str(Money(-5)) == "-¥0.05"
    assert (Money(100) + Money(250)).fen == 350
    assert format_yuan(-12345) == "-123.45"
    with pytest.raises(TypeError):
        Money(1.5)
    with pytest.raises(AmountError) as refused:
        Money(1, "XYZ")
    assert refused.value.code == MoneyErrorCode.UNSUPPORTED_CURRENCY


@pytest.mark.parametrize(
    ("fen", "zh", "en"),
    [
        (1_601_000_000, "¥1,601.0万", "¥16.0M"),  # the home page's funds available
        (12_000_000_000, "¥1.2亿", "¥120.0M"),
        (1_000_000, "¥1.0万", "¥10.0K"),  # ¥10,000: the first sum shown short
        (9_999_999_999, "¥1.0亿", "¥100.0M"),  # rounds up into the next unit, not "10,000.0万"
        (99_999_999, "¥100.0万", "¥1.0M"),
        (123_456_789_000, "¥12.3亿", "¥1.2B"),
        (-1_601_000_000, "-¥1,601.0万", "-¥16.0M"),
    ],
)
def test_compact_yuan_shows_large_sums_as_chinese_sites_do(fen, zh, en):
    assert compact_yuan(fen) == zh
    assert compact_yuan(fen, style="en") == en


def test_compact_yuan_leaves_sums_under_ten_thousand_exact():
    assert compact_yuan(999_999) is None
    assert compact_yuan(0) is None
