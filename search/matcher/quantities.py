"""Money, headcount and volunteer counts read from free text, whatever their wording.

    还差八万来块钱 · 缺口8万 · 需资金80,000元 · 资金缺口人民币叁拾肆万叁仟元 · 11万2 · 十三万五
    两百人 · 一百三十来户 · 十来个志愿者 · 志愿者2名 · 还需要一位康复志愿者

``quantities(text)`` returns what it found (``money`` in fen, ``people``, ``volunteers``); the
matcher uses them where a document lacks the structured field, and ``is_quantity_line`` tells the
sentence rules that a sentence only states an amount (项目可用资金…、现招募…志愿者…) and says little
about what is offered. Approximations (来、多、余、左右) read as the round number; a range (六七万)
as its lower end: enough to compare a budget with a request.
"""
from __future__ import annotations

import re

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
           "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "萬": 10_000, "亿": 100_000_000}
_CN = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾百佰千仟万萬亿"

# A number: Arabic (with thousands separators and decimals) or Chinese, then units, then a
# trailing digit that counts one unit lower (十三万五 = 135,000; 11万2 = 112,000).
NUMBER = (rf"(?:\d[\d,]*(?:\.\d+)?[{_CN}]*|[{_CN}]+)"
          r"(?:[0-9一二三四五六七八九](?![\d{cn}]))?".replace("{cn}", _CN))
_APPROX = r"(?:来|多|余|几)?"
_MONEY = re.compile(rf"({NUMBER}){_APPROX}\s*(?:块钱|块|元|圆)|({NUMBER}){_APPROX}(?=[^\d{_CN}人户名位个口岁年月日天次]|$)")
_MONEY_CONTEXT = re.compile(r"缺口|差|需|资金|经费|钱|善款|预算|申请|元|块|费用|筹")
_PEOPLE = re.compile(rf"({NUMBER}){_APPROX}\s*(?:个人|口人|名|位|户|人|个)")
_VOLUNTEERS = re.compile(rf"({NUMBER}){_APPROX}\s*(?:个|名|位)?[^，,。；;！!？?\d]{{0,12}}?志愿者|志愿者\s*({NUMBER})\s*(?:个|名|位|人)")
_QUANTITY_LINE = re.compile(
    r"^(?:目前|现有|全年|年度|本年度|本期|项目)?(?:可用|能用的钱|可用资金|可用善款|筹集|预算|资金|善款|经费)"
    r"|^(?:现|拟|还|正在)?(?:招募|招|还缺|还差|还需要?)[^，,。]{0,12}志愿者")


_INNER_APPROX = re.compile(rf"(?<=[\d{_CN}])(?:来|多|余)(?=[万千百萬元块])")


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
            total = (total + section + (digit or 0)) * unit if total and unit > 10_000 else total + (section + (digit or 0)) * unit
            section, digit, last_unit = 0, None, unit
        else:
            return None
    if digit is not None and last_unit >= 100:  # 二十九万五, 三千五: one unit lower
        digit *= last_unit // 10
    return total + section + (digit or 0)


def parse_number(text: str) -> int | None:
    """``text`` (one match of ``NUMBER``) as an integer: 8万 → 80000, 80,000 → 80000,
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
    out: dict[str, int] = {}
    text = _INNER_APPROX.sub("", text or "")  # 十余万元 → 十万元
    money = []
    for sentence in re.split(r"[。！？!?；;\n]", text or ""):
        if not _MONEY_CONTEXT.search(sentence):
            continue
        for m in _MONEY.finditer(sentence):
            raw = m.group(1) or m.group(2)
            if m.group(2) and not re.search(r"[万千百仟佰萬]", raw):
                continue  # a bare number is money only with a currency word
            value = parse_number(raw)
            if value:
                money.append(value)
    if money:
        out["money"] = max(money) * 100
    volunteers = [parse_number(m.group(1) or m.group(2)) for m in _VOLUNTEERS.finditer(text or "")]
    volunteers = [v for v in volunteers if v]
    if volunteers:
        out["volunteers"] = max(volunteers)
    people = [parse_number(m.group(1)) for m in _PEOPLE.finditer(text or "")]
    people = [p for p in people if p]
    if people:
        out["people"] = max(people)
    return out


def is_quantity_line(sentence: str) -> bool:
    """A sentence that only states an amount of money or a recruitment (可用资金…、招募…志愿者)."""
    return bool(_QUANTITY_LINE.search(sentence))
