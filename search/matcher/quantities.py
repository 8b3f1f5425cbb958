"""Money, headcount and volunteer counts read from free text, whatever their wording.

    还差八万来块钱 · 缺口8万 · 需资金80,000元 · 资金缺口人民币叁拾肆万叁仟元 · 11万2 · 十三万五
    两百人 · 一百三十来户 · 十来个志愿者 · 志愿者2名 · 还需要一位康复志愿者

``quantities(text)`` returns what it found (``money`` in fen, ``people``, ``volunteers``); the
matcher uses them where a document lacks the structured field, and ``is_quantity_line`` tells the
sentence rules that a sentence only states an amount (项目可用资金…、现招募…志愿者…) and says little
about what is offered. Approximations (来、多、余) read as the round number; a range (六七万)
as its lower end: enough to compare a budget with a request.
"""

from __future__ import annotations

import re

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壹": 1,
    "贰": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000}
_CN = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾百佰千仟万萬亿"

# A number: Arabic (with thousands separators and decimals) or Chinese, with its units, and a
# trailing digit that counts one unit lower (十三万五 = 135,000; 11万2 = 112,000). One character
# class, so the scan is a fast regex loop.
_SPAN = re.compile(rf"[0-9{_CN}][0-9,.{_CN}]*")
_APPROX_CHARS = "来多余几"
_CURRENCY = ("块钱", "块", "元", "圆")
_NOT_MONEY_AFTER = frozenset("人户名位个口岁年月日天次号届期级条")
_PEOPLE_AFTER = ("个人", "口人", "名", "位", "户", "人", "个")
_MONEY_CONTEXT = re.compile(r"缺口|差|需|资金|经费|钱|善款|预算|申请|元|块|费用|筹")
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_VOLUNTEER_GAP = re.compile(r"[^，,。；;！!？?\d]{0,12}?志愿者")
_QUANTITY_LINE = re.compile(
    r"^(?:目前|现有|全年|年度|本年度|本期|项目)?(?:可用|能用的钱|可用资金|可用善款|筹集|预算|资金|善款|经费)"
    r"|^(?:现|拟|还|正在)?(?:招募|招|还缺|还差|还需要?)[^，,。]{0,12}志愿者"
)
_INNER_APPROX = re.compile(r"[来多余](?=[万千百萬元块])")
_NUMERAL_CHARS = frozenset("0123456789" + _CN)


def _drop_inner_approx(text: str) -> str:
    """十余万元 → 十万元: an approximation word between a number and its unit."""
    return _INNER_APPROX.sub(lambda m: "" if m.start() and text[m.start() - 1] in _NUMERAL_CHARS else m.group(0), text)


def _chinese(text: str) -> int | None:
    total, section, digit, last_unit = 0, 0, None, 1
    for ch in text:
        if ch in _DIGITS:
            if digit is None:  # 六七万: a range, keep its lower end
                digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            section += (1 if digit is None else digit) * unit
            digit, last_unit = None, unit
        elif ch in _BIG_UNITS:
            unit = _BIG_UNITS[ch]
            total = (
                (total + section + (digit or 0)) * unit
                if total and unit > 10_000
                else total + (section + (digit or 0)) * unit
            )
            section, digit, last_unit = 0, None, unit
        else:
            return None
    if digit is not None and last_unit >= 100:  # 二十九万五, 三千五: one unit lower
        digit *= last_unit // 10
    return total + section + (digit or 0)


def parse_number(text: str) -> int | None:
    """A number as written, as an integer: 8万 → 80000, 80,000 → 80000,
    9.3万 → 93000, 十来 → 10, 叁拾肆万叁仟 → 343000, 11万2 → 112000. None if it is not a number."""
    text = text.strip()
    m = re.match(r"^(\d[\d,]*(?:\.\d+)?)(.*)$", text)
    if not m:
        return _chinese(text)
    value = float(m.group(1).replace(",", ""))
    rest = m.group(2)
    if not rest:
        return int(value)
    units = {**_SMALL_UNITS, **_BIG_UNITS}
    scale, tail = 1, ""
    for i, ch in enumerate(rest):
        if ch in units:
            scale = units[ch] if scale == 1 else scale * units[ch]
        else:
            tail = rest[i:]
            break
    result = value * scale
    if tail:
        low = _DIGITS.get(tail[0]) if not tail[0].isdigit() else int(tail[0])
        if low is None or scale < 100:
            return None
        result += low * scale // 10
    return int(result)


def quantities(text: str) -> dict[str, int]:
    """The largest amount of money (in fen), headcount and volunteer count stated in ``text``
    (normalised: simplified, half-width); keys only for what was found."""
    text = _drop_inner_approx(text or "")
    money, people, volunteers = [], [], []
    context: dict[int, bool] = {}  # sentence start -> does it speak of money
    for m in _SPAN.finditer(text):
        raw = m.group().rstrip(",.")
        if not raw.strip("万千百亿萬仟佰"):
            continue  # units alone (万、千) are not a number
        j = m.end()
        if text[j : j + 1] in _APPROX_CHARS and text[j : j + 1]:
            j += 1
        after = text[j : j + 2].lstrip()
        if after.startswith(_CURRENCY) or (any(u in raw for u in "万千百仟佰萬") and after[:1] not in _NOT_MONEY_AFTER):
            start = max((e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())), default=0)
            if start not in context:
                end = _SENTENCE_END.search(text, m.start())
                context[start] = bool(_MONEY_CONTEXT.search(text, start, end.start() if end else len(text)))
            if context[start] and (value := parse_number(raw)):
                money.append(value)
            continue
        counted = next((word for word in _PEOPLE_AFTER if after.startswith(word)), None)
        if counted is None:
            continue
        value = parse_number(raw)
        if not value:
            continue
        people.append(value)
        k = j + len(counted)
        if (
            text.endswith("志愿者", 0, m.start())  # 志愿者2名
            or text.startswith("志愿者", k)
            or (counted in ("名", "位", "个") and _VOLUNTEER_GAP.match(text, k))
        ):  # 七个…的志愿者
            volunteers.append(value)
    out: dict[str, int] = {}
    if money:
        out["money"] = max(money) * 100
    if people:
        out["people"] = max(people)
    if volunteers:
        out["volunteers"] = max(volunteers)
    return out


def is_quantity_line(sentence: str) -> bool:
    """A sentence that only states an amount of money or a recruitment (可用资金…、招募…志愿者)."""
    return bool(_QUANTITY_LINE.search(sentence))
