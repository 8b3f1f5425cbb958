"""Unified social credit code (统一社会信用代码), GB 32100-2015.

18 characters: registration authority (1), organisation type (1), region code (6),
organisation code (9) and a check character over the first 17. The arithmetic is python-stdnum's
(`stdnum.cn.uscc`); this module words every fault precisely in Chinese, which stdnum's exceptions
do not (which character is wrong, which check character was expected), and accepts the letter
authorities the standard allows (N, Y, …), which stdnum's `validate` refuses. The model validator, the
importer and the registration form all call `uscc_errors`.
"""

from stdnum.cn import uscc as stdnum_uscc

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z


def uscc_check_char(first17: str) -> str:
    """The check character (18th) for the first 17 characters."""
    return stdnum_uscc.calc_check_digit(first17)


def uscc_errors(code: str) -> list[str]:
    """Every reason the code is not a valid USCC, in Chinese, empty when it is valid."""
    if not isinstance(code, str) or not code:
        return ["统一社会信用代码不能为空"]
    code = normalise_uscc(code)
    if len(code) != 18:
        return [f"统一社会信用代码应为18位，实际为{len(code)}位"]
    errors = [
        f"第{i}位字符“{ch}”不是有效字符（不使用 I、O、S、V、Z）"
        for i, ch in enumerate(code, start=1)
        if ch not in ALPHABET
    ]
    if errors:
        return errors
    if not code[2:8].isdigit():
        return ["第3-8位应为六位数字的行政区划码"]
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return [f"校验位不符：第18位应为“{expected}”，实际为“{code[17]}”"]
    return []


def normalise_uscc(code: str) -> str:
    return code.strip().upper()
