"""Stable codes of the needs domain's refusals (matching/errors.py)."""
from enum import StrEnum


class NeedErrorCode(StrEnum):
    NOT_A_COUNTY = "not_a_county"
    STATUS_STEP_NOT_ALLOWED = "status_step_not_allowed"
    DELIVERY_REQUIRED = "delivery_required"
    NEGATIVE_AMOUNT = "negative_amount"
    RESPONSE_LOG_APPEND_ONLY = "response_log_append_only"
