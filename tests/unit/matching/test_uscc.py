import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from matching.uscc import ALPHABET, uscc_check_char, uscc_errors

VALID = "52360300MJ000000XE"


def test_valid_code_has_no_errors():
    assert uscc_errors(VALID) == []
    assert uscc_errors(VALID.lower()) == []


def test_wrong_check_digit_names_the_expected_character():
    wrong = VALID[:17] + ("0" if VALID[17] != "0" else "1")
    [error] = uscc_errors(wrong)
    assert "校验位" in error and f"“{VALID[17]}”" in error


@pytest.mark.parametrize(
    "code, fragment",
    [
        ("", "不能为空"),
        ("52360300MJ00000", "应为18位"),
        ("52360300MJ0000O0XE", "第15位字符“O”"),
        ("52ABCDEFMJ000000XE", "行政区划码"),
    ],
)
def test_malformed_codes_say_what_is_wrong(code, fragment):
    errors = uscc_errors(code)
    assert errors and fragment in errors[0]


def test_check_char_is_consistent_with_validation():
    body = "51110000MJ0012345"
    assert uscc_errors(body + uscc_check_char(body)) == []


@given(
    head=st.text(alphabet="0123456789", min_size=2, max_size=2),
    body=st.text(alphabet=ALPHABET, min_size=9, max_size=9),
    last=st.sampled_from(ALPHABET),
)
def test_our_check_agrees_with_stdnum_on_codes_with_a_numeric_authority(head, body, last):
    code = head + "360321" + body + last
    assert (uscc_errors(code) == []) == stdnum_uscc.is_valid(code)


def test_letter_authorities_of_the_standard_are_accepted():
    # GB 32100 lets authorities N (agriculture) and Y (others) issue codes; stdnum refuses any letter there.
    body = "N2360321MA0000001"
    code = body + uscc_check_char(body)
    assert uscc_errors(code) == [] and not stdnum_uscc.is_valid(code)
