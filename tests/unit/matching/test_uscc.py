import pytest

from matching.uscc import uscc_check_char, uscc_errors

VALID = "52360300MJ000000XE"


def test_valid_code_has_no_errors():
    assert uscc_errors(VALID) == []
    assert uscc_errors(VALID.lower()) == []


def test_wrong_check_digit_names_the_expected_character():
    wrong = VALID[:17] + ("0" if VALID[17] != "0" else "1")
    [error] = uscc_errors(wrong)
    assert "校验位" in error and f"“{VALID[17]}”" in error


@pytest.mark.parametrize("code, fragment", [
    ("", "不能为空"),
    ("52360300MJ00000", "应为18位"),
    ("52360300MJ0000O0XE", "第15位字符“O”"),
    ("52ABCDEFMJ000000XE", "行政区划码"),
])
def test_malformed_codes_say_what_is_wrong(code, fragment):
    errors = uscc_errors(code)
    assert errors and fragment in errors[0]


def test_check_char_is_consistent_with_validation():
    body = "51110000MJ0012345"
    assert uscc_errors(body + uscc_check_char(body)) == []
