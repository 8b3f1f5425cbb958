"""Refusals carry a code whether or not they name a field. No database."""

from enum import StrEnum

from matching.errors import error_codes, refusal


class Code(StrEnum):
    TOO_LATE = "too_late"


def test_a_refusal_on_a_field_keeps_message_and_code():
    error = refusal("已超过截止日期", Code.TOO_LATE, field="deadline")
    assert error.message_dict == {"deadline": ["已超过截止日期"]}
    assert error_codes(error) == {"too_late"}


def test_a_refusal_without_a_field_keeps_message_and_code():
    error = refusal("已超过截止日期", Code.TOO_LATE)
    assert error.messages == ["已超过截止日期"] and error.code == "too_late"
    assert error_codes(error) == {"too_late"}
