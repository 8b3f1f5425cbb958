"""Money arithmetic in integer fen. No floats anywhere in money paths."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from matching.error_codes import MoneyErrorCode

CURRENCIES = {"CNY": ("¥", 2)}
MAX_FEN = 10**15  # ¥10 trillion: anything larger is a typing error, not a donation.


class AmountError(ValueError):
    """A value that is not money: the Chinese message is for people, ``code`` (MoneyErrorCode) for programs."""

    def __init__(self, message: str, code: MoneyErrorCode):
        super().__init__(message)
        self.code = code

    def __reduce__(self):
        return type(self), (str(self), self.code)


def parse_yuan(value, *, allow_zero: bool = True, allow_negative: bool = False) -> int:
    """Turn a decimal string in yuan ("80000.00") into integer fen, refusing what is not money."""
    if isinstance(value, float):
        raise AmountError('金额不能是浮点数，请使用字符串，如 "80000.00"', MoneyErrorCode.FLOAT_NOT_ACCEPTED)
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise AmountError(f"金额“{value}”不是有效的数字", MoneyErrorCode.NOT_A_NUMBER) from None
    if not amount.is_finite():
        raise AmountError(f"金额“{value}”不是有效的数字", MoneyErrorCode.NOT_A_NUMBER)
    if abs(amount) > Decimal(MAX_FEN) / 100:
        raise AmountError(f"金额“{value}”过大", MoneyErrorCode.TOO_LARGE)
    if amount != amount.quantize(Decimal("0.01")):
        raise AmountError(f"金额“{value}”最多保留两位小数（分）", MoneyErrorCode.FRACTION_OF_A_FEN)
    fen = int(amount * 100)
    if fen < 0 and not allow_negative:
        raise AmountError(f"金额“{value}”不能为负数", MoneyErrorCode.NEGATIVE)
    if fen == 0 and not allow_zero:
        raise AmountError("金额必须大于零", MoneyErrorCode.ZERO)
    if abs(fen) > MAX_FEN:
        raise AmountError(f"金额“{value}”过大", MoneyErrorCode.TOO_LARGE)
    return fen


def format_yuan(fen: int) -> str:
    """Decimal string in yuan for exports: 12345 → "123.45"."""
    sign = "-" if fen < 0 else ""
    fen = abs(int(fen))
    return f"{sign}{fen // 100}.{fen % 100:02d}"


@dataclass(frozen=True, slots=True)
class Money:
    fen: int
    currency: str = "CNY"

    def __post_init__(self):
        if not isinstance(self.fen, int) or isinstance(self.fen, bool):
            raise TypeError("Money holds integer fen")
        if self.currency not in CURRENCIES:
            raise AmountError(f"不支持的币种：{self.currency}", MoneyErrorCode.UNSUPPORTED_CURRENCY)

    def _same(self, other: "Money") -> None:
        if not isinstance(other, Money) or other.currency != self.currency:
            raise AmountError("只能对同一币种的金额进行运算", MoneyErrorCode.CURRENCY_MISMATCH)

    def __add__(self, other: "Money") -> "Money":
        self._same(other)
        return Money(self.fen + other.fen, self.currency)

    def __sub__(self, other: "Money") -> "Money":
        self._same(other)
        return Money(self.fen - other.fen, self.currency)

    def __neg__(self) -> "Money":
        return Money(-self.fen, self.currency)

    def __lt__(self, other: "Money") -> bool:
        self._same(other)
        return self.fen < other.fen

    def __le__(self, other: "Money") -> bool:
        self._same(other)
        return self.fen <= other.fen

    def __str__(self) -> str:
        symbol, _ = CURRENCIES[self.currency]
        sign = "-" if self.fen < 0 else ""
        whole, cents = divmod(abs(self.fen), 100)
        return f"{sign}{symbol}{whole:,}.{cents:02d}"

    @classmethod
    def from_yuan(cls, value, currency: str = "CNY") -> "Money":
        return cls(parse_yuan(value, allow_negative=True), currency)


# Large sums the way Chinese sites print them (1,601.0万, 1.2亿); English uses K/M/B.
_COMPACT_UNITS = {
    "zh": ((10**8, "亿"), (10**4, "万")),
    "en": ((10**9, "B"), (10**6, "M"), (10**3, "K")),
}
COMPACT_FROM_YUAN = 10**4  # below ¥10,000 the exact figure is short enough to show as it is


def compact_yuan(fen: int, currency: str = "CNY", *, style: str = "zh") -> str | None:
    """The short form of a large sum: ¥1,601.0万 for 16,010,000 yuan (style "zh") or ¥16.0M (style "en"),
    rounded half up to one decimal in the largest unit it reaches; None under ¥10,000, where the exact
    figure is short enough to show as it is."""
    symbol, _ = CURRENCIES[currency]
    fen = int(fen)
    yuan = Decimal(abs(fen)) / 100
    if yuan < COMPACT_FROM_YUAN:
        return None
    sign = "-" if fen < 0 else ""
    for size, unit in _COMPACT_UNITS["en" if style == "en" else "zh"]:
        shown = (yuan / size).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
        if shown >= 1:
            return f"{sign}{symbol}{shown:,}{unit}"
    return None
