"""Unified social credit code (统一社会信用代码), GB 32100-2015.

18 characters: registration authority (1), organisation type (1), region code (6),
organisation code (9, with its own GB 11714 check character) and a check character over the
first 17. Pure functions; the model validator and the importer both call `uscc_errors`.
"""

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}

# Registration authorities and the organisation types each may issue (first two characters).
AUTHORITY_TYPES = {
    "1": "1239", "5": "1239", "9": "123", "Y": "1",  # 机构编制, 民政, 工商, 其他
    "2": "1", "3": "12345", "4": "12", "6": "12", "7": "12", "8": "12", "A": "19", "N": "1239",
}


def uscc_check_char(first17: str) -> str:
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31]


def uscc_errors(code: str) -> list[str]:
    """Every reason the code is not a valid USCC, in Chinese, empty when it is valid."""
    if not isinstance(code, str) or not code:
        return ["统一社会信用代码不能为空"]
    code = code.strip().upper()
    if len(code) != 18:
        return [f"统一社会信用代码应为18位，实际为{len(code)}位"]
    errors = [
        f"第{i}位字符“{ch}”不是有效字符（不使用 I、O、S、V、Z）"
        for i, ch in enumerate(code, start=1)
        if ch not in _VALUE
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
